/** GAMMA: HTTPRoutes and GRPCRoutes whose parent is a Service apply to sidecar traffic to that Service
 *  (istio/istio pilot/pkg/config/kube/gateway/route_collections.go HTTPRouteCollection mesh branch,
 *  mergeHTTPRoutes; conversion.go augmentPortMatch; core/route/route.go
 *  buildSidecarVirtualHostsForVirtualService; pilot/pkg/model/virtualservice.go SelectVirtualServices).
 *  Each (route namespace, parent port, Service) gives one generated VirtualService for the Service's
 *  host; a ServiceEntry parent (`networking.istio.io/ServiceEntry`) gives one per ServiceEntry host.
 *  On a client, the first candidate, user or generated, that has routes for host:port owns it. */
import type { VirtualService } from '../model/virtualService';
import type { RegistryService, Snapshot } from '../workspace/snapshot';
import type { Route } from '../routing/routeModel';
import { compareSources, routesOf, sortByPrecedence, truncateAfterCatchAll, type RankedRoute } from './routes';
import { routeStatus } from './status';
import type { GRPCRoute, HTTPRoute } from './types';

export interface MeshVirtualService {
  /** `<routeNs>[~<port>]~<service FQDN>`. */
  name: string;
  namespace: string;
  creationTimestamp?: string;
  port?: number;
  sources: (HTTPRoute | GRPCRoute)[];
  /** Sorted, truncated after the first catch-all. A parent port limits the whole VirtualService to
   *  that Service port (appliesTo), as the port Istio adds to each match (conversion.go
   *  augmentPortMatch) limits the routes a sidecar gets. */
  routes: Route[];
}

/** The generated VirtualServices for a Service, or for one host of a ServiceEntry, whichever clients
 *  they apply to. */
export function meshVirtualServices(snap: Snapshot, svc: RegistryService): readonly MeshVirtualService[] {
  // Lowering every route of the workspace per request made a lens per rule quadratic: once per
  // snapshot and Service (ServiceEntry host) is enough, the result depends on nothing else.
  const cache = snap.memo('gatewayapi.meshVirtualServices', () => new WeakMap<object, Map<string, readonly MeshVirtualService[]>>());
  let byHost = cache.get(svc.source);
  if (!byHost) cache.set(svc.source, (byHost = new Map()));
  const hit = byHost.get(svc.hostname);
  if (hit) return hit;
  const computed = buildMeshVirtualServices(snap, svc, svc.source);
  byHost.set(svc.hostname, computed);
  return computed;
}

function buildMeshVirtualServices(snap: Snapshot, svc: RegistryService, service: RegistryService['source']): MeshVirtualService[] {
  const byKey = new Map<string, MeshVirtualService & { ranked: RankedRoute[] }>();
  for (const route of [...snap.httpRoutes, ...snap.grpcRoutes].sort(compareSources)) {
    const status = routeStatus(snap, route);
    if (status.mesh.dropped) continue;
    for (const res of status.results) {
      if (res.denied || res.service !== service) continue;
      const port = res.parentRef.port;
      const key = `${route.meta.namespace}${port !== undefined ? `/${port}` : ''}/${svc.hostname}`;
      let vs = byKey.get(key);
      if (!vs) byKey.set(key, (vs = { name: key.replace(/\//g, '~'), namespace: route.meta.namespace, creationTimestamp: route.meta.creationTimestamp, port, sources: [], routes: [], ranked: [] }));
      if (vs.sources.includes(route)) continue;
      vs.sources.push(route);
      vs.ranked.push(...routesOf(route, status.mesh.rules));
    }
  }
  return [...byKey.values()].map(({ ranked, ...vs }) => ({ ...vs, routes: truncateAfterCatchAll(sortByPrecedence(ranked)).kept }));
}

/** Does a generated VirtualService give this client routes on this port? A route in the Service's own
 *  namespace (producer) applies to every client; one in another namespace (consumer) only to clients
 *  of its namespace. A parent port limits it to that Service port. */
export function appliesTo(vs: MeshVirtualService, svc: RegistryService, clientNs: string, port: number): boolean {
  if (vs.namespace !== svc.namespace && vs.namespace !== clientNs) return false;
  return vs.port === undefined || vs.port === port;
}

export type MeshCandidate = { kind: 'user'; vs: VirtualService; host: string } | { kind: 'generated'; vs: MeshVirtualService };

function listOf(c: MeshCandidate, clientNs: string): number {
  if (c.kind === 'generated') return 2;
  const exportTo = c.vs.exportTo;
  if (exportTo.includes('.') && c.vs.meta.namespace === clientNs) return 0;
  if (exportTo.includes(clientNs)) return 1;
  return 2;
}

function meta(c: MeshCandidate): { creationTimestamp?: string; name: string; namespace: string } {
  return c.kind === 'user' ? c.vs.meta : c.vs;
}

/** SelectVirtualServices order: the client-private list, the exported-to-client list, the public one;
 *  in each, generated VirtualServices of the client's namespace first, then by age, name, namespace. */
export function orderCandidates(users: readonly { vs: VirtualService; host: string }[], generated: readonly MeshVirtualService[], clientNs: string): MeshCandidate[] {
  const all: MeshCandidate[] = [...users.map((u) => ({ kind: 'user' as const, ...u })), ...generated.map((vs) => ({ kind: 'generated' as const, vs }))];
  const key = (c: MeshCandidate) => [listOf(c, clientNs), c.kind === 'generated' && c.vs.namespace === clientNs ? 0 : 1] as const;
  return all.map((c, i) => ({ c, i })).sort((x, y) => {
    const [la, ga] = key(x.c);
    const [lb, gb] = key(y.c);
    if (la !== lb) return la - lb;
    if (ga !== gb) return ga - gb;
    const a = meta(x.c);
    const b = meta(y.c);
    const ta = a.creationTimestamp ?? '';
    const tb = b.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
    return x.i - y.i;
  }).map((x) => x.c);
}
