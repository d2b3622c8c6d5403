/** HTTPRoute and GRPCRoute rules as the Envoy routes Istio makes of them: one route per match, with the
 *  match translated and the precedence keys of the sort (istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go createURIMatch, createGRPCURIMatch, createHeadersMatch,
 *  createQueryParamsMatch, createMethodMatch, sortHTTPRoutes, getURIRank, getURILength;
 *  route_collections.go HTTPRouteCollection "split the rule"). */
import type { Path } from '../yaml/locate';
import type { CheckedRule } from './checkRoute';
import type { GRPCRoute, HTTPRoute, ValueMatch } from './types';

/** Envoy path matchers as Istio writes them for gateway semantics (core/route/route.go
 *  TranslateRouteMatch): a PathPrefix other than `/` is a `path_separated_prefix`. */
export type GwPathMatch = { kind: 'exact' | 'prefix' | 'pathSeparatedPrefix' | 'regex'; value: string };

export interface GwValueMatch {
  name: string;
  regex: boolean;
  value: string;
  path: Path;
}

export interface GwMatch {
  path?: GwPathMatch;
  method?: string;
  headers: GwValueMatch[];
  queryParams: GwValueMatch[];
  /** Service port a mesh route is limited to (parentRef.port, conversion.go augmentPortMatch). */
  port?: number;
}

export interface GwRoute {
  route: HTTPRoute | GRPCRoute;
  ruleIndex: number;
  /** Null for a GRPCRoute rule without matches. */
  matchIndex: number | null;
  rulePath: Path;
  matchPath: Path;
  /** Undefined: no conditions (a GRPCRoute rule without matches). */
  match?: GwMatch;
  /** getURIRank: Exact 3, prefix 2, regex 1, no path -1; and getURILength. */
  rank: number;
  length: number;
  rule: CheckedRule;
}

/** Entries of a map keyed by the name as written: an identical later name replaces an earlier one. */
function asMap(list: readonly ValueMatch[]): GwValueMatch[] {
  const byName = new Map<string, GwValueMatch>();
  for (const m of list) byName.set(m.name, { name: m.name, regex: m.type === 'RegularExpression', value: m.value, path: m.path });
  return [...byName.values()];
}

function envoyPath(kind: 'Exact' | 'PathPrefix' | 'RegularExpression', value: string): { path: GwPathMatch; length: number; rank: number } {
  if (kind === 'Exact') return { path: { kind: 'exact', value }, length: value.length, rank: 3 };
  if (kind === 'RegularExpression') return { path: { kind: 'regex', value }, length: value.length, rank: 1 };
  // "When specified, a trailing `/` is ignored."
  const v = value === '/' ? '/' : value.replace(/\/$/, '');
  return { path: v === '/' ? { kind: 'prefix', value: '/' } : { kind: 'pathSeparatedPrefix', value: v }, length: v.length, rank: 2 };
}

function grpcPath(service: string | undefined, method: string | undefined, regex: boolean): { path: GwPathMatch; length: number; rank: number } {
  if (!regex && service && !method) {
    // Istio writes prefix `/svc/`; gateway semantics make it a path-separated `/svc` (its length stays that of `/svc/`).
    return { path: { kind: 'pathSeparatedPrefix', value: `/${service}` }, length: service.length + 2, rank: 2 };
  }
  if (!regex && service && method) return envoyPath('Exact', `/${service}/${method}`);
  const text = !service ? `/[^/]+/${method}` : !method ? `/${service}/.+` : `/${service}/${method}`;
  return envoyPath('RegularExpression', text);
}

/** The Envoy routes of one route's configured rules (its CheckedRule list, in rule order). */
export function routesOf(route: HTTPRoute | GRPCRoute, rules: readonly CheckedRule[], port?: number): GwRoute[] {
  const out: GwRoute[] = [];
  for (const rule of rules) {
    if (route.kind === 'HTTPRoute') {
      const r = route.rules[rule.index];
      for (const m of r.matches) {
        const p = envoyPath(m.pathMatch.type as 'Exact', m.pathMatch.value);
        out.push({
          route, ruleIndex: rule.index, matchIndex: m.defaulted ? null : m.index, rulePath: r.path, matchPath: m.path, rule, rank: p.rank, length: p.length,
          match: { path: p.path, method: m.method, headers: asMap(m.headers), queryParams: asMap(m.queryParams), port },
        });
      }
      continue;
    }
    const r = route.rules[rule.index];
    if (r.matches.length === 0) {
      out.push({ route, ruleIndex: rule.index, matchIndex: null, rulePath: r.path, matchPath: r.path, rule, rank: -1, length: 0, match: port ? { headers: [], queryParams: [], port } : undefined });
      continue;
    }
    for (const m of r.matches) {
      const p = m.method ? grpcPath(m.method.service, m.method.method, m.method.type === 'RegularExpression') : undefined;
      out.push({
        route, ruleIndex: rule.index, matchIndex: m.index, rulePath: r.path, matchPath: m.path, rule, rank: p?.rank ?? -1, length: p?.length ?? 0,
        match: { path: p?.path, headers: asMap(m.headers), queryParams: [], port },
      });
    }
  }
  return out;
}

/** sortHTTPRoutes, a stable sort: path rank, path length, a method first, more headers, more query
 *  parameters; routes without match last. */
export function sortByPrecedence(routes: GwRoute[]): GwRoute[] {
  const before = (a: GwRoute, b: GwRoute): boolean => {
    if (!a.match) return false;
    if (!b.match) return true;
    if (a.rank !== b.rank) return a.rank > b.rank;
    if (a.length !== b.length) return a.length > b.length;
    if (!!a.match.method !== !!b.match.method) return !!a.match.method;
    if (a.match.headers.length !== b.match.headers.length) return a.match.headers.length > b.match.headers.length;
    return a.match.queryParams.length > b.match.queryParams.length;
  };
  return routes.map((r, i) => ({ r, i })).sort((x, y) => (before(x.r, y.r) ? -1 : before(y.r, x.r) ? 1 : x.i - y.i)).map((x) => x.r);
}

/** core/route/route.go IsCatchAllRoute: prefix `/` (or none) or regex `.*`, and no header (a method is
 *  the `:method` header) or query condition. A port condition is not part of the Envoy route. */
export function isCatchAll(r: GwRoute): boolean {
  const m = r.match;
  if (!m) return true;
  const p = m.path;
  const pathAll = !p || (p.kind === 'prefix' && p.value === '/') || (p.kind === 'regex' && p.value === '.*');
  return pathAll && !m.method && m.headers.length === 0 && m.queryParams.length === 0;
}

/** BuildHTTPRoutesForVirtualService: routes after the first catch-all of one VirtualService are dropped. */
export function truncateAfterCatchAll(routes: GwRoute[]): { kept: GwRoute[]; dropped: GwRoute[] } {
  const i = routes.findIndex(isCatchAll);
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
