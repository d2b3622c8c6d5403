/** The backends of a matched route: weighted clusters with their shares, and the status when none
 *  can answer (istio/istio pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination; Envoy's router for a cluster that does not exist or has no healthy host). */
import type { Destination } from '../model/istioTypes';
import type { ResourceMeta } from '../model/resource';
import type { RegistryService } from '../workspace/snapshot';
import type { Path } from '../yaml/locate';
import { computeRetries } from './actions';
import { resolveDestination, type DestinationContext, type ResolvedDestination } from './destinations';
import type { SimResult } from './result';
import type { RouteApi, WeightedBackend } from './routeModel';
import { backendShares } from './shares';

/** The backends that take traffic, with their shares (shares.ts): one takes all whatever its weight,
 *  among several a weight of 0 drops a backend (said in the trace). An invalid backend keeps its
 *  share but is not listed: Envoy answers 500 for it (Istio sets cluster_not_found_response_code for
 *  Gateway API routes; pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination). */
export function weightedBackends(list: WeightedBackend[], owner: ResourceMeta, routePath: Path, ctx: DestinationContext, api: RouteApi = 'istio'): ResolvedDestination[] {
  if (list.length === 0) {
    ctx.trace.at('the route has no destination', owner, routePath);
    return [];
  }
  const shares = backendShares(list.map((d) => d.weight));
  const taken = list.length === 1 ? list : list.filter((d) => (d.weight ?? 0) > 0);
  if (list.length > 1) for (const d of list) if (!((d.weight ?? 0) > 0)) ctx.trace.at(`destination ${d.destination.host}${d.destination.subset ? ` subset ${d.destination.subset}` : ''} has weight ${d.weight ?? 0}: Istio drops it`, owner, d.path);
  const noun = api === 'gatewayApi' ? 'backendRef' : 'backend';
  return taken.flatMap((d) => {
    const share = shares[list.indexOf(d)];
    if (d.invalid) {
      ctx.trace.at(`${noun} ${d.ref ?? d.destination.host} is invalid (${d.invalid}): Envoy answers 500 for its ${share}% of requests`, owner, d.path);
      return [];
    }
    if (api === 'gatewayApi') ctx.trace.at(`backendRef ${d.destination.host}:${d.destination.port} takes ${share}% of requests`, owner, d.path);
    const resolved = resolveDestination(d.destination, owner, d.destinationPath, share, ctx);
    resolved.index = d.index;
    return [resolved];
  });
}

/** Every backend that would take traffic is invalid: every request is answered 500. */
export function allInvalid(list: WeightedBackend[]): boolean {
  const taken = list.length === 1 ? list : list.filter((d) => (d.weight ?? 0) > 0);
  return taken.length > 0 && taken.every((d) => d.invalid);
}

/** 503 when no destination can take the request (every cluster missing or empty), or the route's
 *  cluster_not_found_response_code when every cluster is missing; a TCP or TLS connection gets no
 *  HTTP answer: Envoy's tcp_proxy closes it (no cluster, no healthy upstream). */
export function settleStatus(res: SimResult, clusterNotFoundStatus = 503): void {
  if (res.destinations.length > 0 && res.destinations.some((d) => d.endpoints.length > 0)) return;
  if (res.protocol === 'http') res.status = res.destinations.length > 0 && res.destinations.every((d) => d.missing) ? clusterNotFoundStatus : 503;
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
