/** An HTTPRoute `CORS` filter as the VirtualService corsPolicy Istio writes for it
 *  (istio/istio pilot/pkg/config/kube/gateway/conversion.go createCorsFilter): each origin becomes a
 *  string match (`*` alone a strict origin regex, no `*` an exact match, one trailing `*` a prefix,
 *  any other `*` a regex of the quoted origin with `.*` for each `*`), credentials only when true,
 *  maxAge in seconds (CRD default 5), and unmatchedPreflights IGNORE, which Istio turns into Envoy's
 *  forward_not_matching_preflights false (pilot/pkg/networking/core/route/route.go
 *  forwardNotMatchingPreflights): Envoy answers such preflights itself (routing/cors.ts). */
import { literalPattern } from '../routing/regex';
import type { CorsFilter } from './types';

/** The regex Istio writes for the origin `*`: scheme://host[:port] and nothing else. */
export const ANY_ORIGIN_REGEX = '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+$';

type OriginMatch = { exact: string } | { prefix: string } | { regex: string };

function originMatch(origin: string): OriginMatch | undefined {
  if (origin === '') return undefined;
  if (origin === '*') return { regex: ANY_ORIGIN_REGEX };
  const stars = origin.split('*').length - 1;
  if (stars === 0) return { exact: origin };
  if (stars === 1 && origin.endsWith('*')) return { prefix: origin.slice(0, -1) };
  return { regex: `^${literalPattern(origin).split('\\*').join('.*')}$` };
}

/** The corsPolicy, keyed as a VirtualService writes it, without the fields Istio leaves unset. */
export function corsPolicyOf(f: CorsFilter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const origins = f.allowOrigins.flatMap((o) => originMatch(o) ?? []);
  if (origins.length) out.allowOrigins = origins;
  if (f.allowMethods.length) out.allowMethods = [...f.allowMethods];
  if (f.allowHeaders.length) out.allowHeaders = [...f.allowHeaders];
  if (f.exposeHeaders.length) out.exposeHeaders = [...f.exposeHeaders];
  if (f.maxAge > 0) out.maxAge = `${f.maxAge}s`;
  if (f.allowCredentials === true) out.allowCredentials = true;
  out.unmatchedPreflights = 'IGNORE';
  return out;
}
