/** A Gateway API Gateway as Istio programs it: its class, and each listener as the parent a route can
 *  attach to (istio/istio pilot/pkg/config/kube/gateway/gateway_collection.go GatewayCollection,
 *  conversion.go buildListener, buildHostnameMatch, namespacesFromSelector, listenerProtocolToIstio;
 *  pilot/pkg/config/kube/gatewaycommon/conversion.go GenerateGatewaySupportedKinds,
 *  listener_conflict.go ComputeGatewayListenerConflicts). */
import type { NamespaceResource } from '../model/lower';
import { GATEWAY_API_GROUP, type GatewayClass, type KubernetesGateway, type LabelSelector, type Listener } from './types';

/** The controller whose Gateways Istio turns into routes (PILOT_GATEWAY_API_CONTROLLER_NAME). */
export const ISTIO_GATEWAY_CONTROLLER = 'istio.io/gateway-controller';

/** Classes Istio knows without a GatewayClass object (gatewaycommon/classinfo.go GetBuiltinGatewayClasses). */
const BUILTIN_CLASSES: Record<string, string> = {
  istio: ISTIO_GATEWAY_CONTROLLER,
  'istio-remote': 'istio.io/unmanaged-gateway',
  'istio-waypoint': 'istio.io/mesh-controller',
  'istio-east-west': 'istio.io/eastwest-controller',
};

/** The listener hostnames of a Gateway, or undefined when some listener has none (or there is no
 *  listener): then it accepts every host, as istioctl analyze virtualservice/gateways.go reads it. */
export function listenerHostnames(gw: KubernetesGateway): string[] | undefined {
  if (gw.listeners.length === 0 || gw.listeners.some((l) => !l.hostname)) return undefined;
  return gw.listeners.map((l) => l.hostname!);
}

/** The controller of a Gateway's class: a GatewayClass of that name in the workspace, else Istio's
 *  built-in classes (gatewaycommon/gatewayclass_collection.go FetchGatewayClass). */
export function gatewayController(gw: KubernetesGateway, classes: readonly GatewayClass[]): { controller?: string; gatewayClass?: GatewayClass } {
  const gatewayClass = classes.find((c) => c.meta.name === gw.gatewayClassName);
  if (gatewayClass) return { controller: gatewayClass.controllerName, gatewayClass };
  return { controller: BUILTIN_CLASSES[gw.gatewayClassName] };
}

/** Does Istio turn this Gateway's routes into configuration? Others are ignored entirely: no
 *  configuration and no status (gateway_collection.go GatewayCollection returns nothing). */
export function isProgrammedByIstio(gw: KubernetesGateway, classes: readonly GatewayClass[]): boolean {
  return gatewayController(gw, classes).controller === ISTIO_GATEWAY_CONTROLLER;
}

const SUPPORTED_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS', 'TCP']);

export function isSupportedProtocol(protocol: string): boolean {
  return SUPPORTED_PROTOCOLS.has(protocol);
}

/** The route kinds a listener accepts: those of its protocol, intersected with `allowedRoutes.kinds`. */
export function supportedKinds(l: Listener): string[] {
  let kinds: string[] = [];
  if (l.protocol === 'HTTP' || l.protocol === 'HTTPS') kinds = ['HTTPRoute', 'GRPCRoute'];
  else if (l.protocol === 'TCP') kinds = ['TCPRoute'];
  else if (l.protocol === 'TLS') kinds = l.tls?.mode === 'Terminate' ? ['TLSRoute', 'TCPRoute'] : ['TLSRoute'];
  if (l.allowedRoutes.kinds.length === 0) return kinds;
  return kinds.filter((k) => l.allowedRoutes.kinds.some((a) => a.kind === k && a.group === GATEWAY_API_GROUP));
}

/** Kinds listed in `allowedRoutes.kinds` the listener cannot take (its ResolvedRefs InvalidRouteKinds). */
export function invalidRouteKinds(l: Listener): string[] {
  const ok = supportedKinds(l);
  return l.allowedRoutes.kinds.filter((a) => a.group !== GATEWAY_API_GROUP || !ok.includes(a.kind)).map((a) => a.kind);
}

