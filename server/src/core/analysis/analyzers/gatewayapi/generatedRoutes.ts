/** The route tables Istio builds from the VirtualServices it generates for Gateway API routes, computed
 *  once per snapshot: for the Gateways it programs, one per listener and route hostname on every port
 *  (istio/istio pilot/pkg/config/kube/gateway/route_collections.go HTTPRouteCollection,
 *  mergeHTTPRoutes); for Service parents (GAMMA), one per route namespace, parent port and Service,
 *  route hostnames ignored (the mesh branch of HTTPRouteCollection). Each is sorted by precedence and
 *  cut after its first catch-all, on gateways and sidecars alike (pilot/pkg/networking/core/route
 *  route.go BuildHTTPRoutesForVirtualService). */
import { isProgrammedByIstio, routeStatus } from '../../../gatewayapi';
import { meshVirtualServices, type MeshVirtualService } from '../../../gatewayapi/mesh';
import { routesOf, sortByPrecedence, truncateAfterCatchAll } from '../../../gatewayapi/routes';
import type { Route } from '../../../routing/routeModel';
import { generatedVirtualServices, type GeneratedVirtualService } from '../../../gatewayapi/virtualHosts';
import type { Service } from '../../../model/service';
import type { RegistryService, Snapshot } from '../../../workspace/snapshot';
import type { Path } from '../../../yaml/locate';

/** One generated VirtualService's routes, in the order Istio sends them to Envoy. */
export interface GeneratedRouteTable {
  /** In precedence order, cut after the first catch-all. */
  routes: Route[];
  /** Routes after the first catch-all, which Istio does not send to Envoy. */
  unreachable: Route[];
  /** Where its routes apply, for messages: a listener and hostname, or sidecar traffic to a Service. */
  where: string;
}

export function allGeneratedRouteTables(snap: Snapshot): GeneratedRouteTable[] {
  return snap.memo('gatewayapi.allGeneratedRouteTables', () => [...gatewayTables(snap), ...meshTables(snap)]);
}

function gatewayTables(snap: Snapshot): GeneratedRouteTable[] {
  const out: GeneratedRouteTable[] = [];
  for (const gw of snap.kubernetesGateways().values()) {
    if (!isProgrammedByIstio(gw, snap.gatewayClasses)) continue;
    const ports = new Set(gw.listeners.map((l) => l.port).filter((p): p is number => p !== undefined));
    for (const port of ports) out.push(...generatedVirtualServices(snap, gw, port).map((vs) => ({ routes: vs.routes, unreachable: vs.unreachable, where: describeKey(vs) })));
  }
  return out;
}

/** The generated VirtualServices of the Services routes attach to. Their routes are lowered again
 *  from the same sources, in the same order, to keep the ones after the catch-all. */
function meshTables(snap: Snapshot): GeneratedRouteTable[] {
  const parents = new Set<Service>();
  for (const route of [...snap.httpRoutes, ...snap.grpcRoutes]) {
    for (const res of routeStatus(snap, route).results) if (!res.denied && res.service?.kind === 'Service') parents.add(res.service);
  }
  if (!parents.size) return [];
  const out: GeneratedRouteTable[] = [];
  for (const svc of snap.allRegistryServices()) {
    if (svc.source.kind !== 'Service' || !parents.has(svc.source)) continue;
    for (const vs of meshVirtualServices(snap, svc)) {
      const ranked = vs.sources.flatMap((r) => routesOf(r, routeStatus(snap, r).mesh.rules));
      const { kept, dropped } = truncateAfterCatchAll(sortByPrecedence(ranked));
      out.push({ routes: kept, unreachable: dropped, where: describeMeshKey(svc, vs) });
    }
  }
  return out;
}

/** `HTTPRoute ns/name rule 1 match 0`, for messages. */
export function describeRoute(r: Route): string {
  const { resource, ruleIndex, matchIndex } = r.source;
  return `${resource.kind} ${resource.meta.namespace}/${resource.meta.name} rule ${ruleIndex}` + (matchIndex === null ? '' : ` match ${matchIndex}`);
}

/** Two copies of one resource (same kind, namespace and name, in two files): the cluster holds only
 *  one, so neither hides the other's rules; the duplicate itself is reported elsewhere. */
export function copiesOfOneResource(a: Route, b: Route): boolean {
  const x = a.source.resource;
  const y = b.source.resource;
  return x !== y && x.kind === y.kind && x.meta.namespace === y.meta.namespace && x.meta.name === y.meta.name;
}

/** Where a route's match is written (its rule when it has no `matches`). */
export function whereMatch(r: Route): Path {
  return r.source.matchIndex === null ? r.source.rulePath : r.source.matchPath ?? r.source.rulePath;
}

/** `listener http of Gateway istio-ingress/gw, host shop.example.com`; for routes without hostnames,
 *  which Istio keys by `*`, the hostnames the listener accepts. */
export function describeKey(vs: GeneratedVirtualService): string {
  const gw = vs.listener.gateway.meta;
  const listener = `listener ${vs.listener.listener.name} of Gateway ${gw.namespace}/${gw.name}`;
  if (vs.hostname !== '*') return `${listener}, host ${vs.hostname}`;
  const own = vs.listener.listener.hostname;
  return own ? `any hostname of ${listener} (${own})` : `any hostname of ${listener}`;
}

/** `sidecar traffic to echo.ns.svc.cluster.local port 80`, with the clients a consumer route (one in
 *  another namespace than the Service's) applies to (core/route/route.go
 *  buildSidecarVirtualHostsForVirtualService). */
export function describeMeshKey(svc: RegistryService, vs: MeshVirtualService): string {
  const port = vs.port === undefined ? '' : ` port ${vs.port}`;
  const clients = vs.namespace === svc.namespace ? '' : ` from namespace ${vs.namespace}`;
  return `sidecar traffic to ${svc.hostname}${port}${clients}`;
}
