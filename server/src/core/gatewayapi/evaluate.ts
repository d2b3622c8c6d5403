/** Runs a request through Gateway API routes as Envoy runs the configuration Istio makes of them:
 *  first matching route of the virtual host, then its action (istio/istio
 *  pilot/pkg/networking/core/route/route.go TranslateRouteMatch, applyHTTPRouteDestination,
 *  ApplyRedirect; pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute). */
import { computeRetries, DEFAULT_RETRY_ON } from '../routing/actions';
import type { DestinationContext } from '../routing/destinations';
import { settleStatus } from '../routing/httpEval';
import { parseQuery } from '../routing/match';
import { applyProvenance } from '../routing/provenance';
import { fullMatch } from '../routing/regex';
import type { SimRequest } from '../routing/request';
import type { SimResult } from '../routing/result';
import { applyBackends, applyHeaderFilters, applyRewrite, computeRedirect } from './actions';
import type { GwMatch, GwPathMatch, GwRoute } from './routes';

function pathMatches(m: GwPathMatch, path: string): boolean {
  switch (m.kind) {
    case 'exact': return path === m.value;
    case 'prefix': return path.startsWith(m.value);
    case 'pathSeparatedPrefix': return path === m.value || path.startsWith(`${m.value}/`);
    case 'regex': return fullMatch(m.value, path);
  }
}

function describePath(m: GwPathMatch): string {
  return m.kind === 'pathSeparatedPrefix' ? `path prefix "${m.value}" (whole segments)` : `path ${m.kind} "${m.value}"`;
}

/** Why the route does not match, or undefined when it does. */
export function whyNot(m: GwMatch | undefined, req: SimRequest): string | undefined {
  if (!m) return undefined;
  if (m.port !== undefined && m.port !== req.port) return `it applies to port ${m.port} of the Service only, the request is on port ${req.port}`;
  if (m.path && !pathMatches(m.path, req.path)) return `${describePath(m.path)} does not match "${req.path}"`;
  if (m.method && m.method !== req.method) return `method ${m.method} does not match ${req.method}`;
  for (const h of m.headers) {
    const v = req.headers[h.name.toLowerCase()];
    if (v === undefined) return `header ${h.name} is missing`;
    if (h.regex ? !fullMatch(h.value, v) : v !== h.value) return `header ${h.name} ${h.regex ? 'regex' : 'exact'} "${h.value}" does not match "${v}"`;
  }
  const params = parseQuery(req.query);
  for (const q of m.queryParams) {
    const v = params.get(q.name);
    if (v === undefined) return `query parameter ${q.name} is missing (names are case-sensitive)`;
    if (q.regex ? !fullMatch(q.value, v) : v !== q.value) return `query parameter ${q.name} ${q.regex ? 'regex' : 'exact'} "${q.value}" does not match "${v}"`;
  }
  return undefined;
}

export function routeLabel(r: GwRoute): string {
  return `${r.route.kind} ${r.route.meta.namespace}/${r.route.meta.name} rules[${r.ruleIndex}]${r.matchIndex !== null ? `.matches[${r.matchIndex}]` : ''}`;
}

/** Sets the result's Gateway API route fields. */
function decided(res: SimResult, r: GwRoute): void {
  res.gatewayApiRoute = { resource: r.route, ruleIndex: r.ruleIndex, matchIndex: r.matchIndex, rulePath: r.rulePath };
  applyProvenance(res, { resource: r.route, ruleList: 'rules', ruleIndex: r.ruleIndex, rulePath: r.rulePath, matchIndex: r.matchIndex, matchPath: r.matchPath });
  res.matchIndex = r.matchIndex;
}

/** Walks the routes in order; the first that matches decides. */
export function evaluateGwRoutes(routes: readonly GwRoute[], req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean): void {
  const { trace } = ctx;
  for (const r of routes) {
    const why = whyNot(r.match, req);
    if (why) {
      trace.at(`${routeLabel(r)} does not match: ${why}`, r.route.meta, r.matchPath);
      continue;
    }
    trace.at(`${routeLabel(r)} matches${r.match?.path?.kind === 'prefix' && r.matchIndex === null ? ' (a rule without matches catches every request)' : ''}`, r.route.meta, r.matchPath);
    decided(res, r);
    applyGwRoute(r, req, res, ctx, isTls);
    return;
  }
  res.action = 'noRoute';
  res.status = 404;
  trace.note('no route of the virtual host matches, and Envoy does not try another virtual host: it answers 404 (NR)');
}

function applyGwRoute(r: GwRoute, req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean): void {
  const { trace } = ctx;
  const meta = r.route.meta;
  const rule = r.route.rules[r.ruleIndex];
  const filters = 'filters' in rule ? rule.filters : [];
  const redirect = filters.find((f) => f.type === 'RequestRedirect' && f.requestRedirect);
  const headers = applyHeaderFilters(r, req, res, ctx);
  if (redirect?.requestRedirect) {
    const rd = computeRedirect(redirect.requestRedirect, r, req, ctx.listenerPort, isTls);
    res.action = 'redirect';
    res.redirect = rd;
    res.status = rd.status;
    trace.at(`RequestRedirect: ${rd.status} to ${rd.location}`, meta, redirect.path);
    res.requestHeaders = null;
    return;
  }
  if (r.rule.directResponse500) {
    res.action = 'directResponse';
    res.directResponse = { status: 500, body: null };
    res.status = 500;
    trace.at('the rule has no backendRef with a weight above 0: Istio makes it a direct response 500', meta, [...r.rulePath, ...(rule.backendRefs.length ? ['backendRefs'] : [])]);
    res.requestHeaders = null;
    return;
  }
  res.action = 'route';
  const rewrite = applyRewrite(r, req, headers, ctx);
  res.rewrite = rewrite;
  timeoutsAndRetries(r, res, ctx);
  applyBackends(r, res, ctx);
  settleStatus(res);
  if (res.destinations.length === 0 && r.rule.backends.length > 0) res.status = 500;
}

function timeoutsAndRetries(r: GwRoute, res: SimResult, ctx: DestinationContext): void {
  if (r.route.kind !== 'HTTPRoute') {
    res.retries = computeRetries(undefined);
    return;
  }
  const rule = r.route.rules[r.ruleIndex];
  const t = rule.timeouts;
  const nonZero = (d?: string) => (d && !/^0+(\.0+)?[a-z]*$/.test(d) ? d : undefined);
  let timeout = nonZero(t?.request);
  const backend = nonZero(t?.backendRequest);
  if (rule.retry) {
    const attempts = rule.retry.attempts ?? 2;
    const retryOn = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', ...rule.retry.codes.map(String)].join(',');
    res.retries = { attempts, perTryTimeout: backend ?? null, retryOn: attempts === 0 ? null : retryOn };
    ctx.trace.at(`retry: ${attempts} attempts on ${retryOn}`, r.route.meta, rule.retry.path);
  } else {
    if (backend) timeout = backend;
    res.retries = computeRetries(undefined);
    ctx.trace.note(`no retry stanza: Istio's default retry policy applies (2 attempts on ${DEFAULT_RETRY_ON})`);
  }
  res.timeout = timeout ?? null;
  if (t && res.timeout) ctx.trace.at(`route timeout ${res.timeout}${backend && !rule.retry ? ' (backendRequest replaces request when there is no retry)' : ''}`, r.route.meta, t.path);
}
