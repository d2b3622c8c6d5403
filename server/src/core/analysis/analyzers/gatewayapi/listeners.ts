/** The listeners of a Gateway API Gateway that Istio programs: a protocol Istio supports (else
 *  Accepted=False UnsupportedProtocol), no collision with an earlier listener on the same port (else
 *  Conflicted=True and no server), a `tls` block on HTTPS and TLS listeners (else no server), and
 *  `allowedRoutes.kinds` its protocol can carry (else ResolvedRefs=False InvalidRouteKinds). In each
 *  case the routes meant for the listener get no traffic there.
 *  Sources: istio/istio pilot/pkg/config/kube/gateway/conversion.go listenerProtocolToIstio,
 *  buildListener; gatewaycommon/listener_conflict.go ComputeGatewayListenerConflicts;
 *  gatewaycommon/conversion.go GenerateGatewaySupportedKinds. */
import { invalidRouteKinds, isProgrammedByIstio, listenerConflicts, supportedKinds } from '../../../gatewayapi';
import { isSupportedProtocol } from '../../../gatewayapi/listeners';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

/** listenerProtocolToIstio's reasons: protocols are case-sensitive, and UDP is deliberately unsupported. */
function protocolProblem(protocol: string): string {
  const upper = protocol.toUpperCase();
  if (isSupportedProtocol(upper)) return `protocol "${protocol}" is unsupported; protocols are case-sensitive: write "${upper}"`;
  if (protocol === 'HBONE') return 'protocol "HBONE" is only supported on waypoints';
  return `protocol "${protocol}" is unsupported (Istio supports HTTP, HTTPS, TLS and TCP)`;
}

export const gatewayApiListeners: Analyzer = {
  name: 'gatewayapi.listeners',
  reads: ['KubernetesGateway', 'GatewayClass'],
  run(ctx) {
    for (const gw of checkable(ctx, 'KubernetesGateway')) {
      // Waypoints (istio.io/mesh-controller) take HBONE listeners and no gateway routes: not checked here.
      if (!isProgrammedByIstio(gw, ctx.snap.gatewayClasses)) continue;
      const id = `Gateway ${gw.meta.namespace}/${gw.meta.name}`;
      for (const l of gw.listeners) {
        if (l.protocol && !isSupportedProtocol(l.protocol)) {
          ctx.report(message(T.listenerUnsupportedProtocol, `Listener ${l.name} of ${id}: ${protocolProblem(l.protocol)}; Istio does not accept the listener, so no route attaches to it`), gw.meta, [...l.path, 'protocol']);
          continue;
        }
        if ((l.protocol === 'HTTPS' || l.protocol === 'TLS') && !l.tls) {
          ctx.report(message(T.listenerMissingTls, `Listener ${l.name} of ${id} is ${l.protocol} without a \`tls\` block: Istio builds no server for it, so its routes get no traffic`), gw.meta, [...l.path, 'protocol']);
        }
        const bad = invalidRouteKinds(l);
        for (const k of l.allowedRoutes.kinds.filter((a) => bad.includes(a.kind))) {
          const carried = supportedKinds({ ...l, allowedRoutes: { ...l.allowedRoutes, kinds: [] } });
          ctx.report(message(T.listenerInvalidRouteKinds, `Listener ${l.name} of ${id} allows ${k.kind}, which a listener of protocol ${l.protocol} cannot carry (it carries ${carried.join(', ') || 'no route kind'}): routes of that kind never attach here`), gw.meta, k.path);
        }
      }
      for (const [l, c] of listenerConflicts(gw)) {
        const what = c.reason === 'HostnameConflict'
          ? `the same hostname (${l.hostname ?? 'none, so every host'})`
          : `a protocol that cannot share the port (${l.protocol} and ${c.with.protocol})`;
        ctx.report(message(T.listenerConflict, `Listener ${l.name} of ${id} conflicts with the earlier listener ${c.with.name} on port ${l.port} (${c.reason}: ${what}): Istio marks it Conflicted and builds no server for it, so nothing attaches to it`), gw.meta, [...l.path, 'port'], {
          related: [ctx.related(gw.meta, [...c.with.path, 'port'], `listener ${c.with.name}, which wins`)],
        });
      }
    }
  },
};
