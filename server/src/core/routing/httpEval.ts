import type { Destination } from '../model/istioTypes';
import type { ResourceMeta } from '../model/resource';
import { resolveShortname } from '../workspace/hosts';
import type { RegistryService } from '../workspace/snapshot';
import type { Path } from '../yaml/locate';
import { computeFault, computeRedirect, computeRetries, computeRewrite } from './actions';
import { clusterName, resolveDestination, type DestinationContext, type ResolvedDestination } from './destinations';
import { whyNotMatched } from './match';
import { applyProvenance, asVirtualService } from './provenance';
import type { MirrorResult, SimResult } from './result';
import type { SimRequest } from './request';
import { routeLabel, type MirrorPolicy, type Route, type WeightedBackend } from './routeModel';
import { backendShares } from './shares';

/** Walks the routes of a virtual host in order (first match wins) and applies the winner's action. */
export function evaluateHttpRoutes(routes: Route[], req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean): void {
  const { trace } = ctx;
  // A 404 still names the VirtualService that owned the host (the root one, for delegated routes).
  const first = routes[0];
  if (first) res.virtualService = asVirtualService(first.source.root?.resource ?? first.source.resource);
  for (const r of routes) {
    const { resource, rulePath, matchPath } = r.source;
    const path = matchPath ?? rulePath;
    const why = r.match ? whyNotMatched(r.match, req) : undefined;
    const label = routeLabel(r.source);
    if (why) {
      trace.at(`${label} does not match: ${why}`, resource.meta, path);
      continue;
    }
    trace.at(`${label} matches${r.match ? '' : ' (a route without match conditions catches everything)'}`, resource.meta, path);
    applyRoute(r, req, res, ctx, isTls);
    return;
  }
  res.action = 'noRoute';
  res.status = 404;
  const kind = first?.source.resource.meta.kind ?? 'VirtualService';
  trace.note(`no route of the ${kind === 'VirtualService' ? 'VirtualService' : 'virtual host'} matches: Envoy answers 404 (NR)`);
}

function applyRoute(r: Route, req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean): void {
  const { trace } = ctx;
  const meta = r.source.resource.meta;
  const routePath = r.source.rulePath;
  applyProvenance(res, r.source);
  res.fault = computeFault(r.fault);
  res.headers = r.headers ?? null;
  res.corsPolicy = r.corsPolicy ?? null;
  if (res.fault?.abort) trace.at(`fault injection aborts ${res.fault.abort.percent}% of requests with ${res.fault.abort.status ?? res.fault.abort.grpcStatus}`, meta, [...routePath, 'fault', 'abort']);
  if (res.fault?.delay) trace.at(`fault injection delays ${res.fault.delay.percent}% of requests by ${res.fault.delay.duration}`, meta, [...routePath, 'fault', 'delay']);
  const action = r.action;
  if (action.kind === 'redirect') {
    const rd = computeRedirect(action.redirect, r.match?.path, req, ctx.listenerPort, isTls);
    if ('unsupported' in rd) {
      res.action = 'noRoute';
      res.status = 404;
      trace.at(`redirectCode ${rd.unsupported} is not supported: Istio drops the route's action`, meta, action.redirect.codeAt);
      return;
    }
    res.action = 'redirect';
    res.redirect = rd;
    res.status = rd.status;
    trace.at(`redirect ${rd.status} to ${rd.location}`, meta, action.redirect.at);
    return;
  }
  if (action.kind === 'directResponse') {
    res.action = 'directResponse';
    res.directResponse = { status: action.status, body: action.body ?? null };
    res.status = res.directResponse.status;
    trace.at(`direct response ${res.directResponse.status}`, meta, action.at);
    return;
  }
  res.action = 'route';
  res.timeout = action.timeout ?? null;
  res.retries = computeRetries(action.retries);
  // The HTTP fault filter answers before the router (Envoy source/extensions/filters/http/fault): an
  // injected abort never reaches the router, whose retry policy therefore never sees it.
  if (res.fault?.abort && res.retries.attempts > 0) trace.at(`an injected abort is not retried: the fault filter answers before the router, so the ${res.retries.attempts} retr${res.retries.attempts === 1 ? 'y' : 'ies'} of the route apply only to requests that reach an upstream`, meta, [...routePath, 'fault', 'abort']);
  res.rewrite = computeRewrite(action.rewrite, r.match?.path, req);
  if (res.rewrite) trace.at(`rewritten upstream to ${res.rewrite.authority}${res.rewrite.path}`, meta, action.rewrite!.at);
  res.destinations = weightedBackends(action.backends, meta, action.backendsPath, ctx);
  res.mirrors = mirrorsOf(action.mirrors, meta.namespace, ctx);
  settleStatus(res);
  if (allInvalid(action.backends)) res.status = 500;
  // An abort of every request decides the status before any upstream is tried (the fault filter runs first).
  if (res.fault?.abort && res.fault.abort.percent >= 100 && res.fault.abort.status !== null) res.status = res.fault.abort.status;
}

