/** Helpers over every Gateway API route kind. */
import type { GatewayApiRoute } from '../../../gatewayapi/types';
import type { AnalysisContext } from '../../analyzer';
import { checkable } from '../common/istioReport';

/** Every HTTPRoute, GRPCRoute, TCPRoute and TLSRoute to check (templates left out). */
export function allRoutes(ctx: AnalysisContext): GatewayApiRoute[] {
  return [...checkable(ctx, 'HTTPRoute'), ...checkable(ctx, 'GRPCRoute'), ...checkable(ctx, 'TCPRoute'), ...checkable(ctx, 'TLSRoute')];
}

export function routeId(r: GatewayApiRoute): string {
  return `${r.kind} ${r.meta.namespace}/${r.meta.name}`;
}
