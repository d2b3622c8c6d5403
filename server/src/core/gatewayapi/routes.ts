/** HTTPRoute and GRPCRoute rules lowered into the route model (routing/routeModel.ts) as the Envoy
 *  routes Istio makes of them: one route per match, the match translated, and the precedence keys of
 *  the sort that orders the routes of a listener and hostname before any request is evaluated
 *  (istio/istio pilot/pkg/config/kube/gateway/conversion.go createURIMatch, createGRPCURIMatch,
 *  createHeadersMatch, createQueryParamsMatch, createMethodMatch, sortHTTPRoutes, getURIRank,
 *  getURILength; route_collections.go HTTPRouteCollection "split the rule"). */
import type { StringMatch } from '../model/istioTypes';
import { isCatchAll, type PathMatch } from '../routing/match';
import type { HeaderCondition, Route, RouteMatch } from '../routing/routeModel';
import type { Path } from '../yaml/locate';
import type { CheckedRule } from './checkRoute';
import { lowerRuleAction } from './routeActions';
import type { GRPCRoute, HTTPRoute, ValueMatch } from './types';

/** A lowered route with the keys Istio sorts by: getURIRank (Exact 3, prefix 2, regex 1, no path -1)
 *  and getURILength. */
export interface RankedRoute {
  route: Route;
  rank: number;
  length: number;
}

/** Entries of a map keyed by the name as written: an identical later name replaces an earlier one. */
function asMap(list: readonly ValueMatch[]): { name: string; match: StringMatch }[] {
  const byName = new Map<string, StringMatch>();
  for (const m of list) byName.set(m.name, { kind: m.type === 'RegularExpression' ? 'regex' : 'exact', value: m.value });
  return [...byName].map(([name, match]) => ({ name, match }));
}

function headersOf(list: readonly ValueMatch[]): HeaderCondition[] {
  return asMap(list).map((h) => ({ ...h, invert: false }));
}

/** Envoy path matchers as Istio writes them for gateway semantics (core/route/route.go
 *  TranslateRouteMatch): a PathPrefix other than `/` is a `path_separated_prefix`. */
function envoyPath(kind: 'Exact' | 'PathPrefix' | 'RegularExpression', value: string): { path: PathMatch; length: number; rank: number } {
  if (kind === 'Exact') return { path: { kind: 'exact', value }, length: value.length, rank: 3 };
  if (kind === 'RegularExpression') return { path: { kind: 'regex', value }, length: value.length, rank: 1 };
  // "When specified, a trailing `/` is ignored."
  const v = value === '/' ? '/' : value.replace(/\/$/, '');
  return { path: v === '/' ? { kind: 'prefix', value: '/' } : { kind: 'pathSeparatedPrefix', value: v }, length: v.length, rank: 2 };
}

function grpcPath(service: string | undefined, method: string | undefined, regex: boolean): { path: PathMatch; length: number; rank: number } {
  if (!regex && service && !method) {
    // Istio writes prefix `/svc/`; gateway semantics make it a path-separated `/svc` (its length stays that of `/svc/`).
    return { path: { kind: 'pathSeparatedPrefix', value: `/${service}` }, length: service.length + 2, rank: 2 };
  }
  if (!regex && service && method) return envoyPath('Exact', `/${service}/${method}`);
  const text = !service ? `/[^/]+/${method}` : !method ? `/${service}/.+` : `/${service}/${method}`;
  return envoyPath('RegularExpression', text);
}

function routeMatch(path: PathMatch | undefined, method: string | undefined, headers: readonly ValueMatch[], queryParams: readonly ValueMatch[]): RouteMatch {
  return {
    path, ignoreCase: false, method: method ? { kind: 'exact', value: method } : undefined,
    headers: headersOf(headers), queryParams: asMap(queryParams),
  };
}

/** The routes of one route's configured rules (its CheckedRule list, in rule order). */
export function routesOf(route: HTTPRoute | GRPCRoute, rules: readonly CheckedRule[]): RankedRoute[] {
  const out: RankedRoute[] = [];
  for (const rule of rules) {
    const r = route.rules[rule.index];
    const source = (matchIndex: number | null, matchPath: Path) => ({ resource: route, ruleList: 'rules', ruleIndex: rule.index, rulePath: r.path, matchIndex, matchPath, ...(r.name ? { ruleName: r.name } : {}) });
    if (route.kind === 'HTTPRoute') {
      for (const m of route.rules[rule.index].matches) {
        const p = envoyPath(m.pathMatch.type as 'Exact', m.pathMatch.value);
        const match = routeMatch(p.path, m.method, m.headers, m.queryParams);
        out.push({ route: { match, source: source(m.defaulted ? null : m.index, m.path), ...lowerRuleAction(route, rule, p.path) }, rank: p.rank, length: p.length });
      }
      continue;
    }
    const g = route.rules[rule.index];
    if (g.matches.length === 0) {
      out.push({ route: { source: source(null, g.path), ...lowerRuleAction(route, rule, undefined) }, rank: -1, length: 0 });
      continue;
    }
    for (const m of g.matches) {
      const p = m.method ? grpcPath(m.method.service, m.method.method, m.method.type === 'RegularExpression') : undefined;
      out.push({ route: { match: routeMatch(p?.path, undefined, m.headers, []), source: source(m.index, m.path), ...lowerRuleAction(route, rule, p?.path) }, rank: p?.rank ?? -1, length: p?.length ?? 0 });
    }
  }
  return out;
}

/** sortHTTPRoutes, a stable sort: path rank, path length, a method first, more headers, more query
 *  parameters; routes without match last. */
export function sortByPrecedence(routes: readonly RankedRoute[]): Route[] {
  const before = (a: RankedRoute, b: RankedRoute): boolean => {
    const am = a.route.match;
    const bm = b.route.match;
    if (!am) return false;
    if (!bm) return true;
    if (a.rank !== b.rank) return a.rank > b.rank;
    if (a.length !== b.length) return a.length > b.length;
    if (!!am.method !== !!bm.method) return !!am.method;
    if (am.headers.length !== bm.headers.length) return am.headers.length > bm.headers.length;
    return am.queryParams.length > bm.queryParams.length;
  };
  return routes.map((r, i) => ({ r, i })).sort((x, y) => (before(x.r, y.r) ? -1 : before(y.r, x.r) ? 1 : x.i - y.i)).map((x) => x.r.route);
}

/** BuildHTTPRoutesForVirtualService: routes after the first catch-all of one VirtualService are
 *  dropped (core/route/route.go IsCatchAllRoute). */
export function truncateAfterCatchAll(routes: Route[]): { kept: Route[]; dropped: Route[] } {
  const i = routes.findIndex((r) => isCatchAll(r.match));
  return i < 0 ? { kept: routes, dropped: [] } : { kept: routes.slice(0, i + 1), dropped: routes.slice(i + 1) };
}

/** The order routes of several sources are merged in: creationTimestamp, then namespace, then name
 *  (conversion.go sortRoutesByCreationTime). */
export function compareSources(a: { meta: { creationTimestamp?: string; namespace: string; name: string } }, b: typeof a): number {
  const ta = a.meta.creationTimestamp ?? '';
  const tb = b.meta.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.meta.namespace !== b.meta.namespace) return a.meta.namespace < b.meta.namespace ? -1 : 1;
  return a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0;
}
