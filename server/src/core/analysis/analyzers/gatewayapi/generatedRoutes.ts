/** The VirtualServices Istio generates for the Gateway API Gateways it programs, one per listener and
 *  route hostname, on every port (istio/istio pilot/pkg/config/kube/gateway/route_collections.go
 *  HTTPRouteCollection, mergeHTTPRoutes), computed once per snapshot. */
import { isProgrammedByIstio } from '../../../gatewayapi';
import type { GwRoute } from '../../../gatewayapi/routes';
import { generatedVirtualServices, type GeneratedVirtualService } from '../../../gatewayapi/virtualHosts';
import type { Snapshot } from '../../../workspace/snapshot';
import type { Path } from '../../../yaml/locate';

export function allGeneratedVirtualServices(snap: Snapshot): GeneratedVirtualService[] {
  return snap.memo('gatewayapi.allGeneratedVirtualServices', () => {
    const out: GeneratedVirtualService[] = [];
    for (const gw of snap.kubernetesGateways().values()) {
      if (!isProgrammedByIstio(gw, snap.gatewayClasses)) continue;
      const ports = new Set(gw.listeners.map((l) => l.port).filter((p): p is number => p !== undefined));
      for (const port of ports) out.push(...generatedVirtualServices(snap, gw, port));
    }
    return out;
  });
}

/** `HTTPRoute ns/name rule 1 match 0`, for messages. */
export function describeRoute(r: GwRoute): string {
  return `${r.route.kind} ${r.route.meta.namespace}/${r.route.meta.name} rule ${r.ruleIndex}` + (r.matchIndex === null ? '' : ` match ${r.matchIndex}`);
}

/** Where a route's match is written (its rule when it has no `matches`). */
export function whereMatch(r: GwRoute): Path {
  return r.matchIndex === null ? r.rulePath : r.matchPath;
}

/** `listener http of istio-ingress/gw, host shop.example.com`. */
export function describeKey(vs: GeneratedVirtualService): string {
  const gw = vs.listener.gateway.meta;
  return `listener ${vs.listener.listener.name} of Gateway ${gw.namespace}/${gw.name}, host ${vs.hostname}`;
}
