/** Each parentRef of a route attaches where Istio would accept it: the Gateway exists and Istio
 *  programs it, and at least one of its listeners accepts the route (port and sectionName, hostname
 *  intersection, allowed namespaces, route kind), or the parent Service exists. Otherwise Istio writes
 *  `Accepted=False` with NotAllowedByListeners, NoMatchingListenerHostname or NoMatchingParent (the
 *  least severe of all listeners), or, for a Gateway it does not program, no status at all; either
 *  way no traffic through that parent reaches the route. Other parent kinds are left alone, as Istio does.
 *  Sources: istio/istio pilot/pkg/config/kube/gateway/conversion.go extractParentReferenceInfo,
 *  referenceAllowed; conditions.go createRouteStatus. */
import { gatewayController, ISTIO_GATEWAY_CONTROLLER, routeStatus, type GatewayApiRoute, type ParentRef } from '../../../gatewayapi';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import { allRoutes, routeId } from './routes';

/** A parentRef that gets no status at all: a Gateway that is missing, not Istio's, or without listeners. */
function reportUnknownGateway(ctx: AnalysisContext, route: GatewayApiRoute, ref: ParentRef): void {
  const key = `${ref.namespace}/${ref.name}`;
  const gateways = ctx.snap.kubernetesGateways();
  const gw = gateways.get(key);
  const path = [...ref.path, 'name'];
  if (!gw) {
    const guess = nearest(key, [...gateways.keys()]);
    const span = ctx.span(route.meta, path);
    const newText = guess?.startsWith(`${ref.namespace}/`) ? guess.slice(ref.namespace.length + 1) : undefined;
    ctx.reportSpan(message(T.parentNotFound, `No Gateway ${key} in the workspace: Istio writes no status for this parent and ${routeId(route)} gets no traffic through it` + (guess ? `; did you mean ${guess}?` : '')), route.meta, span, {
      fix: newText ? { title: `Change the parent to ${newText}`, edits: [{ file: route.meta.file, span, newText }] } : undefined,
    });
    return;
  }
  const { controller } = gatewayController(gw, ctx.snap.gatewayClasses);
  const related = [ctx.related(gw.meta, ['spec', 'gatewayClassName'], `the class of Gateway ${key}`)];
  if (controller !== ISTIO_GATEWAY_CONTROLLER) {
    // A waypoint (istio.io/mesh-controller) takes routes through Service parents, not Gateway ones.
    ctx.report(message(T.parentNotFound, `Gateway ${key} has class ${gw.gatewayClassName || '(none)'}, which Istio's gateway controller does not program: no route attaches to it through Istio`, controller?.startsWith('istio.io/') ? 'warning' : 'info'), route.meta, path, { related });
    return;
  }
  ctx.report(message(T.parentNotFound, `Gateway ${key} has no listener Istio programs: no traffic through it reaches ${routeId(route)}`), route.meta, path, { related });
}

function checkRoute(ctx: AnalysisContext, route: GatewayApiRoute): void {
  const status = routeStatus(ctx.snap, route);
  for (const ref of route.parentRefs) {
    if (!ref.name) continue;
    const p = status.parents.find((s) => s.parentRef === ref);
    if (!p) {
      if (ref.group === 'gateway.networking.k8s.io' && ref.kind === 'Gateway') reportUnknownGateway(ctx, route, ref);
      continue;
    }
    if (p.accepted) continue;
    if (ref.kind !== 'Gateway') {
      ctx.report(message(T.routeNotAccepted, `${ref.kind} ${ref.namespace}/${ref.name} does not accept ${routeId(route)} (Accepted=False, ${p.reason}: ${p.message}): it applies to no mesh traffic through it`), route.meta, [...ref.path, 'name']);
      continue;
    }
    const denied = status.results.filter((r) => r.parentRef === ref && r.listener && r.denied);
    const at = p.reason === 'NoMatchingParent' && ref.sectionName ? [...ref.path, 'sectionName'] : p.reason === 'NoMatchingParent' && ref.port !== undefined ? [...ref.path, 'port'] : [...ref.path, 'name'];
    ctx.report(message(T.routeNotAccepted, `Gateway ${ref.namespace}/${ref.name} does not accept ${routeId(route)} (Accepted=False, ${p.reason}: ${p.message}): no traffic through it reaches the route`), route.meta, at, {
      related: denied.slice(0, 3).map((r) => ctx.related(r.listener!.gateway.meta, r.listener!.listener.path, `listener ${r.listener!.listener.name}: ${r.denied!.reason}`)),
    });
  }
}

export const gatewayApiParentRefs: Analyzer = {
  name: 'gatewayapi.parentRefs',
  reads: ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'KubernetesGateway', 'GatewayClass', 'Namespace', 'Service', 'ServiceEntry'],
  run(ctx) {
    for (const route of allRoutes(ctx)) checkRoute(ctx, route);
  },
};
