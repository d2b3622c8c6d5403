/** Redirects, rewrites, direct responses and header operations: a redirect sets only one of `uri` and
 *  `prefixRewrite` (the latter only with prefix uri matches), sets at least one of uri, prefixRewrite,
 *  authority, scheme or port, a 3xx code and an http/https scheme; a rewrite sets only one of `uri` and
 *  `uriRegexRewrite`, at least one field, and a regex rewrite has both parts and an RE2 match; the
 *  authority is rewritten in one place only; a direct response has a status 200..600 and a body under
 *  1MB (warning over 100KB); header operations do not touch pseudo-headers, nor Host outside request set/add.
 *  Mirrors istio/istio pkg/config/validation/validation.go validateHTTPRedirect, validateHTTPRewrite,
 *  validateHTTPDirectResponse and virtualservice.go (headers, validateAuthorityRewrite) — IST0106 / IST0133. */
import { arr, num, obj, str, strList, type Obj } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { portError } from '../../validation/names';
import { checkable, has, invalid, warning } from '../common/istioReport';
import { regexError } from './httpMatches';

function checkRedirect(ctx: AnalysisContext, meta: ResourceMeta, path: Path, rd: Obj, matches: unknown[]): void {
  const uri = str(rd.uri) ?? '';
  const prefix = str(rd.prefixRewrite) ?? '';
  if (uri && prefix) return invalid(ctx, meta, [...path, 'prefixRewrite'], 'a redirect sets only one of `uri` and `prefixRewrite`', { at: 'key' });
  if (prefix) {
    const bad = matches.findIndex((m) => { const u = obj(obj(m)?.uri); return u !== undefined && str(u.prefix) === undefined; });
    if (bad >= 0) return invalid(ctx, meta, [...path, 'prefixRewrite'], 'a redirect with `prefixRewrite` needs every uri match of the rule to be a prefix match', { at: 'key' });
  }
  if (!uri && !prefix && !str(rd.authority) && !has(rd, 'port') && !has(rd, 'derivePort') && !str(rd.scheme)) {
    return invalid(ctx, meta, path, 'a redirect must set at least one of uri, prefixRewrite, authority, scheme or port', { at: 'key' });
  }
  const code = num(rd.redirectCode);
  if (code !== undefined && code !== 0 && (code < 300 || code > 399)) return invalid(ctx, meta, [...path, 'redirectCode'], `${code} is not a redirect code: use a 3xx status (301 by default)`);
  const scheme = str(rd.scheme);
  if (scheme && scheme !== 'http' && scheme !== 'https') return invalid(ctx, meta, [...path, 'scheme'], `redirect scheme "${scheme}" must be "http" or "https"`);
  const port = num(rd.port);
  if (port !== undefined && port > 0) {
    const err = portError(port);
    if (err) invalid(ctx, meta, [...path, 'port'], err);
  }
}

function checkRewrite(ctx: AnalysisContext, meta: ResourceMeta, path: Path, rw: Obj): void {
  const rr = obj(rw.uriRegexRewrite);
  if (str(rw.uri) && rr) return invalid(ctx, meta, [...path, 'uriRegexRewrite'], 'a rewrite sets only one of `uri` and `uriRegexRewrite`', { at: 'key' });
  if (!str(rw.uri) && !rr && !str(rw.authority)) return invalid(ctx, meta, path, 'a rewrite must set `uri`, `uriRegexRewrite` or `authority`', { at: 'key' });
  if (rr) {
    if (!str(rr.match) || !str(rr.rewrite)) return invalid(ctx, meta, [...path, 'uriRegexRewrite'], '`uriRegexRewrite` needs both `match` and `rewrite`', { at: 'key' });
    const err = regexError(str(rr.match) ?? '');
    if (err) invalid(ctx, meta, [...path, 'uriRegexRewrite', 'match'], `uriRegexRewrite.match: ${err}`);
  }
}

