/** Route matches no request reaches under Istio's ordering. Istio merges every HTTPRoute and GRPCRoute
 *  on one listener and hostname into one VirtualService sorted by Gateway API precedence, where an
 *  Exact path ranks above a PathPrefix, a PathPrefix above a RegularExpression, and a gRPC match
 *  without method last; it then drops every route after the first catch-all (`PathPrefix /` with no
 *  header, query or method condition). So a rule without matches, or a `PathPrefix /`, hides every
 *  regular-expression path on the same listener and host, though the spec ranks them as fall-backs.
 *  Routes whose parent is a Service (GAMMA) merge per route namespace, Service and parent port instead,
 *  their hostnames ignored, and sidecars cut them after the catch-all the same way
 *  (route_collections.go HTTPRouteCollection mesh branch).
 *  Sources: istio/istio pilot/pkg/config/kube/gateway/conversion.go sortHTTPRoutes, getURIRank;
 *  pilot/pkg/networking/core/route/route.go BuildHTTPRoutesForVirtualService, IsCatchAllRoute;
 *  Istio's testdata pilot/pkg/config/kube/gateway/testdata/route-precedence.yaml.golden. */
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { allGeneratedRouteTables, copiesOfOneResource, describeRoute, whereMatch } from './generatedRoutes';

export const gatewayApiUnreachableMatches: Analyzer = {
  name: 'gatewayapi.unreachableMatches',
  reads: ['HTTPRoute', 'GRPCRoute', 'KubernetesGateway', 'GatewayClass', 'Namespace', 'Service', 'ServiceEntry', 'ReferenceGrant'],
  run(ctx) {
    const seen = new Set<string>();
    for (const vs of allGeneratedRouteTables(ctx.snap)) {
      if (!vs.unreachable.length) continue;
      const catchAll = vs.routes[vs.routes.length - 1];
      for (const r of vs.unreachable) {
        const path = whereMatch(r);
        const key = `${r.source.resource.meta.file}|${r.source.resource.meta.namespace}/${r.source.resource.meta.name}|${path.join('/')}`;
        if (seen.has(key) || r.source.resource.meta.origin.document.isTemplate || copiesOfOneResource(r, catchAll)) continue;
        seen.add(key);
        const why = r.match?.path?.kind === 'regex' ? 'a regular-expression path ranks below every PathPrefix'
          : !r.match?.path ? 'a gRPC match without method ranks last'
            : 'an identical catch-all ordered first takes every request';
        ctx.report(message(T.unreachableRouteMatch, `No request reaches ${describeRoute(r)} on ${vs.where}: ${why}, and Istio drops every route after the catch-all ${describeRoute(catchAll)}`), r.source.resource.meta, path, {
          related: [ctx.related(catchAll.source.resource.meta, whereMatch(catchAll), `the catch-all ${describeRoute(catchAll)}`)],
        });
      }
    }
  },
};
