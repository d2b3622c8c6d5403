/** A route match identical to one Istio orders before it on the same listener and hostname: the
 *  earlier match (a more precedent rule of an older route, or an earlier rule of the same route) takes
 *  every request, so the later one is never used. Istio merges all HTTPRoutes and GRPCRoutes with the
 *  same listener and hostname into one VirtualService, stable-sorted by precedence after ordering the
 *  routes by creationTimestamp, namespace and name. Routes whose parent is a Service (GAMMA) merge per
 *  route namespace, Service and parent port, their hostnames ignored (HTTPRouteCollection mesh branch).
 *  Sources: istio/istio pilot/pkg/config/kube/gateway/conversion.go sortHTTPRoutes,
 *  sortRoutesByCreationTime; route_collections.go mergeHTTPRoutes. Routes are compared on the route
 *  model, as the VirtualService analysis compares rules (routing/shadowing.ts matchKey). */
import type { Route } from '../../../routing/routeModel';
import { matchKey } from '../../../routing/shadowing';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { allGeneratedRouteTables, copiesOfOneResource, describeRoute, whereMatch } from './generatedRoutes';

export const gatewayApiShadowedMatches: Analyzer = {
  name: 'gatewayapi.shadowedMatches',
  reads: ['HTTPRoute', 'GRPCRoute', 'KubernetesGateway', 'GatewayClass', 'Namespace', 'Service', 'ServiceEntry', 'ReferenceGrant'],
  run(ctx) {
    const seen = new Set<string>();
    for (const vs of allGeneratedRouteTables(ctx.snap)) {
      const first = new Map<string, Route>();
      for (const r of vs.routes) {
        const sig = matchKey(r);
        const winner = first.get(sig);
        if (!winner) {
          first.set(sig, r);
          continue;
        }
        const path = whereMatch(r);
        const key = `${r.source.resource.meta.file}|${r.source.resource.meta.namespace}/${r.source.resource.meta.name}|${path.join('/')}`;
        if (seen.has(key) || r.source.resource.meta.origin.document.isTemplate || copiesOfOneResource(r, winner)) continue;
        seen.add(key);
        ctx.report(message(T.shadowedRoute, `${describeRoute(r)} matches exactly what ${describeRoute(winner)} matches on ${vs.where}, and Istio orders that one first: it takes every request, so this match is never used`), r.source.resource.meta, path, {
          related: [ctx.related(winner.source.resource.meta, whereMatch(winner), `the match Istio orders first: ${describeRoute(winner)}`)],
        });
      }
    }
  },
};
