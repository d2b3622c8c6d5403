import type { HttpMatch, StringMatch } from '../model/istioTypes';
import { fullMatch } from './regex';
import type { SimRequest } from './request';
import type { HeaderCondition, RouteApi, RouteMatch } from './routeModel';

/** Envoy's runtime matching of one route (envoyproxy/envoy api/envoy/config/route/v3/
 *  route_components.proto RouteMatch; Istio writes it in core/route/route.go TranslateRouteMatch).
 *  Returns undefined when it matches, else the first condition that failed, in words. */

/** A path condition: a string match, or Envoy's `path_separated_prefix` (route_components.proto
 *  RouteMatch.path_separated_prefix): the path, without its query, equals the prefix or continues it
 *  with `/` (`/v2` matches `/v2`, `/v2/` and `/v2/x`, not `/v2x`). Istio writes it for a Gateway API
 *  `PathPrefix` other than `/`, without its trailing `/` (pilot/pkg/config/kube/gateway/conversion.go
 *  createURIMatch). */
export type PathMatch = StringMatch | { kind: 'pathSeparatedPrefix'; value: string };

export function pathMatches(m: PathMatch, path: string, ignoreCase = false): boolean {
  if (m.kind !== 'pathSeparatedPrefix') return stringMatches(m, path, ignoreCase);
  const p = ignoreCase ? path.toLowerCase() : path;
  const prefix = ignoreCase ? m.value.toLowerCase() : m.value;
  return p === prefix || p.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

export function stringMatches(m: StringMatch, value: string | undefined, ignoreCase = false): boolean {
  if (m.kind === 'present') return value !== undefined;
  if (value === undefined) return false;
  switch (m.kind) {
    case 'exact': return ignoreCase ? value.toLowerCase() === m.value.toLowerCase() : value === m.value;
    case 'prefix': return ignoreCase ? value.toLowerCase().startsWith(m.value.toLowerCase()) : value.startsWith(m.value);
    case 'regex': return fullMatch(m.value, value);
  }
}

export function describeMatch(m: PathMatch): string {
  if (m.kind === 'pathSeparatedPrefix') return `path prefix "${m.value}" (whole segments)`;
  return m.kind === 'present' ? 'is present' : `${m.kind} "${m.value}"`;
}

/** Query parameters as Envoy reads them: not URL-decoded; the first occurrence of a name counts. */
export function parseQuery(query: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!query) return out;
  for (const part of query.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    if (!out.has(k)) out.set(k, i < 0 ? '' : part.slice(i + 1));
  }
  return out;
}

function headerValue(req: SimRequest, name: string): string | undefined {
  switch (name.toLowerCase()) {
    case ':method': return req.method;
    case ':authority': case 'host': return req.authority;
    case ':scheme': return req.scheme === 'https' || req.scheme === 'tls' ? 'https' : 'http';
    case ':path': return req.query ? `${req.path}?${req.query}` : req.path;
    default: return req.headers[name.toLowerCase()];
  }
}

/** An Istio match block as Envoy's RouteMatch: `withoutHeaders` become inverted header conditions. */
export function routeMatchOf(m: HttpMatch): RouteMatch {
  const headers: HeaderCondition[] = [
    ...Object.entries(m.headers).map(([name, match]) => ({ name, match, invert: false })),
    ...Object.entries(m.withoutHeaders).map(([name, match]) => ({ name, match, invert: true })),
  ];
  return {
    path: m.uri, ignoreCase: m.ignoreUriCase, scheme: m.scheme, method: m.method, authority: m.authority, headers,
    queryParams: Object.entries(m.queryParams).map(([name, match]) => ({ name, match })),
  };
}

/** Why the match fails for this request, or undefined when every condition holds. The words are the
 *  API's (`api`): a VirtualService's `uri` is an HTTPRoute's `path`. */
export function whyNotMatched(m: RouteMatch, req: SimRequest, api: RouteApi = 'istio'): string | undefined {
  const gatewayApi = api === 'gatewayApi';
  if (m.path && !pathMatches(m.path, req.path, m.path.kind !== 'regex' && m.ignoreCase)) {
    const what = m.path.kind === 'pathSeparatedPrefix' ? describeMatch(m.path) : `${gatewayApi ? 'path' : 'uri'} ${describeMatch(m.path)}`;
    return `${what} does not match "${req.path}"`;
  }
  if (m.scheme && !stringMatches(m.scheme, headerValue(req, ':scheme'))) return `scheme ${describeMatch(m.scheme)} does not match "${headerValue(req, ':scheme')}"`;
  if (m.method && !stringMatches(m.method, req.method)) {
    return gatewayApi && m.method.kind === 'exact' ? `method ${m.method.value} does not match ${req.method}` : `method ${describeMatch(m.method)} does not match "${req.method}"`;
  }
  if (m.authority && !stringMatches(m.authority, req.authority)) return `authority ${describeMatch(m.authority)} does not match "${req.authority}" (the port is part of :authority)`;
  for (const { name, match: sm } of m.headers.filter((h) => !h.invert)) {
    if (name.startsWith('@request.auth.claims')) return `header ${name} needs a JWT claim; the simulated request carries none`;
    const v = headerValue(req, name);
    if (!stringMatches(sm, v)) return v === undefined ? `header ${name} is missing` : `header ${name} ${describeMatch(sm)} does not match "${v}"`;
  }
  for (const { name, match: sm } of m.headers.filter((h) => h.invert)) {
    const v = headerValue(req, name);
    // Inverted matcher; a value matcher treats a missing header as empty (route.go TreatMissingHeaderAsEmpty).
    const hit = sm.kind === 'present' ? v !== undefined : stringMatches(sm, v ?? '');
    if (hit) return `withoutHeaders ${name} ${describeMatch(sm)} excludes "${v ?? ''}"`;
  }
  const params = parseQuery(req.query);
  for (const { name, match: sm } of m.queryParams) {
    const v = params.get(name);
    if (!stringMatches(sm, v)) return v === undefined ? `query parameter ${name} is missing${gatewayApi ? ' (names are case-sensitive)' : ''}` : `query parameter ${name} ${describeMatch(sm)} does not match "${v}"`;
  }
  return undefined;
}

/** core/route/route.go IsCatchAllRoute, on the Envoy route: path prefix `/` (or no path) or regex
 *  `.*`, and no header (method, authority and scheme are headers), query parameter or JWT claim
 *  condition. A route without a match catches all. */
export function isCatchAll(m: RouteMatch | undefined): boolean {
  if (!m) return true;
  const p = m.path;
  const pathCatchAll = !p || (p.kind === 'prefix' && p.value === '/') || (p.kind === 'regex' && p.value === '.*');
  return pathCatchAll && !m.method && !m.authority && !m.scheme && m.headers.length === 0 && m.queryParams.length === 0;
}
