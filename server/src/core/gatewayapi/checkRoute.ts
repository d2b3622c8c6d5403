/** The conversion checks Istio makes on a route's rules before it produces any configuration
 *  (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute, convertGRPCRoute,
 *  convertTCPRoute, buildHTTPDestination, createHeadersFilter, createURIMatch, createGRPCURIMatch;
 *  route_collections.go computeRoute). A hard error drops the whole route for that kind of parent
 *  (Gateway or mesh), while its status stays Accepted; soft errors keep the route, and the last one
 *  (by rule, then backend) is the route's ResolvedRefs reason. */
import type { Path } from '../yaml/locate';
import type { Snapshot } from '../workspace/snapshot';
import { resolveBackend, type ResolvedBackend } from './backends';
import type { BackendRef, GatewayApiRoute, HeaderModifier, RouteFilter } from './types';

export interface RouteError {
  reason: string;
  message: string;
  /** The field that caused it. */
  path: Path;
}

export interface CheckedBackend extends ResolvedBackend {
  backendRef: BackendRef;
}

export interface CheckedRule {
  index: number;
  /** The backends with weight > 0, resolved (a weight-0 backend is never looked at). */
  backends: CheckedBackend[];
  /** Mirror filters whose target resolved. */
  mirrors: { filter: RouteFilter; backend: ResolvedBackend }[];
  /** No backend with weight > 0 and no redirect: Istio writes a direct response 500. */
  directResponse500: boolean;
  error?: RouteError;
}

export interface CheckedRoute {
  rules: CheckedRule[];
  /** Set when a hard error dropped the route: no configuration is produced. */
  dropped?: RouteError;
  /** What ResolvedRefs reports (False) for this route, if anything. */
  error?: RouteError;
}

const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];
const VALUE_TYPES = ['Exact', 'RegularExpression'];
export const HTTP_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'RequestMirror', 'URLRewrite', 'CORS'];
export const GRPC_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror'];

/** isValidHeaderValue: tab, or printable characters other than DEL. */
function validHeaderValue(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!(c === 0x09 || (c >= 0x20 && c !== 0x7f))) return false;
  }
  return true;
}

function headerError(m: HeaderModifier | undefined): RouteError | undefined {
  for (const h of [...(m?.set ?? []), ...(m?.add ?? [])]) {
    if (!validHeaderValue(h.value)) return { reason: 'InvalidFilter', message: `header "${h.name}" value contains invalid characters`, path: m!.path };
  }
  return undefined;
}

class Hard {
  constructor(readonly error: RouteError) {}
}

function matchErrors(route: GatewayApiRoute, ruleIndex: number): RouteError | undefined {
  if (route.kind === 'HTTPRoute') {
    for (const m of route.rules[ruleIndex].matches) {
      if (!PATH_TYPES.includes(m.pathMatch.type)) return { reason: 'InvalidConfiguration', message: `unknown type: "${m.pathMatch.type}" is not supported Path match type`, path: m.pathMatch.path };
      for (const h of [...m.headers, ...m.queryParams]) {
        if (!VALUE_TYPES.includes(h.type)) return { reason: 'InvalidConfiguration', message: `unknown type: "${h.type}" is not supported match type`, path: h.path };
      }
    }
  } else if (route.kind === 'GRPCRoute') {
    for (const m of route.rules[ruleIndex].matches) {
      if (m.method && !m.method.service && !m.method.method) return { reason: 'InvalidConfiguration', message: 'gRPC match must have method or service defined', path: m.method.path };
      if (m.method && !VALUE_TYPES.includes(m.method.type)) return { reason: 'InvalidConfiguration', message: `unknown type: "${m.method.type}" is not supported Path match type`, path: m.method.path };
      for (const h of m.headers) if (!VALUE_TYPES.includes(h.type)) return { reason: 'InvalidConfiguration', message: `unknown type: "${h.type}" is not supported HeaderMatch type`, path: h.path };
    }
  }
  return undefined;
}

