import { arr, bool, dict, num, obj, str, strList, strMap, type Obj } from './coerce';
import type {
  Destination, Fault, HeaderOps, Headers, HttpMatch, HttpRoute, L4Match, L4Route, Mirror, Redirect, Retries, Rewrite,
  RouteDestination, StringMatch,
} from './istioTypes';
import type { ResourceMeta } from './resource';

export interface VirtualService {
  kind: 'VirtualService';
  meta: ResourceMeta;
  hosts: string[];
  gateways: string[];
  exportTo: string[];
  http: HttpRoute[];
  tcp: L4Route[];
  tls: L4Route[];
}

export function lowerVirtualService(meta: ResourceMeta): VirtualService {
  const spec = obj(meta.raw.spec) ?? {};
  return {
    kind: 'VirtualService',
    meta,
    hosts: strList(spec.hosts),
    gateways: strList(spec.gateways),
    exportTo: strList(spec.exportTo),
    http: arr(spec.http).map((r, i) => lowerHttpRoute(obj(r) ?? {}, i)),
    tcp: arr(spec.tcp).map((r, i) => lowerL4Route(obj(r) ?? {}, i)),
    tls: arr(spec.tls).map((r, i) => lowerL4Route(obj(r) ?? {}, i)),
  };
}

export function lowerStringMatch(v: unknown): StringMatch | undefined {
  const o = obj(v);
  if (!o) return v === null ? { kind: 'present', value: '' } : undefined;
  const exact = str(o.exact);
  if (exact !== undefined) return { kind: 'exact', value: exact };
  const prefix = str(o.prefix);
  if (prefix !== undefined) return { kind: 'prefix', value: prefix };
  const regex = str(o.regex);
  // `regex: "*"` is not RE2: Istio turns it into a presence match (route.go canBeConvertedToPresentMatch).
  if (regex !== undefined) return regex === '*' ? { kind: 'present', value: '' } : { kind: 'regex', value: regex };
  return { kind: 'present', value: '' };
}

function lowerMatchMap(v: unknown): Record<string, StringMatch> {
  const out = dict<StringMatch>();
  for (const [k, m] of Object.entries(obj(v) ?? {})) {
    const sm = lowerStringMatch(m);
    if (sm) out[k] = sm;
  }
  return out;
}

function lowerHttpMatch(m: Obj, index: number): HttpMatch {
  return {
    index,
    name: str(m.name),
    uri: m.uri === undefined ? undefined : lowerStringMatch(m.uri),
    scheme: m.scheme === undefined ? undefined : lowerStringMatch(m.scheme),
    method: m.method === undefined ? undefined : lowerStringMatch(m.method),
    authority: m.authority === undefined ? undefined : lowerStringMatch(m.authority),
    headers: lowerMatchMap(m.headers),
    withoutHeaders: lowerMatchMap(m.withoutHeaders),
    queryParams: lowerMatchMap(m.queryParams),
    ignoreUriCase: bool(m.ignoreUriCase) ?? false,
    port: num(m.port) || undefined,
    sourceLabels: strMap(m.sourceLabels),
    sourceNamespace: str(m.sourceNamespace) || undefined,
    gateways: strList(m.gateways),
    statPrefix: str(m.statPrefix) || undefined,
  };
}

export function lowerDestination(v: unknown): Destination {
  const d = obj(v) ?? {};
  return { host: str(d.host) ?? '', subset: str(d.subset) || undefined, port: num(obj(d.port)?.number) || undefined };
}

function lowerHeaderOps(v: unknown): HeaderOps | undefined {
  const o = obj(v);
  return o ? { set: strMap(o.set), add: strMap(o.add), remove: strList(o.remove) } : undefined;
}

function lowerHeaders(v: unknown): Headers | undefined {
  const o = obj(v);
  return o ? { request: lowerHeaderOps(o.request), response: lowerHeaderOps(o.response) } : undefined;
}

function lowerRouteDestination(v: unknown, index: number): RouteDestination {
  const o = obj(v) ?? {};
  return { index, destination: lowerDestination(o.destination), weight: num(o.weight), headers: lowerHeaders(o.headers) };
}

