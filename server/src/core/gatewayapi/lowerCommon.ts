/** Lowering of the pieces every Gateway API route kind shares: parentRefs, backendRefs and filters,
 *  with their CRD defaults (kubernetes-sigs/gateway-api apis/v1 shared_types.go ParentReference,
 *  object_reference_types.go BackendObjectReference, httproute_types.go BackendRef, HTTPRouteFilter). */
import { arr, num, obj, str, strList, type Obj } from '../model/coerce';
import type { Path } from '../yaml/locate';
import { GATEWAY_API_GROUP, type BackendObjectRef, type BackendRef, type HeaderModifier, type LabelSelector, type ParentRef, type PathModifier, type RouteFilter } from './types';

/** Each element of a list with its path; non-objects become empty objects (the schema reports them). */
export function items(v: unknown, path: Path): { o: Obj; path: Path; index: number }[] {
  return arr(v).map((x, index) => ({ o: obj(x) ?? {}, path: [...path, index], index }));
}

export function lowerParentRefs(v: unknown, path: Path, routeNs: string): ParentRef[] {
  return items(v, path).map(({ o, path: p, index }) => ({
    index, path: p,
    group: str(o.group) ?? GATEWAY_API_GROUP,
    kind: str(o.kind) ?? 'Gateway',
    name: str(o.name) ?? '',
    namespace: str(o.namespace) || routeNs,
    sectionName: str(o.sectionName) || undefined,
    port: num(o.port),
  }));
}

export function lowerObjectRef(o: Obj, path: Path, routeNs: string): BackendObjectRef {
  const ns = str(o.namespace);
  return {
    path,
    group: str(o.group) ?? '',
    kind: str(o.kind) ?? 'Service',
    name: str(o.name) ?? '',
    namespace: ns || routeNs,
    namespaceWritten: !!ns,
    port: num(o.port),
  };
}

export function lowerBackendRefs(v: unknown, path: Path, routeNs: string): BackendRef[] {
  return items(v, path).map(({ o, path: p, index }) => ({
    ...lowerObjectRef(o, p, routeNs),
    index,
    weight: num(o.weight) ?? 1,
    filters: lowerFilters(o.filters, [...p, 'filters'], routeNs),
  }));
}

function headerValues(v: unknown): { name: string; value: string }[] {
  return arr(v).flatMap((x) => {
    const o = obj(x);
    const name = str(o?.name);
    return name === undefined ? [] : [{ name, value: str(o?.value) ?? '' }];
  });
}

function lowerHeaderModifier(v: unknown, path: Path): HeaderModifier | undefined {
  const o = obj(v);
  return o ? { path, set: headerValues(o.set), add: headerValues(o.add), remove: strList(o.remove) } : undefined;
}

function lowerPathModifier(v: unknown, path: Path): PathModifier | undefined {
  const o = obj(v);
  if (!o) return undefined;
  return { path, type: str(o.type) ?? '', replaceFullPath: str(o.replaceFullPath), replacePrefixMatch: str(o.replacePrefixMatch) };
}

export function lowerFilters(v: unknown, path: Path, routeNs: string): RouteFilter[] {
  return items(v, path).map(({ o, path: p, index }) => {
    const f: RouteFilter = { index, path: p, type: str(o.type) ?? '' };
    const rq = lowerHeaderModifier(o.requestHeaderModifier, [...p, 'requestHeaderModifier']);
    if (rq) f.requestHeaderModifier = rq;
    const rs = lowerHeaderModifier(o.responseHeaderModifier, [...p, 'responseHeaderModifier']);
    if (rs) f.responseHeaderModifier = rs;
    const rd = obj(o.requestRedirect);
    if (rd) {
      const rp = [...p, 'requestRedirect'];
      f.requestRedirect = {
        path: rp, scheme: str(rd.scheme), hostname: str(rd.hostname), port: num(rd.port),
        pathModifier: lowerPathModifier(rd.path, [...rp, 'path']),
        statusCode: num(rd.statusCode) ?? 302,
      };
    }
    const rw = obj(o.urlRewrite);
    if (rw) {
      const wp = [...p, 'urlRewrite'];
      f.urlRewrite = { path: wp, hostname: str(rw.hostname), pathModifier: lowerPathModifier(rw.path, [...wp, 'path']) };
    }
    const mr = obj(o.requestMirror);
    if (mr) {
      const mp = [...p, 'requestMirror'];
      const fr = obj(mr.fraction);
      f.requestMirror = {
        path: mp,
        backendRef: lowerObjectRef(obj(mr.backendRef) ?? {}, [...mp, 'backendRef'], routeNs),
        percent: num(mr.percent),
        fraction: fr ? { numerator: num(fr.numerator) ?? 0, denominator: num(fr.denominator) ?? 100 } : undefined,
      };
    }
    const cors = obj(o.cors);
    if (cors) {
      f.cors = {
        path: [...p, 'cors'], allowOrigins: strList(cors.allowOrigins), allowCredentials: typeof cors.allowCredentials === 'boolean' ? cors.allowCredentials : undefined,
        allowMethods: strList(cors.allowMethods), allowHeaders: strList(cors.allowHeaders), exposeHeaders: strList(cors.exposeHeaders),
        maxAge: num(cors.maxAge) ?? 5,
      };
    }
    return f;
  });
}

export function lowerSelector(v: unknown): LabelSelector | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(o.matchLabels) ?? {})) {
    const s = str(val);
    if (s !== undefined) matchLabels[k] = s;
  }
  return {
    matchLabels,
    matchExpressions: arr(o.matchExpressions).map((e) => {
      const x = obj(e) ?? {};
      return { key: str(x.key) ?? '', operator: str(x.operator) ?? '', values: strList(x.values) };
    }),
  };
}