/** The backends that take traffic, with their shares (shares.ts): one takes all whatever its weight,
 *  among several a weight of 0 drops a backend (said in the trace). An invalid backend keeps its
 *  share but is not listed: Envoy answers 500 for it (Istio sets cluster_not_found_response_code for
 *  Gateway API routes; pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination). */
export function weightedBackends(list: WeightedBackend[], owner: ResourceMeta, routePath: Path, ctx: DestinationContext): ResolvedDestination[] {
  if (list.length === 0) {
    ctx.trace.at('the route has no destination', owner, routePath);
    return [];
  }
  const shares = backendShares(list.map((d) => d.weight));
  const taken = list.length === 1 ? list : list.filter((d) => (d.weight ?? 0) > 0);
  if (list.length > 1) for (const d of list) if (!((d.weight ?? 0) > 0)) ctx.trace.at(`destination ${d.destination.host}${d.destination.subset ? ` subset ${d.destination.subset}` : ''} has weight ${d.weight ?? 0}: Istio drops it`, owner, d.path);
  return taken.flatMap((d) => {
    const share = shares[list.indexOf(d)];
    if (d.invalid) {
      ctx.trace.at(`backend ${d.destination.host} is invalid (${d.invalid}): Envoy answers 500 for its ${share}%`, owner, d.path);
      return [];
    }
    const resolved = resolveDestination(d.destination, owner, d.destinationPath, share, ctx);
    if (list.length > 1) resolved.index = d.index;
    return [resolved];
  });
}

/** Every backend that would take traffic is invalid: every request is answered 500. */
export function allInvalid(list: WeightedBackend[]): boolean {
  const taken = list.length === 1 ? list : list.filter((d) => (d.weight ?? 0) > 0);
  return taken.length > 0 && taken.every((d) => d.invalid);
}

/** route.go MirrorPercent: 100 % unless a percentage is given; 0 % means no mirror. */
function mirrorsOf(mirrors: MirrorPolicy[], namespace: string, ctx: DestinationContext): MirrorResult[] {
  return mirrors.flatMap((m) => {
    const percent = m.percentage ?? 100;
    if (percent <= 0) return [];
    const host = resolveShortname(m.destination.host, namespace, ctx.snap.options.clusterDomain);
    const svc = ctx.snap.serviceByHost(host, ctx.client.namespace);
    const port = m.destination.port ?? (ctx.portRule === 'onlyPortElseListener' && svc?.ports.length === 1 ? svc.ports[0].port : ctx.listenerPort);
    const out: MirrorResult = { host, subset: m.destination.subset ?? null, port, percent, cluster: clusterName(port, m.destination.subset, host) };
    if (!svc) out.missing = `no Service or ServiceEntry ${host}`;
    else if (!svc.ports.some((p) => p.port === port)) out.missing = `${host} has no port ${port}`;
    ctx.trace.note(`${percent}% of requests are mirrored to ${out.cluster}${out.missing ? ` (which does not exist: ${out.missing})` : ''}; mirror responses are discarded`);
    return [out];
  });
}

/** 503 when no destination can take the request (every cluster missing or empty); a TCP or TLS
 *  connection gets no HTTP answer: Envoy's tcp_proxy closes it (no cluster, no healthy upstream). */
export function settleStatus(res: SimResult): void {
  if (res.destinations.length > 0 && res.destinations.some((d) => d.endpoints.length > 0)) return;
  if (res.protocol === 'http') res.status = 503;
  else res.connection = 'closed';
}

/** Plain Service routing (no VirtualService): one route to the service's own cluster for this port. */
export function defaultServiceRoute(svc: RegistryService, port: number, res: SimResult, ctx: DestinationContext, protocol: 'http' | 'tcp' | 'tls'): void {
  res.action = 'defaultService';
  const dest: Destination = { host: svc.hostname, port };
  res.destinations = [resolveDestination(dest, svc.source.meta, ['spec', 'ports', svc.ports.find((p) => p.port === port)?.index ?? 0], 100, ctx)];
  res.retries = protocol === 'http' ? computeRetries(undefined) : null;
  ctx.trace.at(`no VirtualService routes this request: default routing to ${svc.hostname}:${port} over all its endpoints`, svc.source.meta, ['metadata', 'name']);
  settleStatus(res);
}
