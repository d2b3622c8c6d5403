/** The Kubernetes Gateway API as Istio reads it: typed resources (types.ts, lowered with CRD defaults),
 *  listeners and classes (listeners.ts), attachment and the route status Istio writes (attachment.ts,
 *  status.ts, gatewayStatus.ts), backend resolution and the conversion checks (backends.ts, checkRoute.ts). */
export * from './types';
export { allowedNamespaces, gatewayController, invalidRouteKinds, isProgrammedByIstio, listenerConflicts, listenerHostnames, listenerParents, supportedKinds, ISTIO_GATEWAY_CONTROLLER, type ListenerParent } from './listeners';
export { parentResults, parentStatuses, routeHostnames, isServiceParent, type ParentResult, type ParentStatus, type ParentDeniedReason } from './attachment';
export { referenceGranted, resolveBackend, type BackendError, type ResolvedBackend } from './backends';
export { checkRoute, type CheckedRoute, type CheckedRule, type RouteError } from './checkRoute';
export { allRoutes, routeStatus, type Condition, type RouteParentStatus, type RouteStatus } from './status';
export { gatewayStatus, type GatewayStatus, type ListenerStatus } from './gatewayStatus';
export { hostSubsetOf, intersectHost } from './hostnames';
