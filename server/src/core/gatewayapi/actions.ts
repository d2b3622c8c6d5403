/** The action of a matched Gateway API route: header filters, URL rewrite, redirect and weighted
 *  backends (istio/istio pilot/pkg/config/kube/gateway/conversion.go createHeadersFilter,
 *  headerListToMap, createRewriteFilter, createRedirectFilter, buildHTTPDestination; core/route/route.go
 *  applyHTTPRouteDestination, ApplyRedirect, TranslateHeadersOperations). */
import type { HeaderOps } from '../model/istioTypes';
import { clusterName, resolveDestination, type DestinationContext } from '../routing/destinations';
import type { SimRequest } from '../routing/request';
import type { MirrorResult, SimResult } from '../routing/result';
import { requestHostForRedirect, type RewriteResult } from '../routing/actions';
import type { GwRoute } from './routes';
import type { HeaderModifier, RouteFilter } from './types';

function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

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

function isHost(name: string): boolean {
  return name === 'host' || name === ':authority';
}

/** Applies header operations to the headers as the backend will see them: removes, then sets, then
 *  adds (appended to an existing value); `host` is the authority and cannot be removed. */
function applyOps(headers: Record<string, string>, ops: HeaderOps | undefined): void {
  if (!ops) return;
  for (const n of ops.remove) if (!isHost(n) && !n.startsWith(':')) delete headers[n];
  for (const [n, v] of Object.entries(ops.set)) headers[isHost(n) ? 'host' : n] = v;
  for (const [n, v] of Object.entries(ops.add)) {
    const k = isHost(n) ? 'host' : n;
    headers[k] = headers[k] !== undefined && !isHost(n) ? `${headers[k]},${v}` : v;
  }
}

/** Sets `res.headers` (the route's header operations) and returns the request headers after them
 *  (a single backend's own RequestHeaderModifier is folded into the route's). */
export function applyHeaderFilters(r: GwRoute, req: SimRequest, res: SimResult, ctx: DestinationContext): Record<string, string> {
  const rule = r.route.rules[r.ruleIndex];
  const filters = 'filters' in rule ? rule.filters : [];
  const reqF = last(filters, 'RequestHeaderModifier');
  const resF = last(filters, 'ResponseHeaderModifier');
  const request = opsOf(reqF?.requestHeaderModifier);
  const response = opsOf(resF?.responseHeaderModifier);
  res.headers = request || response ? { ...(request ? { request } : {}), ...(response ? { response } : {}) } : null;
  const headers: Record<string, string> = { ...req.headers, host: req.authority };
  applyOps(headers, request);
  if (reqF) ctx.trace.at('RequestHeaderModifier changes the request headers', r.route.meta, reqF.path);
  if (resF) ctx.trace.at('ResponseHeaderModifier changes the response headers', r.route.meta, resF.path);
  const single = r.rule.backends.length === 1 ? r.rule.backends[0].backendRef : undefined;
  const own = single && last(single.filters, 'RequestHeaderModifier');
  if (own) {
    applyOps(headers, opsOf(own.requestHeaderModifier));
    ctx.trace.at('the backend\'s RequestHeaderModifier applies (the rule has one backend)', r.route.meta, own.path);
  }
  res.requestHeaders = headers;
  return headers;
}

