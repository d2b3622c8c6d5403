/** Request mirrors: what Istio writes (istio/istio pilot/pkg/networking/core/route/route.go
 *  MirrorPercent, MirrorPercentByPolicy, TranslateRequestMirrorPolicy) and what Envoy does with it
 *  (envoyproxy/envoy source/common/router/router.cc Filter::decodeHeaders, the shadow policies;
 *  source/common/router/shadow_writer_impl.cc shadowAppendedHost). */
import type { ResourceMeta } from '../model/resource';
import type { Path } from '../yaml/locate';
import { resolveDestination, type DestinationContext, type Endpoint } from './destinations';
import type { SimRequest } from './request';
import type { SimResult } from './result';
import type { MirrorPolicy, RouteApi } from './routeModel';
import { Trace } from './trace';
import type { LoadBalancer } from './trafficPolicy';

export interface MirrorResult {
  host: string;
  subset: string | null;
  port: number;
  percent: number;
  cluster: string;
  /** Why the mirror's cluster does not exist: Envoy then sends no copy. */
  missing?: string;
  /** The pods (or workload templates) of the mirror's cluster, resolved like a route destination. */
  endpoints: Endpoint[];
  loadBalancer: LoadBalancer;
  /** The Host (`:authority`) the copy carries with Istio's default since 1.28: unchanged, since
   *  istiod sets disable_shadow_host_suffix_append (DISABLE_SHADOW_HOST_SUFFIX, default true). */
  authority: string;
  /** The Host with Envoy's `-shadow` suffix, which the copy carries with Istio 1.27 and older, or
   *  when istiod runs with DISABLE_SHADOW_HOST_SUFFIX=false (the compatibility profiles ≤ 1.27). */
  shadowAuthority: string;
  /** The headers the copy carries, when the result knows the upstream headers (Gateway API routes). */
  requestHeaders?: Record<string, string>;
}

/** Envoy's shadowAppendedHost: `-shadow` goes before the port (`httpbin:8000` → `httpbin-shadow:8000`);
 *  a `:` inside an IPv6 literal's brackets is not a port (Http::HeaderUtility::getPortStart). */
export function shadowHost(authority: string): string {
  const colon = authority.lastIndexOf(':');
  const bracket = authority.lastIndexOf(']');
  if (colon < 0 || bracket > colon) return `${authority}-shadow`;
  return `${authority.slice(0, colon)}-shadow${authority.slice(colon)}`;
}

/** route.go MirrorPercent / MirrorPercentByPolicy: 100 % unless a percentage is given; 0 % means no
 *  mirror. Each mirror is resolved like a route destination (its Service port, subset labels from the
 *  DestinationRule the client sees, ready pods). The copy is made from the request as the router
 *  forwards it (after the route's header changes and host rewrite), so it carries the upstream Host. */
export function mirrorsOf(mirrors: MirrorPolicy[], owner: ResourceMeta, ctx: DestinationContext, api: RouteApi, req: SimRequest, res: SimResult): MirrorResult[] {
  const upstreamHost = res.requestHeaders?.host ?? res.rewrite?.authority ?? req.authority;
  const out = mirrors.flatMap((m) => {
    const percent = m.percentage ?? 100;
    if (percent <= 0) return [];
    // Resolution steps go to a scratch trace: a mirror's missing cluster or empty endpoints are not
    // the 503 they would be for a route destination (Envoy just sends no copy, or the copy fails).
    const scratch = new Trace();
    const d = resolveDestination(m.destination, owner, m.path ?? [], 0, { ...ctx, trace: scratch });
    const svc = ctx.snap.serviceByHost(d.host, ctx.client.namespace);
    const mirror: MirrorResult = {
      host: d.host, subset: d.subset, port: d.port, percent, cluster: d.cluster,
      endpoints: d.endpoints, loadBalancer: d.loadBalancer, authority: upstreamHost, shadowAuthority: shadowHost(upstreamHost),
    };
    // The same words as before for a missing host or port; an undefined subset is missing too.
    if (!svc) mirror.missing = `no Service or ServiceEntry ${d.host}`;
    else if (!svc.ports.some((p) => p.port === d.port)) mirror.missing = `${d.host} has no port ${d.port}`;
    else if (d.missing) mirror.missing = d.missing;
    if (d.missing) mirror.endpoints = [];
    if (res.requestHeaders) mirror.requestHeaders = { ...res.requestHeaders, host: mirror.authority };
    const where = m.at ?? m.path;
    const say = (message: string, at: Path | undefined = where) => (at ? ctx.trace.at(message, owner, at) : ctx.trace.note(message));
    say(mirrorMessage(mirror, api));
    for (const s of scratch.steps) if (!s.message.startsWith(`cluster ${d.cluster} `) && !ctx.trace.steps.some((t) => t.message === s.message)) ctx.trace.steps.push(s);
    return [mirror];
  });
  if (out.length) {
    const why = noCopyReason(req, res);
    if (why) ctx.trace.note(`no copy of this request is mirrored: ${why}`);
  }
  return out;
}

function mirrorMessage(m: MirrorResult, api: RouteApi): string {
  const head = `${api === 'gatewayApi' ? 'RequestMirror: ' : ''}${m.percent}% of requests are mirrored to ${m.cluster}`;
  const target = m.missing
    ? ` (which does not exist: ${m.missing}; Envoy sends no copy)`
    : m.endpoints.length ? ` (${m.endpoints.length} endpoint${m.endpoints.length === 1 ? '' : 's'})` : ' (no ready endpoints: each copy fails with 503)';
  return `${head}${target}, Host ${m.authority} (${m.shadowAuthority} with Istio 1.27 or older); mirror responses are discarded`;
}

/** Envoy mirrors a request only when the router forwards it: not a CONNECT (router.cc skips shadow
 *  policies for it), not one the fault filter aborts, not one answered locally because the route's
 *  cluster does not exist or has no healthy host (decodeHeaders returns before the shadows). */
function noCopyReason(req: SimRequest, res: SimResult): string | undefined {
  if (req.method === 'CONNECT') return 'Envoy does not mirror CONNECT requests';
  if (res.fault?.abort && res.fault.abort.percent >= 100) return 'the fault filter aborts it before the router';
  if (!res.destinations.some((d) => !d.missing && d.endpoints.length > 0)) return 'Envoy answers it locally (no cluster or no healthy upstream for the route), and mirrors only requests it forwards';
  return undefined;
}
