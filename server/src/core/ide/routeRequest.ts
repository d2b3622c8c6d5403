import type { HttpMatch, StringMatch } from '../model/istioTypes';
import type { VirtualService } from '../model/virtualService';
import type { Workload } from '../model/workload';
import type { RequestInput } from '../routing/request';
import { vsGateways } from '../routing/selection';
import { isWildcard, labelsMatch, resolveGatewayName } from '../workspace/hosts';
import { internalListenerPort } from '../gatewayapi/gatewayChoice';
import type { Snapshot } from '../workspace/snapshot';
import { decidingRoute } from './lensDecision';
import { fqdnOf, serviceFor, workloadsOf } from './workspaceFacts';

/** A request that exercises one http route of a VirtualService, built from its first match block,
 *  as a command line for Simulate Request; `matches` says whether the engine agrees it hits the route. */
export interface RouteRequest {
  commandLine: string;
  input: RequestInput;
  matches: boolean;
}

/** A value a string match accepts (a best guess for regexes; the engine checks the result). */
export function sampleValue(m: StringMatch | undefined, fallback: string): string {
  if (!m) return fallback;
  if (m.kind === 'present') return fallback || 'x';
  if (m.kind !== 'regex') return m.value;
  return m.value
    .replace(/^\^|\$$/g, '')
    .replace(/\[(\^?)([^\]]*)\][*+?]?|\\d[*+?]?|\\w[*+?]?|\.[*+?]?/g, (t, neg?: string, cls?: string) => {
      if (t.endsWith('*') || t.endsWith('?')) return '';
      if (cls !== undefined) return neg ? 'x' : cls.replace(/^\\/, '')[0] ?? 'x';
      return t.startsWith('\\d') ? '1' : t.startsWith('\\w') ? 'a' : 'x';
    })
    .replace(/\(([^|)]*)(\|[^)]*)?\)[?*]?/g, '$1')
    .replace(/\\(.)/g, '$1');
}

/** A word of a command line, quoted for splitWords (simulate.ts) when it needs it. */
export function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The workloads behind a VirtualService's hosts and destinations, once per snapshot (every lens of
 *  the VirtualService asks). */
function serverWorkloads(snap: Snapshot, vs: VirtualService): ReadonlySet<Workload> {
  const cache = snap.memo('ide.serverWorkloads', () => new WeakMap<VirtualService, ReadonlySet<Workload>>());
  let set = cache.get(vs);
  if (!set) {
    const hosts = [...vs.hosts, ...vs.http.flatMap((r) => r.route.map((d) => d.destination.host))];
    cache.set(vs, (set = new Set(hosts.flatMap((h) => workloadsOf(snap, serviceFor(snap, h, vs.meta.namespace))))));
  }
  return set;
}

/** A client for the request: one the match's sourceLabels select, else a workload of the
 *  VirtualService's namespace behind neither its hosts nor its destinations (the examples' httpbin). */
function pickClient(snap: Snapshot, vs: VirtualService, m: HttpMatch | undefined): Workload | undefined {
  const ns = m?.sourceNamespace ?? vs.meta.namespace;
  const pods = snap.workloadsIn(ns);
  if (m && Object.keys(m.sourceLabels).length) return pods.find((w) => labelsMatch(m.sourceLabels, w.labels));
  const targets = serverWorkloads(snap, vs);
  return pods.find((w) => !targets.has(w) && !w.fromTemplate) ?? pods.find((w) => !targets.has(w));
}

export function requestForRoute(snap: Snapshot, vs: VirtualService, routeIndex: number): RouteRequest | undefined {
  const route = vs.http[routeIndex];
  if (!route || !vs.hosts.length) return undefined;
  const m = route.match?.[0];
  const rawHost = fqdnOf(snap, vs.hosts.find((h) => !isWildcard(h)) ?? vs.hosts[0], vs.meta.namespace);
  const host = isWildcard(rawHost) ? `www${rawHost.slice(1)}` : rawHost;
  const gateways = m?.gateways.length ? m.gateways : vsGateways(vs);
  const gateway = gateways.includes('mesh') ? undefined : gateways[0];
  // A generated listener name stands for that listener's port.
  const port = m?.port ?? (gateway ? internalListenerPort(snap, resolveGatewayName(gateway, vs.meta.namespace)) ?? 80 : serviceFor(snap, host, vs.meta.namespace)?.ports[0]?.port ?? 80);
  const path = sampleValue(m?.uri, '/') || '/';
  const query = Object.entries(m?.queryParams ?? {}).map(([k, v]) => `${k}=${sampleValue(v, 'x')}`).join('&');
  const method = sampleValue(m?.method, 'GET').toUpperCase() || 'GET';
  const headers = Object.entries(m?.headers ?? {}).filter(([k]) => !k.startsWith('@')).map(([k, v]) => `${k}: ${sampleValue(v, 'x')}`);
  if (m?.authority) headers.push(`host: ${sampleValue(m.authority, host)}`);
  const url = `http://${host}${port === 80 ? '' : `:${port}`}${path.startsWith('/') ? path : `/${path}`}${query ? `?${query}` : ''}`;
  const client = pickClient(snap, vs, m);
  const words = [method, quote(url), ...headers.flatMap((h) => ['-H', quote(h)])];
  const input: RequestInput = { url, method, headers, gateway, source: { namespace: m?.sourceNamespace ?? vs.meta.namespace, labels: {} } };
  if (client) {
    words.push('--from', quote(`${client.namespace}/${client.name}`));
    input.source = { namespace: client.namespace, labels: { ...client.labels }, workload: `${client.namespace}/${client.name}` };
  } else {
    if (m && Object.keys(m.sourceLabels).length) {
      words.push('--source-labels', quote(Object.entries(m.sourceLabels).map(([k, v]) => `${k}=${v}`).join(',')));
      input.source!.labels = { ...m.sourceLabels };
    }
    if (input.source!.namespace !== snap.options.defaultNamespace) words.push('--source-namespace', quote(input.source!.namespace!));
  }
  if (gateway) words.push('--gateway', quote(gateway));
  return { commandLine: words.join(' '), input, matches: hits(snap, input, vs, routeIndex) };
}

function hits(snap: Snapshot, input: RequestInput, vs: VirtualService, routeIndex: number): boolean {
  // The route under the cursor is this file's copy of the VirtualService: simulate with that copy.
  const res = decidingRoute(snap, input, vs.meta.file);
  if (!res) return false;
  if (res.rootVirtualService) return res.rootVirtualService.vs === vs && res.rootVirtualService.httpRouteIndex === routeIndex;
  return res.virtualService === vs && res.httpRouteIndex === routeIndex;
}