/** URLRewrite: the path (its query kept) and the authority; only the parts the rule rewrites. */
export function applyRewrite(r: GwRoute, req: SimRequest, headers: Record<string, string>, ctx: DestinationContext): RewriteResult | null {
  if (r.route.kind !== 'HTTPRoute') return null;
  const f = last(r.route.rules[r.ruleIndex].filters, 'URLRewrite');
  const rw = f?.urlRewrite;
  if (!rw) return null;
  const out: RewriteResult = {};
  const pm = rw.pathModifier;
  if (pm?.type === 'ReplaceFullPath' && pm.replaceFullPath !== undefined) {
    out.path = withQuery(pm.replaceFullPath, req.query);
  } else if (pm?.type === 'ReplacePrefixMatch' && pm.replacePrefixMatch !== undefined) {
    const to = pm.replacePrefixMatch.replace(/\/$/, '');
    const m = r.match?.path;
    if (to === '') {
      // Istio writes regex_rewrite ^<prefix>(/?)(.*) → /\2: the prefix goes, a leading `/` stays.
      const prefix = m?.kind === 'pathSeparatedPrefix' ? m.value : '';
      const rest = req.path.slice(prefix.length).replace(/^\//, '');
      out.path = withQuery(`/${rest}`, req.query);
    } else {
      // Envoy prefix_rewrite swaps what the route matched: the prefix, or the whole path.
      const matched = m?.kind === 'pathSeparatedPrefix' || m?.kind === 'prefix' ? m.value.length : req.path.length;
      out.path = withQuery(to + req.path.slice(matched), req.query);
    }
  }
  if (rw.hostname) {
    out.authority = rw.hostname;
    headers.host = rw.hostname;
  }
  if (out.path === undefined && out.authority === undefined) return null;
  ctx.trace.at(`URLRewrite: upstream ${[out.authority && `authority ${out.authority}`, out.path && `path ${out.path}`].filter(Boolean).join(', ')}`, r.route.meta, f!.path);
  return out;
}

/** RequestRedirect: createRedirectFilter then ApplyRedirect. A port comes from `port`; else, with a
 *  scheme, the scheme's default; else the listener port. `ReplacePrefixMatch` is used as written. */
export function computeRedirect(rd: NonNullable<RouteFilter['requestRedirect']>, r: GwRoute, req: SimRequest, listenerPort: number, isTls: boolean): { location: string; status: number } {
  const reqScheme = isTls ? 'https' : 'http';
  const scheme = rd.scheme || reqScheme;
  let port = rd.port ?? (rd.scheme ? 0 : listenerPort);
  if ((port === 80 && scheme === 'http') || (port === 443 && scheme === 'https')) port = 0;
  const host = rd.hostname ?? requestHostForRedirect(req.authority, reqScheme, scheme, port !== 0);
  let path = req.path;
  const pm = rd.pathModifier;
  if (pm?.type === 'ReplaceFullPath' && pm.replaceFullPath !== undefined) path = pm.replaceFullPath;
  else if (pm?.type === 'ReplacePrefixMatch' && pm.replacePrefixMatch) {
    const m = r.match?.path;
    const matched = m?.kind === 'pathSeparatedPrefix' || m?.kind === 'prefix' ? m.value.length : req.path.length;
    path = pm.replacePrefixMatch + req.path.slice(matched);
  }
  if (!path.startsWith('/')) path = `/${path}`;
  return { location: `${scheme}://${host}${port ? `:${port}` : ''}${withQuery(path, req.query)}`, status: rd.statusCode };
}

/** The weighted backends: a single one takes all traffic; otherwise each takes weight / total. An
 *  invalid backend (missing, not permitted, unknown kind) stays in the set and its share gets 500
 *  from Envoy; it is not listed among the destinations. */
export function applyBackends(r: GwRoute, res: SimResult, ctx: DestinationContext): void {
  const { trace } = ctx;
  const meta = r.route.meta;
  const backends = r.rule.backends;
  const total = backends.reduce((s, b) => s + b.backendRef.weight, 0);
  for (const b of backends) {
    const share = backends.length === 1 ? 100 : Math.round((b.backendRef.weight / total) * 10000) / 100;
    if (b.error || !b.host) {
      trace.at(`backendRef ${b.ref.namespace}/${b.ref.name} is invalid (${b.error?.reason}: ${b.error?.message}): Envoy answers 500 for its ${share}% of requests`, meta, b.backendRef.path);
      continue;
    }
    trace.at(`backendRef ${b.host}:${b.port} takes ${share}% of requests`, meta, b.backendRef.path);
    const d = resolveDestination({ host: b.host, port: b.port }, meta, b.backendRef.path, share, ctx);
    d.index = b.backendRef.index;
    res.destinations.push(d);
  }
  res.mirrors = r.rule.mirrors.flatMap(({ filter, backend }): MirrorResult[] => {
    const m = filter.requestMirror!;
    const percent = m.fraction ? (100 * m.fraction.numerator) / (m.fraction.denominator || 100) : m.percent ?? 100;
    if (!backend.host || backend.port === undefined) return [];
    const out: MirrorResult = { host: backend.host, subset: null, port: backend.port, percent, cluster: clusterName(backend.port, undefined, backend.host) };
    trace.at(`RequestMirror: ${percent}% of requests are mirrored to ${out.cluster}; mirror responses are discarded`, meta, filter.path);
    return [out];
  });
}
