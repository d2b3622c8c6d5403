import type { Destination, HttpRoute, RouteDestination } from '../model/istioTypes';
import type { ResourceMeta } from '../model/resource';
import type { VirtualService } from '../model/virtualService';
import { resolveShortname } from '../workspace/hosts';
import type { RegistryService } from '../workspace/snapshot';
import { computeFault, computeRedirect, computeRetries, computeRewrite } from './actions';
import { clusterName, resolveDestination, type DestinationContext, type ResolvedDestination } from './destinations';
import type { EnvoyRoute } from './httpRoutes';
import { whyNotMatched } from './match';
import type { MirrorResult, SimResult } from './result';
import type { SimRequest } from './request';

/** Walks Envoy routes in order (first match wins) and applies the winner's action. */
export function evaluateHttpRoutes(routes: EnvoyRoute[], req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean): void {
  const { trace } = ctx;
  // A 404 still names the VirtualService that owned the host (the root one, for delegated routes).
  const first = routes[0];
  if (first) res.virtualService = first.root?.vs ?? first.vs;
  for (const r of routes) {
    const path = ['spec', 'http', r.route.index, ...(r.match ? ['match', r.match.index] : [])];
    const why = r.match ? whyNotMatched(r.match, req) : undefined;
    const label = `${r.vs.meta.namespace}/${r.vs.meta.name} http[${r.route.index}]${r.match ? `.match[${r.match.index}]` : ''}`;
    if (why) {
      trace.at(`${label} does not match: ${why}`, r.vs.meta, path);
      continue;
    }
    trace.at(`${label} matches${r.match ? '' : ' (a route without match conditions catches everything)'}`, r.vs.meta, path);
    applyRoute(r, req, res, ctx, isTls);
    return;
  }
  res.action = 'noRoute';
  res.status = 404;
  trace.note('no route of the VirtualService matches: Envoy answers 404 (NR)');
}

function applyRoute(r: EnvoyRoute, req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean): void {
  const { trace } = ctx;
  const route = r.route;
  const routePath = ['spec', 'http', route.index];
  res.virtualService = r.vs;
  res.httpRouteIndex = route.index;
  res.matchIndex = r.match?.index ?? null;
  res.rootVirtualService = r.root ? { vs: r.root.vs, httpRouteIndex: r.root.routeIndex } : null;
  res.fault = computeFault(route.fault);
  res.headers = route.headers ?? null;
  res.corsPolicy = route.corsPolicy ?? null;
  if (res.fault?.abort) trace.at(`fault injection aborts ${res.fault.abort.percent}% of requests with ${res.fault.abort.status ?? res.fault.abort.grpcStatus}`, r.vs.meta, [...routePath, 'fault', 'abort']);
  if (res.fault?.delay) trace.at(`fault injection delays ${res.fault.delay.percent}% of requests by ${res.fault.delay.duration}`, r.vs.meta, [...routePath, 'fault', 'delay']);
  if (route.redirect) {
    const rd = computeRedirect(route.redirect, req, ctx.listenerPort, isTls);
    if ('unsupported' in rd) {
      res.action = 'noRoute';
      res.status = 404;
      trace.at(`redirectCode ${rd.unsupported} is not supported: Istio drops the route's action`, r.vs.meta, [...routePath, 'redirect', 'redirectCode']);
      return;
    }
    res.action = 'redirect';
    res.redirect = rd;
    res.status = rd.status;
    trace.at(`redirect ${rd.status} to ${rd.location}`, r.vs.meta, [...routePath, 'redirect']);
    return;
  }
  if (route.directResponse) {
    res.action = 'directResponse';
    res.directResponse = { status: route.directResponse.status ?? 0, body: route.directResponse.body ?? null };
    res.status = res.directResponse.status;
    trace.at(`direct response ${res.directResponse.status}`, r.vs.meta, [...routePath, 'directResponse']);
    return;
  }
  res.action = 'route';
  res.timeout = route.timeout ?? null;
  res.retries = computeRetries(route.retries);
  res.rewrite = computeRewrite(route, r.match, req);
  if (res.rewrite) trace.at(`rewritten upstream to ${res.rewrite.authority}${res.rewrite.path}`, r.vs.meta, [...routePath, 'rewrite']);
  res.destinations = weightedDestinations(route, r.vs.meta, routePath, ctx);
  res.mirrors = mirrorsOf(route, r.vs, ctx);
  settleStatus(res);
  // An abort of every request decides the status before any upstream is tried (the fault filter runs first).
  if (res.fault?.abort && res.fault.abort.percent >= 100 && res.fault.abort.status !== null) res.status = res.fault.abort.status;
}

/** A single destination gets all traffic whatever its weight; among several, weight 0 (or none) is
 *  dropped and the rest share by weight / total (route.go applyHTTPRouteDestination). */
export function weightedDestinations(route: { route: RouteDestination[] }, owner: ResourceMeta, routePath: (string | number)[], ctx: DestinationContext): ResolvedDestination[] {
  const list = route.route;
  if (list.length === 0) {
    ctx.trace.at('the route has no destination', owner, routePath);
    return [];
  }
  if (list.length === 1) return [resolveDestination(list[0].destination, owner, [...routePath, 'route', 0, 'destination'], 100, ctx)];
  const kept = list.filter((d) => (d.weight ?? 0) > 0);
  for (const d of list) if (!((d.weight ?? 0) > 0)) ctx.trace.at(`destination ${d.destination.host}${d.destination.subset ? ` subset ${d.destination.subset}` : ''} has weight ${d.weight ?? 0}: Istio drops it`, owner, [...routePath, 'route', d.index]);
  const total = kept.reduce((s, d) => s + (d.weight ?? 0), 0);
  if (total <= 0) return [];
  return kept.map((d) => {
    const share = Math.round(((d.weight ?? 0) / total) * 10000) / 100;
    const resolved = resolveDestination(d.destination, owner, [...routePath, 'route', d.index, 'destination'], share, ctx);
    resolved.index = d.index;
    return resolved;
  });
}

/** route.go MirrorPercent: 100 % unless a percentage is given; 0 % means no mirror. */
function mirrorsOf(route: HttpRoute, vs: VirtualService, ctx: DestinationContext): MirrorResult[] {
  return route.mirrors.flatMap((m) => {
    const percent = m.percentage ?? 100;
    if (percent <= 0) return [];
    const host = resolveShortname(m.destination.host, vs.meta.namespace, ctx.snap.options.clusterDomain);
    const svc = ctx.snap.serviceByHost(host, ctx.client.namespace);
    const port = m.destination.port ?? (ctx.portRule === 'onlyPortElseListener' && svc?.ports.length === 1 ? svc.ports[0].port : ctx.listenerPort);
    const out: MirrorResult = { host, subset: m.destination.subset ?? null, port, percent, cluster: clusterName(port, m.destination.subset, host) };
    if (!svc) out.missing = `no Service or ServiceEntry ${host}`;
    else if (!svc.ports.some((p) => p.port === port)) out.missing = `${host} has no port ${port}`;
    ctx.trace.note(`${percent}% of requests are mirrored to ${out.cluster}${out.missing ? ` (which does not exist: ${out.missing})` : ''}; mirror responses are discarded`);
    return [out];
  });
}

/** 503 when no destination can take the request (every cluster missing or empty). */
export function settleStatus(res: SimResult): void {
  if (res.destinations.length === 0 || res.destinations.every((d) => d.endpoints.length === 0)) res.status = 503;
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
