/** Lowering of HTTPRoute, GRPCRoute, TCPRoute and TLSRoute with their CRD defaults
 *  (kubernetes-sigs/gateway-api apis/v1 httproute_types.go HTTPRouteSpec.Rules, HTTPRouteRule.Matches,
 *  HTTPRouteMatch.Path, HTTPPathMatch, HTTPHeaderMatch, HTTPQueryParamMatch; grpcroute_types.go
 *  GRPCMethodMatch, GRPCHeaderMatch). */
import { num, obj, str, strList, type Obj } from '../model/coerce';
import type { ResourceMeta } from '../model/resource';
import type { Path } from '../yaml/locate';
import { items, lowerBackendRefs, lowerFilters, lowerParentRefs } from './lowerCommon';
import type { GRPCRoute, GRPCRouteMatch, GRPCRouteRule, HTTPRoute, HTTPRouteMatch, HTTPRouteRule, L4RouteRule, TCPRoute, TLSRoute, ValueMatch } from './types';

function valueMatches(v: unknown, path: Path): ValueMatch[] {
  return items(v, path).map(({ o, path: p }) => ({ path: p, name: str(o.name) ?? '', type: str(o.type) ?? 'Exact', value: str(o.value) ?? '' }));
}

/** The match every request meets: `{path: {type: PathPrefix, value: /}}`. */
function defaultMatch(index: number, at: Path): HTTPRouteMatch {
  return { index, path: at, defaulted: true, pathMatch: { path: at, defaulted: true, type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] };
}

function lowerHttpMatch(o: Obj, path: Path, index: number): HTTPRouteMatch {
  const pm = obj(o.path);
  const pathPath = [...path, 'path'];
  return {
    index, path,
    pathMatch: pm
      ? { path: pathPath, type: str(pm.type) ?? 'PathPrefix', value: str(pm.value) ?? '/' }
      : { path, defaulted: true, type: 'PathPrefix', value: '/' },
    headers: valueMatches(o.headers, [...path, 'headers']),
    queryParams: valueMatches(o.queryParams, [...path, 'queryParams']),
    method: str(o.method),
  };
}

function lowerTimeouts(v: unknown, path: Path): HTTPRouteRule['timeouts'] {
  const o = obj(v);
  return o ? { path, request: str(o.request), backendRequest: str(o.backendRequest) } : undefined;
}

function lowerRetry(v: unknown, path: Path): HTTPRouteRule['retry'] {
  const o = obj(v);
  if (!o) return undefined;
  return { path, codes: strList(o.codes).map(Number).filter(Number.isFinite), attempts: num(o.attempts), backoff: str(o.backoff) };
}

function lowerHttpRule(o: Obj, path: Path, index: number, ns: string): HTTPRouteRule {
  const written = Array.isArray(o.matches) && o.matches.length > 0;
  return {
    index, path,
    name: str(o.name),
    matches: written ? items(o.matches, [...path, 'matches']).map((m) => lowerHttpMatch(m.o, m.path, m.index)) : [defaultMatch(0, path)],
    filters: lowerFilters(o.filters, [...path, 'filters'], ns),
    backendRefs: lowerBackendRefs(o.backendRefs, [...path, 'backendRefs'], ns),
    timeouts: lowerTimeouts(o.timeouts, [...path, 'timeouts']),
    retry: lowerRetry(o.retry, [...path, 'retry']),
  };
}

function specOf(meta: ResourceMeta): Obj {
  return obj(meta.raw.spec) ?? {};
}

export function lowerHTTPRoute(meta: ResourceMeta): HTTPRoute {
  const spec = specOf(meta);
  const ns = meta.namespace;
  const rulesWritten = Array.isArray(spec.rules);
  const rules = rulesWritten
    ? items(spec.rules, ['spec', 'rules']).map((r) => lowerHttpRule(r.o, r.path, r.index, ns))
    : [{ index: 0, path: ['spec'], defaulted: true, matches: [defaultMatch(0, ['spec'])], filters: [], backendRefs: [] }];
  return {
    kind: 'HTTPRoute', meta,
    parentRefs: lowerParentRefs(spec.parentRefs, ['spec', 'parentRefs'], ns),
    hostnames: strList(spec.hostnames),
    rules,
  };
}

function lowerGrpcMatch(o: Obj, path: Path, index: number): GRPCRouteMatch {
  const m = obj(o.method);
  return {
    index, path,
    method: m ? { path: [...path, 'method'], type: str(m.type) ?? 'Exact', service: str(m.service) || undefined, method: str(m.method) || undefined } : undefined,
    headers: valueMatches(o.headers, [...path, 'headers']),
  };
}

export function lowerGRPCRoute(meta: ResourceMeta): GRPCRoute {
  const spec = specOf(meta);
  const ns = meta.namespace;
  return {
    kind: 'GRPCRoute', meta,
    parentRefs: lowerParentRefs(spec.parentRefs, ['spec', 'parentRefs'], ns),
    hostnames: strList(spec.hostnames),
    rules: items(spec.rules, ['spec', 'rules']).map(({ o, path, index }): GRPCRouteRule => ({
      index, path,
      name: str(o.name),
      matches: items(o.matches, [...path, 'matches']).map((m) => lowerGrpcMatch(m.o, m.path, m.index)),
      filters: lowerFilters(o.filters, [...path, 'filters'], ns),
      backendRefs: lowerBackendRefs(o.backendRefs, [...path, 'backendRefs'], ns),
    })),
  };
}

function l4Rules(spec: Obj, ns: string): L4RouteRule[] {
  return items(spec.rules, ['spec', 'rules']).map(({ o, path, index }) => ({
    index, path, name: str(o.name), backendRefs: lowerBackendRefs(o.backendRefs, [...path, 'backendRefs'], ns),
  }));
}

export function lowerTCPRoute(meta: ResourceMeta): TCPRoute {
  const spec = specOf(meta);
  return { kind: 'TCPRoute', meta, parentRefs: lowerParentRefs(spec.parentRefs, ['spec', 'parentRefs'], meta.namespace), rules: l4Rules(spec, meta.namespace) };
}

export function lowerTLSRoute(meta: ResourceMeta): TLSRoute {
  const spec = specOf(meta);
  return {
    kind: 'TLSRoute', meta,
    parentRefs: lowerParentRefs(spec.parentRefs, ['spec', 'parentRefs'], meta.namespace),
    hostnames: strList(spec.hostnames),
    rules: l4Rules(spec, meta.namespace),
  };
}
