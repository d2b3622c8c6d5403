/** The request headers as the backend receives them, after a route's header operations (Envoy
 *  request_headers_to_remove, then request_headers_to_add with OVERWRITE_IF_EXISTS_OR_ADD for `set`
 *  and APPEND_IF_EXISTS_OR_ADD for `add`, as istio/istio pilot/pkg/networking/core/route/route.go
 *  TranslateHeadersOperations writes them). `host` stands for `:authority`. */
import type { HeaderOps } from '../model/istioTypes';
import type { SimRequest } from './request';
import type { Route } from './routeModel';

function isHost(name: string): boolean {
  return name === 'host' || name === ':authority';
}

/** Removes, then sets, then adds (appended to an existing value with a comma); the authority can be
 *  set but not removed, and pseudo-headers are never removed. Names are lower-case already. */
export function applyHeaderOps(headers: Record<string, string>, ops: HeaderOps | undefined): void {
  if (!ops) return;
  for (const n of ops.remove) if (!isHost(n) && !n.startsWith(':')) delete headers[n];
  for (const [n, v] of Object.entries(ops.set)) headers[isHost(n) ? 'host' : n] = v;
  for (const [n, v] of Object.entries(ops.add)) {
    const k = isHost(n) ? 'host' : n;
    headers[k] = headers[k] !== undefined && !isHost(n) ? `${headers[k]},${v}` : v;
  }
}

/** The headers the backend of a matched route receives: the route's operations, then its one
 *  backend's, then a host rewrite. */
export function upstreamRequestHeaders(route: Route, req: SimRequest, hostRewrite: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { ...req.headers, host: req.authority };
  applyHeaderOps(headers, route.headers?.request);
  applyHeaderOps(headers, route.upstreamHeaders?.backend);
  if (hostRewrite !== undefined) headers.host = hostRewrite;
  return headers;
}
