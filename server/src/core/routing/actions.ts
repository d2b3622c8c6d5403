import type { Fault, Retries } from '../model/istioTypes';
import type { PathMatch } from './match';
import { regexReplaceAll } from './regex';
import type { SimRequest } from './request';
import type { RedirectPolicy, RewritePolicy } from './routeModel';

/** What Envoy does with a matched route besides choosing clusters (route.go translateRoute). */

export interface RewriteResult {
  /** `:path` sent upstream, with the query string (a Gateway API URLRewrite sets only what it rewrites). */
  path?: string;
  /** `:authority` sent upstream. */
  authority?: string;
}

export const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';

export interface RetriesResult {
  attempts: number;
  perTryTimeout: string | null;
  retryOn: string | null;
  /** Envoy's retriable_status_codes: the status codes written in retryOn (only when there are some). */
  retriableStatusCodes?: number[];
  /** Envoy's retry_back_off.base_interval (a VirtualService's `retries.backoff`, an HTTPRoute's
   *  `retry.backoff`; only when set). Envoy's max interval defaults to ten times it. */
  backoff?: string;
}

/** The codes Go's net/http StatusText names: only those count as status codes in retryOn. */
const GO_STATUS_TEXT = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424,
  425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

/** The length of the path a route's path condition matched: the prefix for a prefix match, the whole
 *  path for an exact or regex match, the leading `/` without a path condition (Envoy prefix_rewrite
 *  replaces that much). */
function matchedLength(m: PathMatch | undefined, path: string): number {
  if (m && (m.kind === 'prefix' || m.kind === 'pathSeparatedPrefix')) return m.value.length;
  if (m && (m.kind === 'exact' || m.kind === 'regex')) return path.length;
  return 1;
}

/** Envoy prefix_rewrite swaps the matched prefix (see matchedLength) for the new value, nothing else —
 *  so prefix `/v2` with rewrite `/` turns `/v2/foo` into `//foo`; a full rewrite replaces the path;
 *  regex_rewrite replaces every match. The query string is always kept. A partial policy reports only
 *  what it rewrites. */
export function computeRewrite(rw: RewritePolicy | undefined, match: PathMatch | undefined, req: SimRequest): RewriteResult | null {
  if (!rw) return null;
  let path = req.path;
  let changed = false;
  if (rw.path?.kind === 'regex') {
    const replaced = regexReplaceAll(rw.path.pattern, req.path, rw.path.substitution);
    if (replaced !== undefined) {
      path = replaced;
      changed = true;
    }
  } else if (rw.path?.kind === 'prefix') {
    path = rw.path.value + req.path.slice(matchedLength(match, req.path));
    changed = true;
  } else if (rw.path?.kind === 'full') {
    path = rw.path.value;
    changed = true;
  }
  if (!changed && rw.host === undefined) return null;
  if (rw.partial) return { ...(changed ? { path: withQuery(path, req.query) } : {}), ...(rw.host !== undefined ? { authority: rw.host } : {}) };
  return { path: withQuery(path, req.query), authority: rw.host ?? req.authority };
}

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/** route.go ApplyRedirect plus Envoy's RedirectAction newUri. */
export function computeRedirect(r: RedirectPolicy, match: PathMatch | undefined, req: SimRequest, listenerPort: number, isTls: boolean): { location: string; status: number } | { unsupported: number } {
  const code = r.code ?? 0;
  const status = code === 0 ? r.defaultCode : code;
  if (!REDIRECT_CODES.has(status)) return { unsupported: status };
  const reqScheme = isTls ? 'https' : 'http';
  const scheme = r.scheme || reqScheme;
  let port = 0;
  const hasPortRule = r.port !== undefined || r.derivePort !== undefined;
  if (r.port !== undefined) port = r.port;
  else if (r.derivePort === 'FROM_REQUEST_PORT') port = listenerPort;
  if (hasPortRule) {
    const s = r.scheme || reqScheme;
    if ((port === 80 && s === 'http') || (port === 443 && s === 'https')) port = 0;
  }
  const portSuffix = port ? `:${port}` : '';
  const host = r.host ? r.host : requestHostForRedirect(req.authority, reqScheme, scheme, portSuffix !== '');
  let path: string;
  if (r.path?.kind === 'full' && r.path.value) path = r.path.value.includes('?') ? r.path.value : withQuery(r.path.value, req.query);
  else if (r.path?.kind === 'prefix') path = withQuery(r.path.value + req.path.slice(matchedLength(match, req.path)), req.query);
  else path = withQuery(req.path, req.query);
  if (!path.startsWith('/')) path = `/${path}`;
  return { location: `${scheme}://${host}${portSuffix}${path}`, status };
}

