/** Per-rule policies: `timeout`, retry and fault durations are Go durations of at least 1ms in whole
 *  milliseconds; retries have attempts ≥ 0, no settings with `attempts: 0`, and known `retryOn`
 *  policies or HTTP status codes (split on "," exactly, so a space is an error); a fault has an abort
 *  or a delay, percentages 0 or 0.0001..100, an HTTP status 200..600 or a known gRPC status, and no
 *  http2Error or exponentialDelay; CORS methods are known and maxAge is whole seconds.
 *  Mirrors istio/istio pkg/config/validation/validation.go (validateHTTPFaultInjection*,
 *  validateCORSPolicy) and agent/validation.go (ValidateHTTPRetry, ValidateDuration) — IST0106. */
import { arr, num, obj, str, type Obj } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { durationError, parseGoDuration } from '../../validation/duration';
import { checkable, has, invalid, warning } from '../common/istioReport';
import { checkStringMatch } from './httpMatches';

const RETRY_ON = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'retriable-4xx', 'refused-stream', 'retriable-status-codes',
  'retriable-headers', 'envoy-ratelimited', 'http3-post-connect-failure', 'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
]);
/** Status codes Go's net/http knows (http.StatusText): Istio accepts them in retryOn. */
const HTTP_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  ...Array.from({ length: 19 }, (_, i) => 400 + i), 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);
const GRPC_STATUS = new Set(['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED']);
const CORS_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', '*']);

export function checkDuration(ctx: AnalysisContext, meta: ResourceMeta, path: Path, v: unknown, zeroAllowed = false): void {
  if (typeof v !== 'string') return; // wrong types are the schema's business
  const err = durationError(v, zeroAllowed);
  if (err) invalid(ctx, meta, path, err);
}

function checkRetries(ctx: AnalysisContext, meta: ResourceMeta, path: Path, r: Obj): void {
  const attempts = num(r.attempts) ?? 0;
  if (attempts < 0) invalid(ctx, meta, [...path, 'attempts'], 'retry attempts cannot be negative');
  if (attempts === 0 && (has(r, 'perTryTimeout') || (str(r.retryOn) ?? '') !== '' || has(r, 'retryRemoteLocalities'))) {
    const where = r.attempts !== undefined ? [...path, 'attempts'] : path;
    const text = r.attempts !== undefined
      ? '`attempts: 0` disables retries, so the other retry settings would be ignored: set attempts ≥ 1 or remove them'
      : 'retry settings without `attempts` (0, which disables retries): set attempts ≥ 1';
    invalid(ctx, meta, where, text, { at: 'key' });
  }
  checkDuration(ctx, meta, [...path, 'perTryTimeout'], r.perTryTimeout);
  checkDuration(ctx, meta, [...path, 'backoff'], r.backoff);
  const retryOn = str(r.retryOn);
  if (retryOn) {
    for (const policy of retryOn.split(',')) {
      const code = /^\d+$/.test(policy) ? Number(policy) : NaN;
      if (HTTP_STATUS.has(code) || RETRY_ON.has(policy)) continue;
      const hint = policy.trim() !== policy && (RETRY_ON.has(policy.trim()) || HTTP_STATUS.has(Number(policy.trim()))) ? ' (remove the spaces: Istio splits on "," only)' : '';
      invalid(ctx, meta, [...path, 'retryOn'], `"${policy}" is not a retryOn policy${hint}; use Envoy policies such as 5xx, gateway-error, connect-failure, reset, retriable-4xx, or HTTP status codes`);
    }
  }
}

function checkPercentage(ctx: AnalysisContext, meta: ResourceMeta, path: Path, p: unknown): void {
  const v = num(obj(p)?.value);
  if (v === undefined) return;
  if (v < 0 || v > 100 || (v > 0 && v < 0.0001)) invalid(ctx, meta, [...path, 'value'], `percentage ${v} must be 0 or between 0.0001 and 100`);
}

