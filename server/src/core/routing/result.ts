import type { GatewayApiRoute } from '../gatewayapi/types';
import type { Obj } from '../model/coerce';
import type { Headers } from '../model/istioTypes';
import type { VirtualService } from '../model/virtualService';
import type { FaultResult, RetriesResult, RewriteResult } from './actions';
import type { CorsResult } from './cors';
import type { ResolvedDestination } from './destinations';
import type { MirrorResult } from './mirrors';
import type { SimRequest } from './request';
import type { RouteProvenance } from './routeModel';
import type { TraceStep } from './trace';
import type { Path } from '../yaml/locate';

export type Action = 'route' | 'redirect' | 'directResponse' | 'noRoute' | 'passthrough' | 'blackhole' | 'defaultService';

export type { MirrorResult } from './mirrors';

/** What happens to a request: plain data, with the VirtualService resource for its position. */
export interface SimResult {
  request: SimRequest;
  /** The protocol the port was routed as. */
  protocol: 'http' | 'tcp' | 'tls';
  action: Action;
  /** The route that decided, whatever its source (routeModel.ts); null when none did. */
  route: RouteProvenance | null;
  /** The VirtualService of the route (or, on a 404, the one that owned the host). */
  virtualService: VirtualService | null;
  /** For a delegated route: the root VirtualService and the index of its `delegate` route. */
  rootVirtualService: { vs: VirtualService; httpRouteIndex: number } | null;
  httpRouteIndex: number | null;
  /** Which match block of the route decided (null for a route without `match`). */
  matchIndex: number | null;
  tcpRouteIndex: number | null;
  tlsRouteIndex: number | null;
  destinations: ResolvedDestination[];
  rewrite: RewriteResult | null;
  redirect: { location: string; status: number } | null;
  directResponse: { status: number; body: string | null } | null;
  fault: FaultResult | null;
  timeout: string | null;
  retries: RetriesResult | null;
  mirrors: MirrorResult[];
  headers: Headers | null;
  corsPolicy: Obj | null;
  /** What Envoy's CORS filter did: set for a request with an Origin on a route with a CORS policy. */
  cors?: CorsResult | null;
  /** The Gateway API rule that decided (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute), or null. */
  gatewayApiRoute?: { resource: GatewayApiRoute; ruleIndex: number; matchIndex: number | null; rulePath: Path } | null;
  /** The request headers as the backend receives them, after the route's filters (lower-case names;
   *  `host` is the authority); set for Gateway API routes. */
  requestHeaders?: Record<string, string> | null;
  /** The status the client sees when the outcome decides it (404 no route, 503 no cluster, 502 blackhole, ...). */
  status: number | null;
  /** A connection that never gets an HTTP answer: refused (nothing listens on the port), closed (no
   *  filter chain, no route for a TCP/TLS connection, a TCP proxy to a cluster that does not exist, the
   *  BlackHoleCluster) or reset; `status` is null then. Null when the request gets an answer or is proxied. */
  connection?: 'refused' | 'closed' | 'reset' | null;
  trace: TraceStep[];
}

export function emptyResult(request: SimRequest, trace: TraceStep[]): SimResult {
  return {
    request, protocol: 'http', action: 'noRoute', route: null, virtualService: null, rootVirtualService: null,
    httpRouteIndex: null, matchIndex: null, tcpRouteIndex: null, tlsRouteIndex: null, destinations: [],
    rewrite: null, redirect: null, directResponse: null, fault: null, timeout: null, retries: null,
    mirrors: [], headers: null, corsPolicy: null, status: null, connection: null, trace,
  };
}
