/** The action of a Gateway API rule in the route model: header filters, URL rewrite, redirect, the
 *  direct 500, weighted backends, mirrors, timeouts and retries, as Istio translates them
 *  (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute, createHeadersFilter,
 *  headerListToMap, createRewriteFilter, createRedirectFilter, createMirrorFilter,
 *  buildHTTPDestination; core/route/route.go applyHTTPRouteDestination, ApplyRedirect). The shared
 *  evaluator (routing/httpEval.ts) applies it. */
import type { HeaderOps, Headers } from '../model/istioTypes';
import { computeRetries, DEFAULT_RETRY_ON, type RetriesResult } from '../routing/actions';
import type { PathMatch } from '../routing/match';
import { literalPattern } from '../routing/regex';
import type { MirrorPolicy, RedirectPolicy, RewritePolicy, Route, RouteAction, RouteStep, WeightedBackend } from '../routing/routeModel';
import type { Path } from '../yaml/locate';
import type { CheckedRule } from './checkRoute';
import { corsPolicyOf } from './cors';
import type { GRPCRoute, HeaderModifier, HTTPRoute, HTTPRouteRule, RouteFilter } from './types';

/** headerListToMap: names lower-cased, the first of duplicate names kept. */
function toMap(list: readonly { name: string; value: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list) {
    const k = h.name.toLowerCase();
    if (!(k in out)) out[k] = h.value;
  }
  return out;
}

function opsOf(m: HeaderModifier | undefined): HeaderOps | undefined {
  return m ? { set: toMap(m.set), add: toMap(m.add), remove: m.remove.map((n) => n.toLowerCase()) } : undefined;
}

/** The last filter of a type wins (convertHTTPRoute overwrites). */
function last(filters: readonly RouteFilter[], type: string): RouteFilter | undefined {
  return [...filters].reverse().find((f) => f.type === type);
}

/** The rule's header operations and what the trace says of them; a single backend's own
 *  RequestHeaderModifier applies to the request too (core/route/route.go processDestination), while
 *  with several backends each one's filters apply only to the requests sent to it (processWeightedDestination). */
function headerFilters(filters: readonly RouteFilter[], rule: CheckedRule): { headers?: Headers; steps: RouteStep[]; backend?: HeaderOps } {
  const reqF = last(filters, 'RequestHeaderModifier');
  const resF = last(filters, 'ResponseHeaderModifier');
  const request = opsOf(reqF?.requestHeaderModifier);
  const response = opsOf(resF?.responseHeaderModifier);
  const steps: RouteStep[] = [];
  if (reqF) steps.push({ message: 'RequestHeaderModifier changes the request headers', at: reqF.path });
  if (resF) steps.push({ message: 'ResponseHeaderModifier changes the response headers', at: resF.path });
  const single = rule.backends.length === 1 ? rule.backends[0].backendRef : undefined;
  const own = single && last(single.filters, 'RequestHeaderModifier');
  if (own) steps.push({ message: 'the backend\'s RequestHeaderModifier applies (the rule has one backend)', at: own.path });
  if (!single) {
    for (const b of rule.backends) {
      for (const f of [last(b.backendRef.filters, 'RequestHeaderModifier'), last(b.backendRef.filters, 'ResponseHeaderModifier')]) {
        if (f) steps.push({ message: `backendRef ${b.ref.namespace}/${b.ref.name}'s ${f.type} applies only to the requests sent to it (its weighted cluster), before the rule's`, at: f.path });
      }
    }
  }
  const headers = request || response ? { ...(request ? { request } : {}), ...(response ? { response } : {}) } : undefined;
  return { headers, steps, backend: opsOf(own?.requestHeaderModifier) };
}

/** createRedirectFilter: a port comes from `port`; else, with a scheme, the scheme's default; else the
 *  listener port. `ReplacePrefixMatch` is used as written. */