function checkDirectResponse(ctx: AnalysisContext, meta: ResourceMeta, path: Path, dr: Obj): void {
  const body = obj(dr.body);
  const size = (str(body?.string) ?? str(body?.bytes) ?? '').length;
  if (size > 1024 * 1024) invalid(ctx, meta, [...path, 'body'], 'a direct response body must be smaller than 1MB');
  else if (size > 100 * 1024) warning(ctx, meta, [...path, 'body'], 'a direct response body over 100KB may slow down the control plane');
  const status = num(dr.status);
  if (status !== undefined && (status < 200 || status > 600)) invalid(ctx, meta, [...path, 'status'], `HTTP status ${status} is not in range 200-599`);
}

const isInternal = (h: string) => h.startsWith(':') || h.toLowerCase() === 'host';
const isAuthority = (h: string) => h.toLowerCase() === ':authority' || h.toLowerCase() === 'host';

/** Header operations of a rule or destination; returns the authority values it sets. */
function checkHeaderOps(ctx: AnalysisContext, meta: ResourceMeta, path: Path, headers: Obj | undefined): void {
  if (!headers) return;
  for (const dir of ['request', 'response'] as const) {
    const ops = obj(headers[dir]);
    if (!ops) continue;
    for (const op of ['set', 'add'] as const) {
      for (const name of Object.keys(obj(ops[op]) ?? {})) {
        const bad = dir === 'request' ? isInternal(name) && !isAuthority(name) : isInternal(name);
        if (bad) invalid(ctx, meta, [...path, dir, op, name], `header "${name}" cannot be ${op === 'set' ? 'set' : 'added'} here: pseudo-headers${dir === 'response' ? ' and Host' : ''} are managed by the proxy`, { at: 'key' });
      }
    }
    strList(ops.remove).forEach((name, k) => {
      if (isInternal(name)) invalid(ctx, meta, [...path, dir, 'remove', k], `header "${name}" cannot be removed: pseudo-headers and Host are managed by the proxy`);
    });
  }
}

function checkAuthorityOnce(ctx: AnalysisContext, meta: ResourceMeta, path: Path, r: Obj): void {
  const req = obj(obj(r.headers)?.request);
  if (!req) return;
  let current = str(obj(r.rewrite)?.authority) ?? '';
  for (const op of ['set', 'add'] as const) {
    for (const [k, v] of Object.entries(obj(req?.[op]) ?? {})) {
      if (!isAuthority(k)) continue;
      if (current) return invalid(ctx, meta, [...path, 'headers', 'request', op, k], `the authority is already rewritten to "${current}"; set it in one place only`, { at: 'key' });
      current = String(v);
    }
  }
}

export const redirectRewrite: Analyzer = {
  name: 'virtualservice.redirectRewrite',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      arr(obj(vs.meta.raw.spec)?.http).forEach((raw, i) => {
        const r = obj(raw);
        if (!r) return;
        const path: Path = ['spec', 'http', i];
        const rd = obj(r.redirect);
        if (rd) checkRedirect(ctx, vs.meta, [...path, 'redirect'], rd, arr(r.match));
        const rw = obj(r.rewrite);
        if (rw) checkRewrite(ctx, vs.meta, [...path, 'rewrite'], rw);
        const dr = obj(r.directResponse);
        if (dr) checkDirectResponse(ctx, vs.meta, [...path, 'directResponse'], dr);
        // Most rules and destinations set no headers: their paths are built only for those that do.
        const headers = obj(r.headers);
        if (headers) checkHeaderOps(ctx, vs.meta, [...path, 'headers'], headers);
        const route = arr(r.route);
        for (let k = 0; k < route.length; k++) {
          const routeHeaders = obj(obj(route[k])?.headers);
          if (routeHeaders) checkHeaderOps(ctx, vs.meta, [...path, 'route', k, 'headers'], routeHeaders);
        }
        checkAuthorityOnce(ctx, vs.meta, path, r);
      });
    }
  },
};
