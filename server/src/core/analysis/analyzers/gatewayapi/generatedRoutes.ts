/** The VirtualServices Istio generates for the Gateway API Gateways it programs, one per listener and
 *  route hostname, on every port (istio/istio pilot/pkg/config/kube/gateway/route_collections.go
 *  HTTPRouteCollection, mergeHTTPRoutes), computed once per snapshot. */
import { isProgrammedByIstio } from '../../../gatewayapi';
import type { Route } from '../../../routing/routeModel';
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
export function describeRoute(r: Route): string {
  const { resource, ruleIndex, matchIndex } = r.source;
  return `${resource.kind} ${resource.meta.namespace}/${resource.meta.name} rule ${ruleIndex}` + (matchIndex === null ? '' : ` match ${matchIndex}`);
}

/** Where a route's match is written (its rule when it has no `matches`). */
export function whereMatch(r: Route): Path {
  return r.source.matchIndex === null ? r.source.rulePath : r.source.matchPath ?? r.source.rulePath;
}

/** `listener http of istio-ingress/gw, host shop.example.com`. */
export function describeKey(vs: GeneratedVirtualService): string {
  const gw = vs.listener.gateway.meta;
  return `listener ${vs.listener.listener.name} of Gateway ${gw.namespace}/${gw.name}, host ${vs.hostname}`;
}
