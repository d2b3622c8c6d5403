/** Errors that make Istio drop a whole route: a filter type it does not implement (on a rule or on a
 *  backendRef), a Service backendRef without `port` or named by a host name (with dots), a `namespace`
 *  on a Hostname backend, a match type it does not know, a gRPC method match with neither service nor
 *  method, a header value with control characters. Istio then translates no rule of the route at all,
 *  yet its status stays Accepted (only ResolvedRefs turns False), so the loss is easy to miss: requests
 *  fall through to other routes, typically a 404. Istio stops at the first such error; so does this.
 *  Sources: istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute,
 *  convertGRPCRoute, buildDestination, createGRPCURIMatch; route_collections.go computeRoute. */
import { routeStatus, type RouteError } from '../../../gatewayapi';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { allRoutes, routeId } from './routes';

export const gatewayApiRouteDropped: Analyzer = {
  name: 'gatewayapi.routeDropped',
  reads: ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'Service', 'ServiceEntry', 'ReferenceGrant'],
  run(ctx) {
    for (const route of allRoutes(ctx)) {
      const status = routeStatus(ctx.snap, route);
      const mesh = route.parentRefs.some((p) => p.group === '' && p.kind === 'Service');
      const gateway = !mesh || route.parentRefs.some((p) => p.kind === 'Gateway');
      const errors: RouteError[] = [];
      if (gateway && status.gateway.dropped) errors.push(status.gateway.dropped);
      if (mesh && status.mesh.dropped && !errors.some((e) => e.path.join('/') === status.mesh.dropped!.path.join('/'))) errors.push(status.mesh.dropped);
      for (const e of errors) {
        ctx.report(message(T.routeDropped, `${e.message} (ResolvedRefs=False, ${e.reason}): Istio drops all of ${routeId(route)} (every rule${mesh && gateway ? '' : ', every parent'}) while reporting it Accepted, so its requests fall through to other routes`), route.meta, e.path);
      }
    }
  },
};