const isTcpUdp = (p: string) => p === 'TCP' || p === 'UDP';
const isHttpLike = (p: string) => p === 'HTTP' || p === 'HTTPS' || p === 'TLS';

function distinct(a: Listener, b: Listener): boolean {
  if (a.port !== b.port) return true;
  if ((isTcpUdp(a.protocol) && isHttpLike(b.protocol)) || (isHttpLike(a.protocol) && isTcpUdp(b.protocol))) return false;
  if (isTcpUdp(a.protocol) && isTcpUdp(b.protocol)) return false;
  if (isHttpLike(a.protocol) && isHttpLike(b.protocol)) return (a.hostname ?? '') !== (b.hostname ?? '');
  return a.protocol !== b.protocol;
}

/** Listeners that lose to an earlier one on the same port, with the reason (ProtocolConflict or
 *  HostnameConflict): they produce no server, so nothing attaches to them. */
export function listenerConflicts(gw: KubernetesGateway): Map<Listener, { reason: string; with: Listener }> {
  const out = new Map<Listener, { reason: string; with: Listener }>();
  const accepted: Listener[] = [];
  for (const l of gw.listeners) {
    const prior = accepted.find((p) => !distinct(l, p));
    if (!prior) {
      accepted.push(l);
      continue;
    }
    const reason = (isTcpUdp(l.protocol) && isTcpUdp(prior.protocol)) || l.protocol !== prior.protocol ? 'ProtocolConflict' : 'HostnameConflict';
    out.set(l, { reason, with: prior });
  }
  return out;
}

function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && e.values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** The namespaces whose routes a listener admits: `*` for All; for a Selector, every Namespace of the
 *  workspace whose labels (plus the implicit `kubernetes.io/metadata.name`) match, sorted. */
export function allowedNamespaces(gw: KubernetesGateway, l: Listener, namespaces: readonly NamespaceResource[]): string[] {
  const from = l.allowedRoutes.from;
  if (from === 'All') return ['*'];
  if (from !== 'Selector') return [gw.meta.namespace];
  const sel = l.allowedRoutes.selector;
  if (!sel) return ['*'];
  const names = new Set<string>();
  for (const ns of namespaces) {
    if (selectorMatches(sel, { ...ns.meta.labels, 'kubernetes.io/metadata.name': ns.meta.name })) names.add(ns.meta.name);
  }
  return [...names].sort();
}

/** A listener that routes can attach to: it is not in conflict and, for HTTPS and TLS, has a `tls` block. */
export interface ListenerParent {
  gateway: KubernetesGateway;
  listener: Listener;
  /** `<namespace>/<host or *>` entries of the generated Istio Gateway server (`~/<host>` when no namespace is allowed). */
  serverHosts: string[];
  kinds: string[];
  /** `<gwNamespace>/<gateway>~istio-autogenerated-k8s-gateway~<listener>` (pkg/config/gateway/kube InternalGatewayName). */
  internalName: string;
}

export function listenerParents(gw: KubernetesGateway, namespaces: readonly NamespaceResource[]): ListenerParent[] {
  const conflicts = listenerConflicts(gw);
  const out: ListenerParent[] = [];
  for (const l of gw.listeners) {
    if (conflicts.has(l)) continue;
    if (!l.tls && (l.protocol === 'HTTPS' || l.protocol === 'TLS')) continue;
    const host = l.hostname ?? '*';
    const nss = allowedNamespaces(gw, l, namespaces);
    out.push({
      gateway: gw, listener: l,
      serverHosts: nss.length ? nss.map((n) => `${n}/${host}`) : [`~/${host}`],
      kinds: isSupportedProtocol(l.protocol) ? supportedKinds(l) : [],
      internalName: `${gw.meta.namespace}/${gw.meta.name}~istio-autogenerated-k8s-gateway~${l.name}`,
    });
  }
  return out;
}