function redirectOf(f: RouteFilter): RedirectPolicy {
  const rd = f.requestRedirect!;
  const pm = rd.pathModifier;
  const path = pm?.type === 'ReplaceFullPath' && pm.replaceFullPath !== undefined ? { kind: 'full' as const, value: pm.replaceFullPath }
    : pm?.type === 'ReplacePrefixMatch' && pm.replacePrefixMatch ? { kind: 'prefix' as const, value: pm.replacePrefixMatch } : undefined;
  return {
    scheme: rd.scheme, host: rd.hostname, port: rd.port,
    derivePort: rd.port !== undefined ? undefined : rd.scheme ? 'FROM_PROTOCOL_DEFAULT' : 'FROM_REQUEST_PORT',
    path, code: rd.statusCode, defaultCode: 302, at: f.path, codeAt: [...rd.path, 'statusCode'],
  };
}

/** createRewriteFilter: ReplacePrefixMatch swaps the matched prefix (its trailing `/` dropped); to `/`
 *  Istio writes regex_rewrite `^<prefix>(/?)(.*)` → `/\2`, which removes the prefix and keeps one `/`. */
function rewriteOf(rule: HTTPRouteRule, match: PathMatch | undefined): RewritePolicy | undefined {
  const f = last(rule.filters, 'URLRewrite');
  const rw = f?.urlRewrite;
  if (!rw) return undefined;
  const pm = rw.pathModifier;
  let path: RewritePolicy['path'];
  if (pm?.type === 'ReplaceFullPath' && pm.replaceFullPath !== undefined) path = { kind: 'full', value: pm.replaceFullPath };
  else if (pm?.type === 'ReplacePrefixMatch' && pm.replacePrefixMatch !== undefined) {
    const to = pm.replacePrefixMatch.replace(/\/$/, '');
    const prefix = match?.kind === 'pathSeparatedPrefix' ? match.value : '';
    path = to === '' ? { kind: 'regex', pattern: `^${literalPattern(prefix)}(/?)(.*)`, substitution: '/\\2' } : { kind: 'prefix', value: to };
  }
  const host = rw.hostname || undefined;
  return path || host !== undefined ? { path, host, partial: true, at: f!.path } : undefined;
}

/** convertHTTPRoute: `timeouts.backendRequest` is the per-try timeout with a retry stanza and
 *  replaces `timeouts.request` without one; a zero duration disables a timeout. A retry stanza
 *  becomes the VirtualService HTTPRetry Istio writes (attempts default 2, retryOn the connection
 *  errors followed by the codes as numbers), which then goes through the VirtualService conversion
 *  (core/route/retry/retry.go ConvertPolicy): the codes become retriable_status_codes. */
function timeoutsAndRetries(rule: HTTPRouteRule): { timeout?: string; retryPolicy: RetriesResult; steps: RouteStep[] } {
  const t = rule.timeouts;
  const nonZero = (d?: string) => (d && !/^0+(\.0+)?[a-z]*$/.test(d) ? d : undefined);
  let timeout = nonZero(t?.request);
  const backend = nonZero(t?.backendRequest);
  const steps: RouteStep[] = [];
  let retryPolicy: RetriesResult;
  if (rule.retry) {
    const attempts = rule.retry.attempts ?? 2;
    const written = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', ...rule.retry.codes.map(String)].join(',');
    retryPolicy = computeRetries({ attempts, retryOn: attempts === 0 ? undefined : written, perTryTimeout: backend, backoff: rule.retry.backoff });
    const codes = retryPolicy.retriableStatusCodes;
    steps.push({
      message: attempts === 0 ? 'retry: 0 attempts, so no retry policy at all'
        : `retry: ${attempts} attempts on ${retryPolicy.retryOn}${codes ? ` (status codes ${codes.join(', ')})` : ''}${retryPolicy.backoff ? `, back-off base interval ${retryPolicy.backoff} (jittered and exponential, at most ten times it)` : ''}`,
      at: rule.retry.path,
    });
  } else {
    if (backend) timeout = backend;
    retryPolicy = computeRetries(undefined);
    steps.push({ message: `no retry stanza: Istio's default retry policy applies (2 attempts on ${DEFAULT_RETRY_ON})` });
  }
  if (t && timeout) steps.push({ message: `route timeout ${timeout}${backend && !rule.retry ? ' (backendRequest replaces request when there is no retry)' : ''}`, at: t.path });
  return { timeout, retryPolicy, steps };
}

