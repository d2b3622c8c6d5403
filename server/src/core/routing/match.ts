import type { HttpMatch, StringMatch } from '../model/istioTypes';
import { fullMatch } from './regex';
import type { SimRequest } from './request';

/** Envoy's runtime matching of one route (route.go TranslateRouteMatch → Envoy RouteMatch).
 *  Returns undefined when it matches, else the first condition that failed, in words. */

export function stringMatches(m: StringMatch, value: string | undefined, ignoreCase = false): boolean {
  if (m.kind === 'present') return value !== undefined;
  if (value === undefined) return false;
  switch (m.kind) {
    case 'exact': return ignoreCase ? value.toLowerCase() === m.value.toLowerCase() : value === m.value;
    case 'prefix': return ignoreCase ? value.toLowerCase().startsWith(m.value.toLowerCase()) : value.startsWith(m.value);
    case 'regex': return fullMatch(m.value, value);
  }
}

export function describeMatch(m: StringMatch): string {
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

/** Why the match fails for this request, or undefined when every condition holds. */
export function whyNotMatched(m: HttpMatch, req: SimRequest): string | undefined {
  if (m.uri && !stringMatches(m.uri, req.path, m.uri.kind !== 'regex' && m.ignoreUriCase)) {
    return `uri ${describeMatch(m.uri)} does not match "${req.path}"`;
  }
  if (m.scheme && !stringMatches(m.scheme, headerValue(req, ':scheme'))) return `scheme ${describeMatch(m.scheme)} does not match "${headerValue(req, ':scheme')}"`;
  if (m.method && !stringMatches(m.method, req.method)) return `method ${describeMatch(m.method)} does not match "${req.method}"`;
  if (m.authority && !stringMatches(m.authority, req.authority)) return `authority ${describeMatch(m.authority)} does not match "${req.authority}" (the port is part of :authority)`;
  for (const [name, sm] of Object.entries(m.headers)) {
    if (name.startsWith('@request.auth.claims')) return `header ${name} needs a JWT claim; the simulated request carries none`;
    const v = headerValue(req, name);
    if (!stringMatches(sm, v)) return v === undefined ? `header ${name} is missing` : `header ${name} ${describeMatch(sm)} does not match "${v}"`;
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders)) {
    const v = headerValue(req, name);
    // Inverted matcher; a value matcher treats a missing header as empty (route.go TreatMissingHeaderAsEmpty).
    const hit = sm.kind === 'present' ? v !== undefined : stringMatches(sm, v ?? '');
    if (hit) return `withoutHeaders ${name} ${describeMatch(sm)} excludes "${v ?? ''}"`;
  }
  const params = parseQuery(req.query);
  for (const [name, sm] of Object.entries(m.queryParams)) {
    const v = params.get(name);
    if (!stringMatches(sm, v)) return v === undefined ? `query parameter ${name} is missing` : `query parameter ${name} ${describeMatch(sm)} does not match "${v}"`;
  }
  return undefined;
}