function checkRule(snap: Snapshot, route: GatewayApiRoute, ruleIndex: number, mesh: boolean): CheckedRule {
  const rule = route.rules[ruleIndex];
  const ns = route.meta.namespace;
  const enforce = !mesh;
  const bad = matchErrors(route, ruleIndex);
  if (bad) throw new Hard(bad);
  const filters = 'filters' in rule ? rule.filters : [];
  const allowed = route.kind === 'GRPCRoute' ? GRPC_FILTERS : HTTP_FILTERS;
  const mirrors: CheckedRule['mirrors'] = [];
  let mirrorError: RouteError | undefined;
  let redirect = false;
  for (const f of filters) {
    if (!allowed.includes(f.type)) throw new Hard({ reason: 'InvalidFilter', message: `unsupported filter type "${f.type}"`, path: f.path });
    const he = headerError(f.type === 'RequestHeaderModifier' ? f.requestHeaderModifier : f.type === 'ResponseHeaderModifier' ? f.responseHeaderModifier : undefined);
    if (he) throw new Hard(he);
    if (f.type === 'RequestRedirect' && f.requestRedirect) redirect = true;
    if (f.type === 'RequestMirror' && f.requestMirror) {
      const b = resolveBackend(snap, route.kind, ns, f.requestMirror.backendRef, enforce);
      const err = b.error && { reason: b.error.reason, message: b.error.message, path: f.requestMirror.backendRef.path };
      // A GRPCRoute has no soft mirror error: any error drops the route (convertGRPCRoute).
      if (err && route.kind === 'GRPCRoute') throw new Hard(err);
      if (err) mirrorError = err;
      else mirrors.push({ filter: f, backend: b });
    }
  }
  const weightSum = rule.backendRefs.reduce((s, b) => s + b.weight, 0);
  // TCP and TLS routes have no 500: a zero weight sum resets the connection (convertTCPRoute).
  if (weightSum === 0 && !redirect) return { index: ruleIndex, backends: [], mirrors, directResponse500: route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute', error: mirrorError };
  let backendError: RouteError | undefined;
  const backends: CheckedBackend[] = [];
  for (const br of rule.backendRefs) {
    if (br.weight === 0) continue;
    const b = resolveBackend(snap, route.kind, ns, br, enforce);
    if (b.error?.hard) throw new Hard({ reason: b.error.reason, message: b.error.message, path: br.path });
    if (b.error) backendError = { reason: b.error.reason, message: b.error.message, path: br.path };
    for (const f of br.filters) {
      if (f.type !== 'RequestHeaderModifier' && f.type !== 'ResponseHeaderModifier') throw new Hard({ reason: 'InvalidFilter', message: `unsupported filter type "${f.type}"`, path: f.path });
      const he = headerError(f.requestHeaderModifier ?? f.responseHeaderModifier);
      if (he) throw new Hard(he);
    }
    backends.push({ ...b, backendRef: br });
  }
  const error = backendError && mirrorError ? { ...backendError, message: `${backendError.message}; ${mirrorError.message}` } : backendError ?? mirrorError;
  return { index: ruleIndex, backends, mirrors, directResponse500: false, error };
}

/** Checks every rule of a route as Istio converts it for Gateway parents (`mesh` false: ReferenceGrants
 *  enforced) or for Service parents (`mesh` true). */
export function checkRoute(snap: Snapshot, route: GatewayApiRoute, mesh: boolean): CheckedRoute {
  const rules: CheckedRule[] = [];
  let error: RouteError | undefined;
  try {
    for (let i = 0; i < route.rules.length; i++) {
      const r = checkRule(snap, route, i, mesh);
      if (r.error) error = r.error;
      rules.push(r);
    }
  } catch (e) {
    if (e instanceof Hard) return { rules: [], dropped: e.error, error: e.error };
    throw e;
  }
  return { rules, error };
}
