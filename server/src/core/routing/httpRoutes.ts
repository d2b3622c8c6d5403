import type { HttpMatch, HttpRoute, StringMatch } from '../model/istioTypes';
import type { VirtualService } from '../model/virtualService';
import { isVisible, labelsMatch, resolveGatewayName } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import { routeOfRule, type VirtualServiceRule } from './fromVirtualService';
import { isCatchAll } from './match';
import type { Route } from './routeModel';
import type { Trace } from './trace';
import type { ResourceMeta } from '../model/resource';
import type { Path } from '../yaml/locate';

/** The proxy the routes are built for: its workload labels, namespace, and the gateway names it answers to. */
export interface ProxyContext {
  labels: Record<string, string>;
  namespace: string;
  /** `mesh` for a sidecar, `namespace/name` for a gateway. */
  gatewayName: string;
  listenerPort: number;
}

function resolveGateways(m: HttpMatch, ns: string): HttpMatch {
  return m.gateways.length ? { ...m, gateways: m.gateways.map((g) => resolveGatewayName(g, ns)) } : m;
}

/** A rule with its match-level gateways resolved in its VirtualService's namespace, made once per
 *  rule (a rule belongs to one VirtualService), so that routes built from it can be kept. */
const resolvedRules = new WeakMap<HttpRoute, HttpRoute>();
function withResolvedGateways(r: HttpRoute, ns: string): HttpRoute {
  if (!r.match) return r;
  let own = resolvedRules.get(r);
  if (!own) resolvedRules.set(r, (own = { ...r, match: r.match.map((m) => resolveGateways(m, ns)) }));
  return own;
}

/** route.go sourceMatchHTTP: match-level gateways, when set, decide alone (source labels and
 *  namespace are then not checked); otherwise sourceLabels ⊆ proxy labels and sourceNamespace. */
export function whySourceNotMatched(m: HttpMatch | undefined, proxy: ProxyContext): string | undefined {
  if (!m) return undefined;
  if (m.port && m.port !== proxy.listenerPort) return `match port ${m.port} is not the request's port ${proxy.listenerPort}`;
  if (m.gateways.length) {
    return m.gateways.includes(proxy.gatewayName) ? undefined : `match gateways [${m.gateways.join(', ')}] do not include ${proxy.gatewayName}`;
  }
  if (!labelsMatch(m.sourceLabels, proxy.labels)) return `sourceLabels do not match the client's labels`;
  if (m.sourceNamespace && m.sourceNamespace !== proxy.namespace) return `sourceNamespace ${m.sourceNamespace} is not the client's namespace ${proxy.namespace}`;
  return undefined;
}

/** Builds the Envoy routes of a VirtualService for one proxy and listener port
 *  (route.go BuildHTTPRoutesForVirtualService): delegates merged in place, match blocks filtered by
 *  the static conditions, and everything after the first catch-all dropped. The routes depend on the
 *  snapshot, the VirtualService and the proxy alone: they are built once per snapshot and proxy, and
 *  the trace steps of building them are replayed. The routes returned are shared: never modify them. */
export function buildHttpRoutes(snap: Snapshot, vs: VirtualService, proxy: ProxyContext, trace: Trace): readonly Route[] {
  const cache = snap.memo('routing.httpRoutes', () => new WeakMap<VirtualService, Map<string, BuiltRoutes>>());
  let byProxy = cache.get(vs);
  if (!byProxy) cache.set(vs, (byProxy = new Map()));
  const key = proxyKey(proxy);
  let built = byProxy.get(key);
  if (!built) {
    // Requests from many different clients: keep the last few dozen proxies, not all of them.
    if (byProxy.size >= 64) byProxy.clear();
    const steps: BuiltRoutes['steps'] = [];
    built = { routes: routesFor(snap, vs, proxy, { at: (message, meta, path = []) => steps.push([message, meta, path]) }), steps };
    byProxy.set(key, built);
  }
  for (const [message, meta, path] of built.steps) trace.at(message, meta, path);
  return built.routes;
}