/** Envoy processRequestHost: the Host header keeps its port unless a new port is set, or the scheme
 *  changes away from the scheme whose default port it is. */
export function requestHostForRedirect(authority: string, reqScheme: string, newScheme: string, newPort: boolean): string {
  const i = authority.lastIndexOf(':');
  if (i < 0 || authority.endsWith(']')) return authority;
  const port = authority.slice(i);
  let remove = newPort;
  if (newScheme !== reqScheme) remove ||= (reqScheme === 'https' && port === ':443') || (reqScheme === 'http' && port === ':80');
  return remove ? authority.slice(0, i) : authority;
}

/** route/retry/retry.go ConvertPolicy, parseRetryOn: no policy means Istio's default (2 attempts);
 *  attempts 0 disables retries; status codes in retryOn become Envoy's retriable_status_codes and add
 *  retriable-status-codes to retry_on. */
export function computeRetries(r: Retries | undefined): RetriesResult {
  if (!r) return { attempts: 2, perTryTimeout: null, retryOn: DEFAULT_RETRY_ON };
  if (!r.attempts || r.attempts <= 0) return { attempts: 0, perTryTimeout: null, retryOn: null };
  let retryOn = DEFAULT_RETRY_ON;
  const codes: number[] = [];
  if (r.retryOn) {
    // parseRetryOn: an entry that is a number Go's http.StatusText knows is a status code.
    const parts = r.retryOn.split(',').map((p) => p.trim()).filter(Boolean);
    const isCode = (p: string) => /^\d+$/.test(p) && GO_STATUS_TEXT.has(Number(p));
    for (const p of parts) if (isCode(p)) codes.push(Number(p));
    retryOn = parts.filter((p) => !isCode(p)).join(',');
    // Go appends ",retriable-status-codes" even to an empty string; Envoy skips the empty entry.
    if (codes.length && !retryOn.includes('retriable-status-codes')) retryOn += retryOn ? ',retriable-status-codes' : 'retriable-status-codes';
  }
  return { attempts: r.attempts, perTryTimeout: r.perTryTimeout ?? null, retryOn, ...(codes.length ? { retriableStatusCodes: codes } : {}), ...(r.backoff ? { backoff: r.backoff } : {}) };
}

export interface FaultResult {
  abort: { status: number | null; grpcStatus?: string; percent: number } | null;
  delay: { duration: string; percent: number } | null;
}

/** route.go TranslateFault: an absent percentage means 0 % (no request is faulted); exponential
 *  delays are unsupported and dropped. */
export function computeFault(f: Fault | undefined): FaultResult | null {
  if (!f) return null;
  const delay = f.delay?.fixedDelay ? { duration: f.delay.fixedDelay, percent: f.delay.percentage ?? f.delay.percent ?? 0 } : null;
  let abort: FaultResult['abort'] = null;
  if (f.abort?.httpStatus !== undefined) abort = { status: f.abort.httpStatus, percent: f.abort.percentage ?? 0 };
  else if (f.abort?.grpcStatus) abort = { status: null, grpcStatus: f.abort.grpcStatus, percent: f.abort.percentage ?? 0 };
  return delay || abort ? { abort, delay } : null;
}
