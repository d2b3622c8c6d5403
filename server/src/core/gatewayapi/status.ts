/** The status Istio would write on a Gateway API route, computed from the workspace: one entry per
 *  parentRef with an Accepted and a ResolvedRefs condition (istio/istio
 *  pilot/pkg/config/kube/gateway/route_collections.go computeRoute, conditions.go createRouteStatus).
 *  Diagnostics and the simulator read this; it is computed once per route and snapshot. */
import type { Path } from '../yaml/locate';
import type { Snapshot } from '../workspace/snapshot';
import { isServiceParent, parentResults, parentStatuses, type ParentResult, type ParentStatus } from './attachment';
import { checkRoute, type CheckedRoute } from './checkRoute';
import type { GatewayApiRoute } from './types';

export interface Condition {
  status: boolean;
  reason: string;
  message: string;
  /** The field the reason is about (for a False condition). */
  path?: Path;
}

export interface RouteParentStatus extends ParentStatus {
  /** Accepted as Istio writes it (True `Accepted`, or False with the denial reason). */
  acceptedCondition: Condition;
  resolvedRefs: Condition;
}

export interface RouteStatus {
  route: GatewayApiRoute;
  /** One per parentRef that gets a status; parentRefs of another kind, or to a Gateway that is missing
   *  or not programmed by Istio, get none. */
  parents: RouteParentStatus[];
  results: ParentResult[];
  /** The route converted for Gateway parents (ReferenceGrants enforced) and for Service parents. */
  gateway: CheckedRoute;
  mesh: CheckedRoute;
}

function compute(snap: Snapshot, route: GatewayApiRoute): RouteStatus {
  const results = parentResults(snap, route);
  const gateway = checkRoute(snap, route, false);
  const mesh = checkRoute(snap, route, true);
  const parents = parentStatuses(results).map((p): RouteParentStatus => {
    const err = (isServiceParent(p.parentRef) ? mesh : gateway).error;
    return {
      ...p,
      acceptedCondition: { status: p.accepted, reason: p.reason, message: p.message, path: p.accepted ? undefined : p.parentRef.path },
      resolvedRefs: err
        ? { status: false, reason: err.reason, message: err.message, path: err.path }
        : { status: true, reason: 'ResolvedRefs', message: 'All references resolved' },
    };
  });
  return { route, parents, results, gateway, mesh };
}

/** The status Istio would write on `route` (memoized per snapshot). */
export function routeStatus(snap: Snapshot, route: GatewayApiRoute): RouteStatus {
  const cache = snap.memo('gatewayapi.routeStatus', () => new WeakMap<GatewayApiRoute, RouteStatus>());
  let s = cache.get(route);
  if (!s) cache.set(route, (s = compute(snap, route)));
  return s;
}

/** Every Gateway API route of the workspace. */
export function allRoutes(snap: Snapshot): GatewayApiRoute[] {
  return [...snap.httpRoutes, ...snap.grpcRoutes, ...snap.tcpRoutes, ...snap.tlsRoutes];
}