/** A backendRef's own header filters (buildHTTPDestination: the last of each type), or undefined. */
function backendHeaders(filters: readonly RouteFilter[]): Headers | undefined {
  const request = opsOf(last(filters, 'RequestHeaderModifier')?.requestHeaderModifier);
  const response = opsOf(last(filters, 'ResponseHeaderModifier')?.responseHeaderModifier);
  return request || response ? { ...(request ? { request } : {}), ...(response ? { response } : {}) } : undefined;
}

/** The weighted backends: an invalid one (missing, not permitted, unknown kind) keeps its share, which
 *  Envoy answers with 500. Each keeps its own header filters. */
function backendsOf(rule: CheckedRule): WeightedBackend[] {
  return rule.backends.map((b) => {
    const headers = backendHeaders(b.backendRef.filters);
    return {
      destination: { host: b.host ?? '', port: b.port }, weight: b.backendRef.weight, index: b.backendRef.index,
      path: b.backendRef.path, destinationPath: b.backendRef.path, ref: `${b.ref.namespace}/${b.ref.name}`,
      ...(b.error || !b.host ? { invalid: `${b.error?.reason}: ${b.error?.message}` } : {}),
      ...(headers ? { headers } : {}),
    };
  });
}

/** createMirrorFilter: `fraction` wins over `percent`; 100 % when neither is written. */
function mirrorsOf(rule: CheckedRule): MirrorPolicy[] {
  return rule.mirrors.flatMap(({ filter, backend }) => {
    const m = filter.requestMirror!;
    if (!backend.host || backend.port === undefined) return [];
    const percentage = m.fraction ? (100 * m.fraction.numerator) / (m.fraction.denominator || 100) : m.percent ?? 100;
    return [{ destination: { host: backend.host, port: backend.port }, percentage, at: filter.path }];
  });
}

/** The parts of a route that come from its rule, for the match whose path `match` is. */
export function lowerRuleAction(route: HTTPRoute | GRPCRoute, rule: CheckedRule, match: PathMatch | undefined): Pick<Route, 'action' | 'headers' | 'steps' | 'upstreamHeaders' | 'corsPolicy'> {
  const written = route.rules[rule.index];
  const filters = written.filters;
  const { headers, steps, backend } = headerFilters(filters, rule);
  // The route's corsPolicy applies whatever its action (redirect and direct response included).
  const cors = last(filters, 'CORS');
  const corsPolicy = cors?.cors ? corsPolicyOf(cors.cors) : undefined;
  if (cors?.cors) steps.push({ message: 'CORS: Istio writes the filter as the route\'s corsPolicy with unmatchedPreflights IGNORE: Envoy answers every preflight itself, from origins it does not allow too, and never forwards one', at: cors.path });
  const common = { headers, steps, upstreamHeaders: { backend }, ...(corsPolicy ? { corsPolicy } : {}) };
  const redirect = filters.find((f) => f.type === 'RequestRedirect' && f.requestRedirect);
  if (redirect) return { ...common, action: { kind: 'redirect', redirect: redirectOf(redirect) } };
  if (rule.directResponse500) {
    const at: Path = [...written.path, ...(written.backendRefs.length ? ['backendRefs'] : [])];
    return { ...common, action: { kind: 'directResponse', status: 500, at, why: 'the rule has no backendRef with a weight above 0: Istio makes it a direct response 500' } };
  }
  // A backend whose Service lacks the port keeps ResolvedRefs True, but its cluster does not exist.
  const action: RouteAction = { kind: 'route', backends: backendsOf(rule), mirrors: mirrorsOf(rule), backendsPath: written.path, clusterNotFoundStatus: 500 };
  if (route.kind === 'HTTPRoute') {
    const r = route.rules[rule.index];
    const tr = timeoutsAndRetries(r);
    Object.assign(action, { rewrite: rewriteOf(r, match), timeout: tr.timeout, retryPolicy: tr.retryPolicy, steps: tr.steps });
  }
  return { ...common, action };
}