interface BuiltRoutes {
  routes: Route[];
  steps: [message: string, meta: ResourceMeta, path: Path][];
}

/** Where building routes says what it left out. */
type Steps = Pick<Trace, 'at'>;

function proxyKey(p: ProxyContext): string {
  const labels = Object.keys(p.labels);
  const key = `${p.namespace}\0${p.gatewayName}\0${p.listenerPort}`;
  return labels.length ? `${key}\0${JSON.stringify(labels.sort().map((k) => [k, p.labels[k]]))}` : key;
}

function routesFor(snap: Snapshot, vs: VirtualService, proxy: ProxyContext, trace: Steps): Route[] {
  const out: Route[] = [];
  for (const candidate of expandDelegates(snap, vs, trace)) {
    const matches = candidate.route.match;
    if (!matches) {
      out.push(routeOfRule(candidate));
      return out;
    }
    for (const m of matches) {
      const why = whySourceNotMatched(m, proxy);
      const vsOfMatch = candidate.vs;
      if (why) {
        trace.at(`${vsOfMatch.meta.name} http[${candidate.route.index}].match[${m.index}] is left out for this client: ${why}`, vsOfMatch.meta, ['spec', 'http', candidate.route.index, 'match', m.index]);
        continue;
      }
      const route = routeOfRule({ ...candidate, match: m });
      out.push(route);
      if (isCatchAll(route.match)) return out;
    }
  }
  return out;
}

/** One route per root route, with delegate routes spliced in place of a `delegate` route
 *  (virtualservice.go mergeVirtualServices / mergeHTTPRoutes). */
function expandDelegates(snap: Snapshot, vs: VirtualService, trace: Steps): VirtualServiceRule[] {
  const out: VirtualServiceRule[] = [];
  for (const r of vs.http) {
    const own = withResolvedGateways(r, vs.meta.namespace);
    if (!r.delegate) {
      out.push({ vs, route: own });
      continue;
    }
    const ns = r.delegate.namespace || vs.meta.namespace;
    const delegate = snap.virtualServices.find((d) => d.meta.name === r.delegate!.name && d.meta.namespace === ns && d.hosts.length === 0);
    const path = ['spec', 'http', r.index, 'delegate'];
    if (!delegate) {
      trace.at(`delegate VirtualService ${ns}/${r.delegate.name} does not exist (or has hosts): route http[${r.index}] is skipped`, vs.meta, path);
      continue;
    }
    if (!isVisible(delegate.exportTo, delegate.meta.namespace, vs.meta.namespace)) {
      trace.at(`delegate VirtualService ${ns}/${r.delegate.name} is not exported to namespace ${vs.meta.namespace}: route http[${r.index}] is skipped`, vs.meta, path);
      continue;
    }
    trace.at(`http[${r.index}] delegates to VirtualService ${ns}/${delegate.meta.name}; its routes take this route's place`, vs.meta, path);
    for (const d of delegate.http) {
      if (d.delegate) {
        trace.at(`delegate ${ns}/${delegate.meta.name} http[${d.index}] delegates again, which Istio does not allow: skipped`, delegate.meta, ['spec', 'http', d.index, 'delegate']);
        continue;
      }
      const merged = mergeRoute(own, d, delegate.meta.namespace);
      if (!merged) {
        trace.at(`delegate ${ns}/${delegate.meta.name} http[${d.index}] conflicts with the root's match conditions: dropped`, delegate.meta, ['spec', 'http', d.index, 'match']);
        continue;
      }
      out.push({ vs: delegate, route: merged, root: { vs, routeIndex: r.index } });
    }
  }
  return out;
}

/** virtualservice.go mergeHTTPRoute: the delegate's matches are combined with the root's, and it
 *  inherits the root's rewrite, direct response, timeout, retries, fault, mirror, CORS and headers. */
