/** The status Istio would write on a Gateway API Gateway and its listeners, computed from the
 *  workspace (istio/istio pilot/pkg/config/kube/gateway/gateway_collection.go, conversion.go
 *  buildListener, reportGatewayStatus, listenerProtocolToIstio; pilot/pkg/config/kube/gatewaycommon/
 *  conversion.go ReportListenerConflict, ReportListenerCondition, GenerateGatewaySupportedKinds;
 *  route_collections.go gatewayRouteAttachmentCountCollection).
 *
 *  Not computed offline: the Gateway's and the listeners' `Programmed` as far as it depends on the
 *  deployed proxy and its addresses, and certificate references (Secrets are not read), so a
 *  listener's TLS problems are not reported here. */
import type { Snapshot } from '../workspace/snapshot';
import { invalidRouteKinds, isProgrammedByIstio, isSupportedProtocol, listenerConflicts, supportedKinds } from './listeners';
import { allRoutes, routeStatus, type Condition } from './status';
import type { KubernetesGateway, Listener } from './types';

export interface ListenerStatus {
  listener: Listener;
  /** `Accepted`, `Programmed`, `Conflicted` and, when set, `ResolvedRefs`, as Istio writes them. */
  conditions: { type: string; condition: Condition }[];
  /** Route kinds the listener takes (status.listeners[].supportedKinds). */
  supportedKinds: string[];
  /** Routes accepted on this listener, of every kind. */
  attachedRoutes: number;
  /** Istio counts the listener as valid (it decides the Gateway's Accepted). */
  valid: boolean;
}

export interface GatewayStatus {
  gateway: KubernetesGateway;
  /** `Accepted` and `ResolvedRefs` of the Gateway. */
  conditions: { type: string; condition: Condition }[];
  listeners: ListenerStatus[];
}

const OK = 'No errors found';
const CONFLICT = 'Listener has a conflict with another listener attached to the same Gateway';

/** listenerProtocolToIstio's error for a protocol it does not take. */
function protocolError(protocol: string): string {
  if (protocol === 'HBONE') return `protocol "HBONE" is only supported for waypoint proxies`;
  const up = protocol.toUpperCase();
  return isSupportedProtocol(up) || up === 'HBONE' ? `protocol "${protocol}" is unsupported. hint: "${up}" (uppercase) may be supported` : `protocol "${protocol}" is unsupported`;
}

function attachedCounts(snap: Snapshot, gw: KubernetesGateway): Map<Listener, number> {
  const counts = new Map<Listener, number>();
  for (const route of allRoutes(snap)) {
    const seen = new Set<Listener>();
    for (const r of routeStatus(snap, route).results) {
      const l = r.listener;
      if (r.denied || !l || l.gateway !== gw || seen.has(l.listener)) continue;
      seen.add(l.listener);
      counts.set(l.listener, (counts.get(l.listener) ?? 0) + 1);
    }
  }
  return counts;
}

function listenerStatus(l: Listener, conflict: { reason: string } | undefined, attachedRoutes: number): ListenerStatus {
  const kinds = supportedKinds(l);
  const conditions: ListenerStatus['conditions'] = [];
  let valid = true;
  if (conflict) {
    valid = false;
    conditions.push({ type: 'Accepted', condition: { status: false, reason: conflict.reason, message: CONFLICT, path: [...l.path, 'port'] } });
    conditions.push({ type: 'Programmed', condition: { status: false, reason: conflict.reason, message: CONFLICT } });
    conditions.push({ type: 'Conflicted', condition: { status: true, reason: conflict.reason, message: CONFLICT, path: [...l.path, 'port'] } });
  } else {
    const supported = isSupportedProtocol(l.protocol);
    valid = supported;
    conditions.push({ type: 'Accepted', condition: supported ? { status: true, reason: 'Accepted', message: OK } : { status: false, reason: 'UnsupportedProtocol', message: protocolError(l.protocol), path: [...l.path, 'protocol'] } });
    conditions.push({ type: 'Programmed', condition: { status: true, reason: 'Programmed', message: OK } });
    conditions.push({ type: 'Conflicted', condition: { status: false, reason: 'NoConflicts', message: OK } });
    conditions.push({ type: 'ResolvedRefs', condition: { status: true, reason: 'ResolvedRefs', message: OK } });
  }
  if (invalidRouteKinds(l).length) {
    const at = conditions.findIndex((c) => c.type === 'ResolvedRefs');
    const c = { type: 'ResolvedRefs', condition: { status: false, reason: 'InvalidRouteKinds', message: 'Invalid route kinds', path: [...l.path, 'allowedRoutes', 'kinds'] } };
    if (at >= 0) conditions[at] = c;
    else conditions.push(c);
  }
  return { listener: l, conditions, supportedKinds: kinds, attachedRoutes, valid };
}

/** The status Istio would write on `gw`, or undefined when Istio does not program its class. */
export function gatewayStatus(snap: Snapshot, gw: KubernetesGateway): GatewayStatus | undefined {
  if (!isProgrammedByIstio(gw, snap.gatewayClasses)) return undefined;
  const conflicts = listenerConflicts(gw);
  const counts = attachedCounts(snap, gw);
  const listeners = gw.listeners.map((l) => listenerStatus(l, conflicts.get(l), counts.get(l) ?? 0));
  const valid = listeners.filter((l) => l.valid).length;
  const total = listeners.length;
  const accepted: Condition = total > 0 && valid < total
    ? valid === 0
      ? { status: false, reason: 'ListenersNotValid', message: 'None of the Gateway\'s listeners are valid', path: ['spec', 'listeners'] }
      : { status: true, reason: 'ListenersNotValid', message: 'One or more of the Gateway\'s listeners are invalid', path: ['spec', 'listeners'] }
    : { status: true, reason: 'Accepted', message: 'Resource accepted' };
  return {
    gateway: gw,
    conditions: [{ type: 'Accepted', condition: accepted }, { type: 'ResolvedRefs', condition: { status: true, reason: 'ResolvedRefs', message: 'All references resolved' } }],
    listeners,
  };
}
