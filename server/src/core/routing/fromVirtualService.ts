/** VirtualServices as a source of the route model (routeModel.ts): an http rule with one of its match
 *  blocks becomes one Envoy route (istio/istio pilot/pkg/networking/core/route/route.go
 *  BuildHTTPRoutesForVirtualService, translateRoute); a tcp or tls rule becomes an L4 route
 *  (pilot/pkg/networking/core/tls.go). Which rules a proxy gets (delegates, source conditions, the
 *  first catch-all) is decided in httpRoutes.ts; this file only changes their shape. */
import type { HttpMatch, HttpRoute, L4Match, L4Route, RouteDestination } from '../model/istioTypes';
import type { VirtualService } from '../model/virtualService';
import type { Path } from '../yaml/locate';
import { whyL4NotMatched } from './l4';
import { routeMatchOf } from './match';
import type { BuildConditions, L4MatchConditions, L4RouteEntry, RewritePolicy, Route, RouteAction, RouteMatchPart, RouteProvenance, WeightedBackend } from './routeModel';

/** A rule of a VirtualService for one proxy: the (delegate) VirtualService it is written in, the rule
 *  (merged with the root's for a delegated rule), the match block that applies, and the root. */
export interface VirtualServiceRule {
  vs: VirtualService;
  route: HttpRoute;
  match?: HttpMatch;
  root?: { vs: VirtualService; routeIndex: number };
}

export function backendsOf(list: RouteDestination[], rulePath: Path): WeightedBackend[] {
  return list.map((d) => ({ destination: d.destination, weight: d.weight, index: d.index, path: [...rulePath, 'route', d.index], destinationPath: [...rulePath, 'route', d.index, 'destination'] }));
}

/** rewrite.authority, else a `:authority`/`host` header set on the route (route.go TranslateHeadersOperations),
 *  else one set on a single destination. */
function hostRewrite(route: HttpRoute): string | undefined {
  if (route.rewrite?.authority) return route.rewrite.authority;
  const fromOps = (ops?: { set: Record<string, string>; add: Record<string, string> }) => {
    if (!ops) return undefined;
    const find = (m: Record<string, string>) => Object.entries(m).find(([k]) => k.toLowerCase() === ':authority' || k.toLowerCase() === 'host')?.[1];
    return find(ops.set) ?? find(ops.add);
  };
  return fromOps(route.headers?.request) ?? (route.route.length === 1 ? fromOps(route.route[0].headers?.request) : undefined);
}

/** `rewrite.uri` is Envoy's prefix_rewrite; `uriRegexRewrite` its regex_rewrite and wins over `uri`. */
function rewriteOf(route: HttpRoute, rulePath: Path): RewritePolicy | undefined {
  const rw = route.rewrite;
  const host = hostRewrite(route);
  const path: RewritePolicy['path'] = rw?.uriRegexRewrite
    ? { kind: 'regex', pattern: rw.uriRegexRewrite.match, substitution: rw.uriRegexRewrite.rewrite }
    : rw?.uri ? { kind: 'prefix', value: rw.uri } : undefined;
  return path || host !== undefined ? { path, host, at: [...rulePath, 'rewrite'] } : undefined;
}

/** Where the i-th mirror of a VirtualService's own rule is written (a delegated rule may inherit the
 *  root's mirrors): `mirror` is lowered first, then the `mirrors` list. */
function mirrorPath(vs: VirtualService, rulePath: Path, i: number): Path {
  const raw = (vs.meta.raw.spec as { http?: { mirror?: unknown }[] } | undefined)?.http?.[rulePath[2] as number];
  const single = !!raw?.mirror;
  return single && i === 0 ? [...rulePath, 'mirror'] : [...rulePath, 'mirrors', single ? i - 1 : i, 'destination'];
}

/** A redirect wins over a direct response, which wins over destinations (route.go translateRoute). */
function actionOf(route: HttpRoute, rulePath: Path, own?: VirtualService): RouteAction {
  const r = route.redirect;
  if (r) {
    const at = [...rulePath, 'redirect'];
    return {
      kind: 'redirect',
      redirect: {
        scheme: r.scheme, host: r.authority, port: r.port, derivePort: r.derivePort, path: r.uri ? { kind: 'full', value: r.uri } : undefined,
        code: r.redirectCode, defaultCode: 301, at, codeAt: [...at, 'redirectCode'],
      },
    };
  }
  if (route.directResponse) return { kind: 'directResponse', status: route.directResponse.status ?? 0, body: route.directResponse.body, at: [...rulePath, 'directResponse'] };
  return {
    kind: 'route', backends: backendsOf(route.route, rulePath), rewrite: rewriteOf(route, rulePath), timeout: route.timeout, retries: route.retries,
    mirrors: route.mirrors.map((m, i) => ({ destination: m.destination, percentage: m.percentage, path: own && mirrorPath(own, rulePath, i) })), backendsPath: rulePath,
  };
}