function percentValue(v: unknown): number | undefined {
  return num(obj(v)?.value) ?? (obj(v) ? 0 : undefined);
}

function lowerRedirect(v: unknown): Redirect | undefined {
  const o = obj(v);
  if (!o) return undefined;
  return {
    uri: str(o.uri), authority: str(o.authority), port: num(o.port), derivePort: str(o.derivePort),
    scheme: str(o.scheme), redirectCode: num(o.redirectCode),
  };
}

function lowerRewrite(v: unknown): Rewrite | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const rr = obj(o.uriRegexRewrite);
  return {
    uri: str(o.uri), authority: str(o.authority),
    uriRegexRewrite: rr ? { match: str(rr.match) ?? '', rewrite: str(rr.rewrite) ?? '' } : undefined,
  };
}

function lowerFault(v: unknown): Fault | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const d = obj(o.delay);
  const a = obj(o.abort);
  return {
    delay: d ? { fixedDelay: str(d.fixedDelay), exponentialDelay: str(d.exponentialDelay), percentage: percentValue(d.percentage), percent: num(d.percent) } : undefined,
    abort: a ? { httpStatus: num(a.httpStatus), grpcStatus: str(a.grpcStatus), percentage: percentValue(a.percentage) } : undefined,
  };
}

function lowerRetries(v: unknown): Retries | undefined {
  const o = obj(v);
  return o ? { attempts: num(o.attempts), perTryTimeout: str(o.perTryTimeout), retryOn: str(o.retryOn), backoff: str(o.backoff) } : undefined;
}

function lowerMirrors(r: Obj): Mirror[] {
  const out: Mirror[] = [];
  if (obj(r.mirror)) {
    const pct = r.mirrorPercentage !== undefined ? percentValue(r.mirrorPercentage) : num(obj(r.mirrorPercent)?.value) ?? num(r.mirrorPercent);
    out.push({ destination: lowerDestination(r.mirror), percentage: pct });
  }
  for (const m of arr(r.mirrors)) {
    const o = obj(m) ?? {};
    out.push({ destination: lowerDestination(o.destination), percentage: o.percentage !== undefined ? percentValue(o.percentage) : undefined });
  }
  return out;
}

function lowerHttpRoute(r: Obj, index: number): HttpRoute {
  const ds = obj(r.directResponse);
  const body = obj(ds?.body);
  const dg = obj(r.delegate);
  return {
    index,
    name: str(r.name),
    match: Array.isArray(r.match) && r.match.length > 0 ? r.match.map((m, j) => lowerHttpMatch(obj(m) ?? {}, j)) : undefined,
    route: arr(r.route).map(lowerRouteDestination),
    redirect: lowerRedirect(r.redirect),
    directResponse: ds ? { status: num(ds.status), body: str(body?.string) ?? (body?.bytes !== undefined ? decodeBase64(str(body.bytes)) : undefined) } : undefined,
    delegate: dg ? { name: str(dg.name) ?? '', namespace: str(dg.namespace) || undefined } : undefined,
    rewrite: lowerRewrite(r.rewrite),
    timeout: str(r.timeout),
    retries: lowerRetries(r.retries),
    fault: lowerFault(r.fault),
    mirrors: lowerMirrors(r),
    headers: lowerHeaders(r.headers),
    corsPolicy: obj(r.corsPolicy),
  };
}

function decodeBase64(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  try {
    return Buffer.from(s, 'base64').toString('utf8');
  } catch {
    return s;
  }
}

function lowerL4Match(m: Obj, index: number): L4Match {
  return {
    index,
    destinationSubnets: strList(m.destinationSubnets),
    port: num(m.port) || undefined,
    sourceLabels: strMap(m.sourceLabels),
    sourceNamespace: str(m.sourceNamespace) || undefined,
    gateways: strList(m.gateways),
    sniHosts: strList(m.sniHosts),
    sourceSubnet: str(m.sourceSubnet) || undefined,
  };
}

function lowerL4Route(r: Obj, index: number): L4Route {
  return {
    index,
    match: Array.isArray(r.match) && r.match.length > 0 ? r.match.map((m, j) => lowerL4Match(obj(m) ?? {}, j)) : undefined,
    route: arr(r.route).map(lowerRouteDestination),
  };
}
