/** Envoy's CORS filter on the route that matched (envoyproxy/envoy
 *  source/extensions/filters/http/cors/cors_filter.cc CorsFilter::decodeHeaders, encodeHeaders,
 *  isOriginAllowed), with the policy Istio writes for a VirtualService `corsPolicy` or an HTTPRoute
 *  CORS filter (istio/istio pilot/pkg/networking/core/route/route.go TranslateCORSPolicy,
 *  forwardNotMatchingPreflights). Istio puts the policy on the route only; Envoy reads it only for a
 *  route that forwards (a redirect or direct response has no route entry).
 *
 *  A request with a non-empty `Origin` is a CORS request. An `OPTIONS` one that also carries
 *  `Access-Control-Request-Method` is a preflight: when the origin is allowed, or it is not and the
 *  policy says not to forward unmatched preflights (`unmatchedPreflights: IGNORE`, which Istio writes
 *  for every HTTPRoute CORS filter), the filter answers 200 itself and no upstream sees it; an
 *  unmatched preflight is otherwise forwarded (Istio's and Envoy's default). Any other CORS request
 *  goes upstream, and an allowed origin gets the allow-origin, credentials and expose headers on the
 *  response. The fault filter runs before it (pilot/pkg/networking/core/listener_builder.go). */
import { parseGoDuration } from '../analysis/validation/duration';
import type { StringMatch } from '../model/istioTypes';
import { stringMatches } from './match';
import type { SimRequest } from './request';
import type { SimResult } from './result';
import type { Route } from './routeModel';
import type { Trace } from './trace';

/** What the CORS filter did with the request (`simulate --json` field `cors`). */
export interface CorsResult {
  /** `preflight`: OPTIONS with Origin and Access-Control-Request-Method; `simple`: any other request with an Origin. */
  kind: 'preflight' | 'simple';
  origin: string;
  originAllowed: boolean;
  /** The filter answered the preflight itself (status 200, no upstream). */
  answered: boolean;
  /** The headers the filter puts on the response (lower-case names). */
  responseHeaders: Record<string, string>;
}

/** The Envoy CorsPolicy Istio writes. */
interface EnvoyCorsPolicy {
  origins: StringMatch[];
  allowMethods: string;
  allowHeaders: string;
  exposeHeaders: string;
  maxAge?: string;
  allowCredentials: boolean;
  forwardNotMatchingPreflights: boolean;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function originMatchers(policy: Record<string, unknown>): StringMatch[] {
  // allowOrigins wins over the deprecated allowOrigin (exact strings).
  if (Array.isArray(policy.allowOrigins)) {
    return policy.allowOrigins.flatMap((o): StringMatch[] => {
      const m = o && typeof o === 'object' ? (o as Record<string, unknown>) : {};
      if (typeof m.exact === 'string') return [{ kind: 'exact', value: m.exact }];
      if (typeof m.prefix === 'string') return [{ kind: 'prefix', value: m.prefix }];
      if (typeof m.regex === 'string') return [{ kind: 'regex', value: m.regex }];
      return [];
    });
  }
  return strings(policy.allowOrigin).map((value) => ({ kind: 'exact', value }));
}

function envoyPolicy(policy: Record<string, unknown>): EnvoyCorsPolicy {
  const age = typeof policy.maxAge === 'string' ? parseGoDuration(policy.maxAge) : undefined;
  return {
    origins: originMatchers(policy),
    allowMethods: strings(policy.allowMethods).join(','),
    allowHeaders: strings(policy.allowHeaders).join(','),
    exposeHeaders: strings(policy.exposeHeaders).join(','),
    maxAge: age && 'ns' in age ? String(Math.trunc(age.ns / 1e9)) : undefined,
    allowCredentials: policy.allowCredentials === true,
    forwardNotMatchingPreflights: policy.unmatchedPreflights !== 'IGNORE',
  };
}

/** isOriginAllowed: a matcher that matches the literal `*`, or the origin. */
function originAllowed(p: EnvoyCorsPolicy, origin: string): boolean {
  return p.origins.some((m) => stringMatches(m, '*') || stringMatches(m, origin));
}

/** The filter's decision for a request on a route with this policy; undefined when it does nothing. */
export function corsDecision(policy: Record<string, unknown>, req: SimRequest): CorsResult | undefined {
  const origin = req.headers.origin;
  if (!origin) return undefined;
  const p = envoyPolicy(policy);
  const allowed = originAllowed(p, origin);
  const requestMethod = req.headers['access-control-request-method'];
  const kind = req.method === 'OPTIONS' && requestMethod ? 'preflight' : 'simple';
  const answered = kind === 'preflight' && (allowed || !p.forwardNotMatchingPreflights);
  const h: Record<string, string> = {};
  if (allowed) h['access-control-allow-origin'] = origin;
  if (p.allowCredentials && (allowed || answered)) h['access-control-allow-credentials'] = 'true';
  if (answered) {
    if (p.allowMethods) h['access-control-allow-methods'] = p.allowMethods === '*' ? requestMethod! : p.allowMethods;
    const requested = req.headers['access-control-request-headers'] ?? '';
    if (p.allowHeaders) h['access-control-allow-headers'] = p.allowHeaders === '*' ? requested : p.allowHeaders;
    if (p.maxAge !== undefined) h['access-control-max-age'] = p.maxAge;
  }
  // The response, the filter's own answer included, passes its encoder: allowed origins get the expose headers.
  if (allowed && p.exposeHeaders) h['access-control-expose-headers'] = p.exposeHeaders;
  return { kind, origin, originAllowed: allowed, answered, responseHeaders: h };
}

const listed = (h: Record<string, string>) => Object.entries(h).map(([k, v]) => `${k}: ${v}`).join(', ');

/** Runs the filter for a forwarding route that matched; true when it answered the request itself. */
export function applyCors(r: Route, req: SimRequest, res: SimResult, trace: Trace): boolean {
  if (!r.corsPolicy || r.action.kind !== 'route') return false;
  const at = r.source.resource.meta;
  const where = r.source.ruleList === 'rules' ? r.source.rulePath : [...r.source.rulePath, 'corsPolicy'];
  if (req.headers.origin && res.fault?.abort && res.fault.abort.percent >= 100 && res.fault.abort.status !== null) {
    trace.at('the fault filter runs before the CORS filter: the aborted request never reaches it and gets no CORS headers', at, where);
    return false;
  }
  const c = corsDecision(r.corsPolicy, req);
  if (!c) return false;
  res.cors = c;
  const headers = Object.keys(c.responseHeaders).length ? `, with ${listed(c.responseHeaders)}` : ', without CORS headers';
  const origin = `origin ${c.origin} ${c.originAllowed ? 'is allowed' : 'is not allowed'} by the CORS policy`;
  if (c.kind === 'preflight' && c.answered) {
    res.action = 'directResponse';
    res.status = 200;
    res.directResponse = { status: 200, body: null };
    const why = c.originAllowed ? '' : ' (unmatched preflights are not forwarded: unmatchedPreflights IGNORE)';
    trace.at(`CORS preflight: ${origin}; Envoy's CORS filter answers 200 itself${why}${headers}; no upstream sees it`, at, where);
    return true;
  }
  if (c.kind === 'preflight') trace.at(`CORS preflight: ${origin}; unmatched preflights are forwarded (unmatchedPreflights FORWARD, the default): the route's backends answer it`, at, where);
  else trace.at(`CORS request: ${origin}; it goes upstream and the response gets ${c.originAllowed ? listed(c.responseHeaders) : 'no CORS headers'}`, at, where);
  return false;
}
