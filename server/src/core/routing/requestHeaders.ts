/** The request headers as the backend receives them, after a route's header operations (Envoy
 *  request_headers_to_remove, then request_headers_to_add with OVERWRITE_IF_EXISTS_OR_ADD for `set`
 *  and APPEND_IF_EXISTS_OR_ADD for `add`, as istio/istio pilot/pkg/networking/core/route/route.go
 *  TranslateHeadersOperations writes them). `host` stands for `:authority`: a `set` or `add` of it is
 *  an authority rewrite, never a header operation (translateAppendHeaders). */
import type { HeaderOps } from '../model/istioTypes';
import type { ResolvedDestination } from './destinations';
import type { SimRequest } from './request';
import type { Route, WeightedBackend } from './routeModel';

function isHost(name: string): boolean {
  return name === 'host' || name === ':authority';
}

/** One Envoy header parser made of several operation lists: every remove first, then the sets and
 *  adds in order (an add appends to an existing value with a comma). Pseudo-headers and the
 *  authority are never removed. Names are lower-case already. */
function applyParser(headers: Record<string, string>, lists: readonly (HeaderOps | undefined)[]): void {
  for (const ops of lists) for (const n of ops?.remove ?? []) if (!isHost(n) && !n.startsWith(':')) delete headers[n];
  for (const ops of lists) {
    if (!ops) continue;
    for (const [n, v] of Object.entries(ops.set)) if (!isHost(n)) headers[n] = v;
    for (const [n, v] of Object.entries(ops.add)) if (!isHost(n)) headers[n] = headers[n] !== undefined ? `${headers[n]},${v}` : v;
  }
}

/** The authority an operation list rewrites to: a `set` wins over an `add` (TranslateHeadersOperations). */
function authorityOf(ops: HeaderOps | undefined): string | undefined {
  if (!ops) return undefined;
  const find = (m: Record<string, string>) => Object.entries(m).find(([k]) => isHost(k))?.[1];
  return find(ops.set) ?? find(ops.add);
}

/** The headers the backend of a matched route receives. A weighted cluster's own operations (`cluster`)
 *  run before the route's (Envoy ClusterWeight.request_headers_to_add); a single backend's are
 *  appended to the route's in one parser (route.go processDestination). The authority: the rewrite's
 *  host, else the route's, else the backend's (processDestination, processWeightedDestination; Envoy
 *  applies a route-level host rewrite after a weighted cluster's). */
export function upstreamRequestHeaders(route: Route, req: SimRequest, hostRewrite: string | undefined, cluster?: HeaderOps): Record<string, string> {
  const headers: Record<string, string> = { ...req.headers, host: req.authority };
  const folded = route.upstreamHeaders?.backend;
  applyParser(headers, [cluster]);
  applyParser(headers, [route.headers?.request, folded]);
  const host = hostRewrite ?? authorityOf(route.headers?.request) ?? authorityOf(folded) ?? authorityOf(cluster);
  if (host !== undefined) headers.host = host;
  return headers;
}

/** When some backend of the rule has header filters of its own, each destination gets its own
 *  operations and the headers it receives: with several backends a backend's filters apply only to
 *  the requests Envoy sends to it (route.go processWeightedDestination); with one they are the route's. */
export function backendRequestHeaders(route: Route, backends: readonly WeightedBackend[], destinations: ResolvedDestination[], req: SimRequest, hostRewrite: string | undefined, routeHeaders: Record<string, string>): void {
  if (!backends.some((b) => b.headers)) return;
  const weighted = backends.length > 1;
  for (const d of destinations) {
    const b = backends.find((x) => x.index === d.index);
    if (b?.headers) d.headers = b.headers;
    d.requestHeaders = weighted ? upstreamRequestHeaders(route, req, hostRewrite, b?.headers?.request) : routeHeaders;
  }
}