function checkFault(ctx: AnalysisContext, meta: ResourceMeta, path: Path, f: Obj): void {
  const abort = obj(f.abort);
  const delay = obj(f.delay);
  if (!abort && !delay) invalid(ctx, meta, path, 'a fault needs an `abort` and/or a `delay`', { at: 'key' });
  if (abort) {
    checkPercentage(ctx, meta, [...path, 'abort', 'percentage'], abort.percentage);
    const status = num(abort.httpStatus);
    if (has(abort, 'grpcStatus')) {
      const g = str(abort.grpcStatus) ?? '';
      if (!GRPC_STATUS.has(g)) invalid(ctx, meta, [...path, 'abort', 'grpcStatus'], `gRPC status "${g}" is not supported; use a name such as UNAVAILABLE or NOT_FOUND`);
    } else if (has(abort, 'http2Error')) invalid(ctx, meta, [...path, 'abort', 'http2Error'], 'HTTP/2 error faults are not supported by Istio', { at: 'key' });
    else if (has(abort, 'httpStatus')) {
      if (status === undefined || status < 200 || status > 600) invalid(ctx, meta, [...path, 'abort', 'httpStatus'], `HTTP status ${String(abort.httpStatus)} is not in range 200-599`);
    } else warning(ctx, meta, [...path, 'abort'], 'the abort fault sets no httpStatus or grpcStatus', { at: 'key' });
  }
  if (delay) {
    checkPercentage(ctx, meta, [...path, 'delay', 'percentage'], delay.percentage);
    checkDuration(ctx, meta, [...path, 'delay', 'fixedDelay'], delay.fixedDelay);
    if (has(delay, 'exponentialDelay')) {
      checkDuration(ctx, meta, [...path, 'delay', 'exponentialDelay'], delay.exponentialDelay);
      invalid(ctx, meta, [...path, 'delay', 'exponentialDelay'], '`exponentialDelay` is not supported by Istio: use `fixedDelay`', { at: 'key' });
    }
  }
}

function checkCors(ctx: AnalysisContext, meta: ResourceMeta, path: Path, c: Obj): void {
  arr(c.allowOrigins).forEach((o, k) => {
    const m = obj(o);
    const value = m ? str(m.exact) ?? str(m.prefix) ?? str(m.regex) : undefined;
    if (!value) invalid(ctx, meta, [...path, 'allowOrigins', k], 'a CORS origin match cannot be empty');
    else checkStringMatch(ctx, meta, [...path, 'allowOrigins', k], o, 'corsPolicy.allowOrigins');
  });
  arr(c.allowMethods).forEach((m, k) => {
    if (typeof m === 'string' && !CORS_METHODS.has(m)) invalid(ctx, meta, [...path, 'allowMethods', k], `"${m}" is not an HTTP method Istio accepts for CORS (GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE or *)`);
  });
  if (typeof c.maxAge === 'string') {
    checkDuration(ctx, meta, [...path, 'maxAge'], c.maxAge);
    const d = parseGoDuration(c.maxAge);
    if ('ns' in d && d.ns % 1e9 !== 0 && d.ns >= 1e6) invalid(ctx, meta, [...path, 'maxAge'], 'CORS maxAge is accurate to whole seconds only');
  }
}

export const httpPolicies: Analyzer = {
  name: 'virtualservice.httpPolicies',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      arr(obj(vs.meta.raw.spec)?.http).forEach((raw, i) => {
        const r = obj(raw);
        if (!r) return;
        const path: Path = ['spec', 'http', i];
        checkDuration(ctx, vs.meta, [...path, 'timeout'], r.timeout);
        const retries = obj(r.retries);
        if (retries) checkRetries(ctx, vs.meta, [...path, 'retries'], retries);
        const fault = obj(r.fault);
        if (fault) checkFault(ctx, vs.meta, [...path, 'fault'], fault);
        const cors = obj(r.corsPolicy);
        if (cors) checkCors(ctx, vs.meta, [...path, 'corsPolicy'], cors);
      });
    }
  },
};