function mergeRoute(root: HttpRoute, d: HttpRoute, delegateNs: string): HttpRoute | undefined {
  const dMatches = d.match?.map((m) => resolveGateways(m, delegateNs));
  let match: HttpMatch[] | undefined;
  if (!root.match) match = dMatches;
  else if (!dMatches) match = root.match;
  else {
    match = [];
    for (const dm of dMatches) {
      const compatible = root.match.filter((rm) => !hasConflict(rm, dm));
      if (!compatible.length) return undefined;
      for (const rm of compatible) match.push({ ...mergeMatch(rm, dm), index: dm.index });
    }
  }
  return {
    ...d,
    match,
    rewrite: d.rewrite ?? root.rewrite,
    directResponse: d.directResponse ?? root.directResponse,
    timeout: d.timeout ?? root.timeout,
    retries: d.retries ?? root.retries,
    fault: d.fault ?? root.fault,
    mirrors: d.mirrors.length ? d.mirrors : root.mirrors,
    corsPolicy: d.corsPolicy ?? root.corsPolicy,
    headers: d.headers ?? root.headers,
  };
}

function mergeMatch(root: HttpMatch, d: HttpMatch): HttpMatch {
  return {
    ...d,
    uri: d.uri ?? root.uri,
    scheme: d.scheme ?? root.scheme,
    method: d.method ?? root.method,
    authority: d.authority ?? root.authority,
    headers: { ...root.headers, ...d.headers },
    withoutHeaders: { ...root.withoutHeaders, ...d.withoutHeaders },
    queryParams: { ...root.queryParams, ...d.queryParams },
    sourceLabels: { ...root.sourceLabels, ...d.sourceLabels },
    port: d.port ?? root.port,
    sourceNamespace: d.sourceNamespace ?? root.sourceNamespace,
    gateways: d.gateways.length ? d.gateways : root.gateways,
  };
}

/** virtualservice.go stringMatchConflict: a delegate condition must narrow the root's. Regex on
 *  either side conflicts with any other typed match; exact must be equal; prefix must extend. */
function stringMatchConflict(root: StringMatch | undefined, leaf: StringMatch | undefined): boolean {
  if (!root || !leaf) return false;
  if (root.kind === 'regex' || leaf.kind === 'regex') return true;
  if (root.kind === 'exact') return leaf.kind !== 'exact' || leaf.value !== root.value;
  if (root.kind === 'prefix' && (leaf.kind === 'prefix' || leaf.kind === 'exact')) return !leaf.value.startsWith(root.value);
  return true;
}

function hasConflict(root: HttpMatch, leaf: HttpMatch): boolean {
  if (stringMatchConflict(root.uri, leaf.uri) || stringMatchConflict(root.scheme, leaf.scheme) ||
    stringMatchConflict(root.method, leaf.method) || stringMatchConflict(root.authority, leaf.authority)) return true;
  for (const [k, v] of Object.entries(leaf.headers)) if (stringMatchConflict(root.headers[k], v)) return true;
  for (const [k, v] of Object.entries(leaf.withoutHeaders)) if (stringMatchConflict(root.withoutHeaders[k], v)) return true;
  for (const [k, v] of Object.entries(leaf.queryParams)) if (stringMatchConflict(root.queryParams[k], v)) return true;
  if (root.port && leaf.port && root.port !== leaf.port) return true;
  if (root.ignoreUriCase !== leaf.ignoreUriCase) return true;
  if (root.sourceNamespace && leaf.sourceNamespace !== root.sourceNamespace) return true;
  for (const [k, v] of Object.entries(leaf.sourceLabels)) if (k in root.sourceLabels && root.sourceLabels[k] !== v) return true;
  if (root.gateways.length && leaf.gateways.length) {
    if (root.gateways.length < leaf.gateways.length || leaf.gateways.some((g) => !root.gateways.includes(g))) return true;
  }
  return false;
}
