/** Which route decided, written into the result: the source-neutral `route` (kind, resource, rule and
 *  match) and, for a VirtualService, the fields `simulate --json` has always had (`virtualService`,
 *  `httpRouteIndex`, `tcpRouteIndex`, `tlsRouteIndex`, `rootVirtualService`); for a Gateway API route,
 *  the typed `gatewayApiRoute` the text output and the routing tests read. */
import type { GatewayApiRoute } from '../gatewayapi/types';
import type { VirtualService } from '../model/virtualService';
import type { SimResult } from './result';
import { apiOf, type RouteProvenance, type RouteSourceResource } from './routeModel';

export function asVirtualService(r: RouteSourceResource | undefined): VirtualService | null {
  return r?.kind === 'VirtualService' ? (r as VirtualService) : null;
}

export function applyProvenance(res: SimResult, source: RouteProvenance): void {
  res.route = source;
  res.virtualService = asVirtualService(source.resource);
  const vs = !!res.virtualService;
  // The match block of an HTTP route, whatever its source; a VirtualService's tcp and tls rules have none.
  if (source.ruleList !== 'tcp' && source.ruleList !== 'tls') res.matchIndex = source.matchIndex;
  if (source.ruleList === 'http' && vs) {
    res.httpRouteIndex = source.ruleIndex;
    const root = asVirtualService(source.root?.resource);
    res.rootVirtualService = root && source.root ? { vs: root, httpRouteIndex: source.root.ruleIndex } : null;
  }
  if (apiOf(source) === 'gatewayApi') res.gatewayApiRoute = { resource: source.resource as GatewayApiRoute, ruleIndex: source.ruleIndex, matchIndex: source.matchIndex, rulePath: source.rulePath };
  if (source.ruleList === 'tcp' && vs) res.tcpRouteIndex = source.ruleIndex;
  if (source.ruleList === 'tls' && vs) res.tlsRouteIndex = source.ruleIndex;
}