/** Routes of a VirtualService's own rules (not merged from a delegate), by rule and match: a route
 *  depends on those alone, and the lowered resources of a snapshot do not change, so a request
 *  does not lower them again. Routes are never modified once built. */
const ownRoutes = new WeakMap<HttpRoute, Map<HttpMatch | undefined, Route>>();

/** One Envoy route of a VirtualService rule. */
export function routeOfRule(rule: VirtualServiceRule): Route {
  if (rule.root) return lowerRule(rule);
  let byMatch = ownRoutes.get(rule.route);
  if (!byMatch) ownRoutes.set(rule.route, (byMatch = new Map()));
  let route = byMatch.get(rule.match);
  if (!route) byMatch.set(rule.match, (route = lowerRule(rule)));
  return route;
}

/** The build-time conditions of a match block, or undefined when it writes none. */
function conditionsOf(m: HttpMatch | L4Match): BuildConditions | undefined {
  const { port, gateways, sourceLabels, sourceNamespace } = m;
  return port || gateways.length || sourceNamespace || Object.keys(sourceLabels).length ? { port, gateways, sourceLabels, sourceNamespace } : undefined;
}

/** The match part of one Envoy route of a rule (everything but the action and what applies either
 *  way): `lowerRule` builds the route around it. */
function matchPartOf(rule: VirtualServiceRule): RouteMatchPart {
  const { vs, route, match, root } = rule;
  const rulePath = ['spec', 'http', route.index];
  const source: RouteProvenance = { resource: vs, ruleList: 'http', ruleIndex: route.index, rulePath, matchIndex: match?.index ?? null, matchPath: match ? [...rulePath, 'match', match.index] : undefined };
  if (root) source.root = { resource: root.vs, ruleIndex: root.routeIndex };
  if (route.name) source.ruleName = route.name;
  if (match?.name) source.matchName = match.name;
  const part: RouteMatchPart = { match: match ? routeMatchOf(match) : undefined, source };
  const conditions = match && conditionsOf(match);
  if (conditions) part.conditions = conditions;
  if (match?.statPrefix) part.statPrefix = match.statPrefix;
  return part;
}

function lowerRule(rule: VirtualServiceRule): Route {
  const { vs, route, root } = rule;
  const { match, source, conditions, statPrefix } = matchPartOf(rule);
  const out: Route = { match, action: actionOf(route, source.rulePath, root ? undefined : vs), headers: route.headers, fault: route.fault, corsPolicy: route.corsPolicy, source };
  if (conditions) out.conditions = conditions;
  if (statPrefix !== undefined) out.statPrefix = statPrefix;
  return out;
}

/** Every http rule of a VirtualService as written, before any proxy's choice: per rule, its routes
 *  in match order (one route without match for a rule without `match`). Delegates are not merged in
 *  (each VirtualService is a source of its own); gateways stay as written. */
export function writtenHttpRoutes(vs: VirtualService): Route[][] {
  return vs.http.map((r) => (r.match ? r.match.map((m) => routeOfRule({ vs, route: r, match: m })) : [routeOfRule({ vs, route: r })]));
}

/** Per own rule, the match parts of its routes (never modified once built, like the routes). */
const ownMatchParts = new WeakMap<HttpRoute, RouteMatchPart[]>();

/** The same routes as `writtenHttpRoutes`, their match parts only: what the analyzers that compare a
 *  source's rules read (shadowing.ts). Opening a workspace compares every VirtualService's rules,
 *  and building whole routes (backends, rewrites, mirrors and their YAML paths) for that took most of
 *  the comparison's time. */
export function writtenHttpMatches(vs: VirtualService): RouteMatchPart[][] {
  return vs.http.map((route) => {
    let parts = ownMatchParts.get(route);
    if (!parts) ownMatchParts.set(route, (parts = route.match ? route.match.map((match) => matchPartOf({ vs, route, match })) : [matchPartOf({ vs, route })]));
    return parts;
  });
}

function l4ConditionsOf(m: L4Match): L4MatchConditions {
  return { ...(conditionsOf(m) ?? { gateways: [], sourceLabels: {} }), destinationSubnets: m.destinationSubnets, sniHosts: m.sniHosts, ...(m.sourceSubnet ? { sourceSubnet: m.sourceSubnet } : {}) };
}

/** The tcp or tls rules of a VirtualService, in order; each match block is one condition. */
export function l4RoutesOf(vs: VirtualService, kind: 'tcp' | 'tls'): L4RouteEntry[] {
  const rules: L4Route[] = kind === 'tcp' ? vs.tcp : vs.tls;
  return rules.map((r) => {
    const rulePath = ['spec', kind, r.index];
    return {
      conditions: (r.match ?? []).map((m) => ({ index: m.index, path: [...rulePath, 'match', m.index], why: (conn) => whyL4NotMatched(m, vs.meta.namespace, conn, kind), match: l4ConditionsOf(m) })),
      backends: backendsOf(r.route, rulePath),
      source: { resource: vs, ruleList: kind, ruleIndex: r.index, rulePath, matchIndex: null },
    };
  });
}
