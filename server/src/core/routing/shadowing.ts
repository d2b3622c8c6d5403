/** Comparing the routes of the route model (routeModel.ts) to find the ones an earlier route hides:
 *  whatever the source, the first route that matches takes the request, so a later route with the
 *  same conditions is never used.
 *  - `matchKey`: two routes with the same key match the same requests on the same proxies: every
 *    condition, the build-time ones included, with Istio's and Envoy's map semantics (headers, query
 *    parameters and labels in name order). Mirrors the comparison of istio/istio
 *    pkg/config/validation/validation.go analyzeUnreachableHTTPRules (the match block as JSON, its
 *    `name` left out), which Go writes with map keys sorted.
 *  - `prefixCover`/`covers`: validation.go genMatchHTTPRoutes and coveredValidation, an earlier uri
 *    prefix that takes all the traffic of a later, longer one. */
import type { StringMatch } from '../model/istioTypes';
import type { BuildConditions, L4MatchConditions, L4RouteEntry, RouteMatch, RouteMatchPart } from './routeModel';

/** What two routes are compared on. */
type Compared = Pick<RouteMatchPart, 'match' | 'conditions' | 'statPrefix'>;

/** Keys are built as strings: every value JSON-quoted, so no value can pass for structure. */
const q = (s: string) => JSON.stringify(s);
const sorted = <T>(list: readonly T[], name: (x: T) => string): readonly T[] => (list.length < 2 ? list : [...list].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)));
const sm = (m: { kind: string; value: string } | undefined) => (m ? `${m.kind}${q(m.value)}` : '-');

function conditionsKey(c: BuildConditions | undefined): string {
  if (!c) return '-';
  const labels = sorted(Object.entries(c.sourceLabels), ([k]) => k).map(([k, v]) => `${q(k)}=${q(v)}`);
  return `${c.port ?? 0};[${c.gateways.map(q).join(',')}];[${labels.join(',')}];${q(c.sourceNamespace ?? '')}`;
}

function runtimeKey(m: RouteMatch): string {
  const headers = sorted(m.headers, (h) => h.name).map((h) => `${q(h.name)}${h.invert ? '!' : '='}${sm(h.match)}`);
  const query = sorted(m.queryParams, (p) => p.name).map((p) => `${q(p.name)}=${sm(p.match)}`);
  return `${sm(m.path)};${m.ignoreCase ? 1 : 0};${sm(m.scheme)};${sm(m.method)};${sm(m.authority)};[${headers.join(',')}];[${query.join(',')}]`;
}

/** A string that two routes share exactly when their matches are the same; match and rule names
 *  are not part of it. A route without match (it catches everything) has its own key. */
export function matchKey(r: Compared): string {
  if (!r.match && !r.conditions) return 'none';
  return `${r.match ? runtimeKey(r.match) : '-'}|${conditionsKey(r.conditions)}|${q(r.statPrefix ?? '')}`;
}

/** The same for one match block of a TCP or TLS rule (validation.go analyzeUnreachableTCPRules,
 *  analyzeUnreachableTLSRules compare L4MatchAttributes and TLSMatchAttributes as JSON). */
export function l4MatchKey(m: L4MatchConditions): string {
  return `${conditionsKey(m)}|[${m.destinationSubnets.map(q).join(',')}]|[${m.sniHosts.map(q).join(',')}]|${q(m.sourceSubnet ?? '')}`;
}

/** What coveredValidation compares of a uri prefix match: each string condition as `exact:v` or
 *  `prefix:v` (any other kind, or an empty value, as ''), the method GET when not set. */
export interface PrefixCover {
  prefix: string;
  port: number;
  method: string;
  authority: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  without: Record<string, string>;
}

function exactOrPrefix(m: StringMatch | undefined): string {
  if (!m || !m.value) return '';
  return m.kind === 'exact' || m.kind === 'prefix' ? `${m.kind}:${m.value}` : '';
}

/** genMatchHTTPRoutes: the route's prefix cover, when its path is a non-empty uri prefix. */
export function prefixCover(r: Compared): PrefixCover | undefined {
  const m = r.match;
  if (!m?.path || m.path.kind !== 'prefix' || !m.path.value) return undefined;
  const values = (list: readonly { name: string; match: StringMatch }[]) => Object.fromEntries(list.map((h) => [h.name, exactOrPrefix(h.match)]));
  return {
    prefix: m.path.value, port: r.conditions?.port ?? 0,
    method: exactOrPrefix(m.method) || 'exact:GET', authority: exactOrPrefix(m.authority),
    headers: values(m.headers.filter((h) => !h.invert)), query: values(m.queryParams), without: values(m.headers.filter((h) => h.invert)),
  };
}

function mapCovered(a: Record<string, string>, b: Record<string, string>): boolean {
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  return Object.entries(a).every(([k, v]) => Object.hasOwn(b, k) && (v === b[k] || v.startsWith(b[k])));
}

/** coveredValidation: does the earlier prefix match `a` take all the traffic of the later `b`? */
export function covers(a: PrefixCover, b: PrefixCover): boolean {
  if (!b.prefix.startsWith(a.prefix) || a.port !== b.port) return false;
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority)) return false;
  return mapCovered(a.headers, b.headers) && mapCovered(a.query, b.query) && mapCovered(a.without, b.without);
}

/** A match block of a rule, reduced to what the comparison reads. */
export interface ComparedMatch {
  index: number;
  key: string;
  cover?: PrefixCover;
}

/** A rule of one list (a VirtualService's `http`, `tcp` or `tls`): `matches` null when it has none
 *  (it takes all traffic); `skip` leaves out a list item that is not a rule at all. */
export interface ComparedRule {
  index: number;
  matches: ComparedMatch[] | null;
  skip?: boolean;
}

/** What hides a rule or a match, by rule and match index (validation.go: `secondCatchAll` "only the
 *  last rule can have no matches", `afterCatchAll` "route without matches defined before",
 *  `allDuplicates` "all matches used by prior rules", `duplicate` and `covered` for IST0131). */
export type Shadowing =
  | { kind: 'secondCatchAll' | 'afterCatchAll'; rule: number; catchAll: number }
  | { kind: 'allDuplicates'; rule: number }
  | { kind: 'duplicate'; rule: number; match: number; earlier: { rule: number; match: number } }
  | { kind: 'covered'; rule: number; match: number; earlier: { rule: number; match: number }; prefix: string; earlierPrefix: string };

/** The rules of one ordered list compared as Istio's validation does, in the order it reports. */
export function findShadowing(rules: readonly ComparedRule[]): Shadowing[] {
  const out: Shadowing[] = [];
  const seen = new Map<string, { rule: number; match: number }>();
  let catchAll: number | undefined;
  const prefixes: { rule: number; match: number; cover: PrefixCover }[] = [];
  for (const r of rules) {
    if (r.skip) continue;
    if (!r.matches) {
      if (catchAll !== undefined) out.push({ kind: 'secondCatchAll', rule: r.index, catchAll });
      catchAll = r.index;
      continue;
    }
    if (catchAll !== undefined) {
      out.push({ kind: 'afterCatchAll', rule: r.index, catchAll });
      continue;
    }
    let duplicates = 0;
    for (const m of r.matches) {
      const earlier = seen.get(m.key);
      if (earlier) {
        out.push({ kind: 'duplicate', rule: r.index, match: m.index, earlier });
        duplicates++;
        continue;
      }
      seen.set(m.key, { rule: r.index, match: m.index });
      if (m.cover) prefixes.push({ rule: r.index, match: m.index, cover: m.cover });
    }
    if (duplicates === r.matches.length) out.push({ kind: 'allDuplicates', rule: r.index });
  }
  for (let a = 0; a < prefixes.length; a++) {
    for (let b = a + 1; b < prefixes.length; b++) {
      const A = prefixes[a];
      const B = prefixes[b];
      if (A.cover.prefix === B.cover.prefix || !covers(A.cover, B.cover)) continue;
      out.push({ kind: 'covered', rule: B.rule, match: B.match, earlier: { rule: A.rule, match: A.match }, prefix: B.cover.prefix, earlierPrefix: A.cover.prefix });
    }
  }
  return out;
}

/** The http rules of a source as the comparison reads them: per rule, its routes in match order (a
 *  rule without match: one route whose `source.matchIndex` is null). */
export function compareHttpRules(rules: readonly (readonly RouteMatchPart[])[]): ComparedRule[] {
  return rules.map((routes, i) => {
    const first = routes[0]?.source;
    const none = !first || first.matchIndex === null;
    return { index: first?.ruleIndex ?? i, matches: none ? null : routes.map(comparedMatch) };
  });
}

/** Routes are never modified once built (fromVirtualService.ts keeps them per rule), so neither
 *  is what the comparison reads of them: an analysis after an edit does not build it again. */
const compared = new WeakMap<RouteMatchPart, ComparedMatch>();
function comparedMatch(r: RouteMatchPart): ComparedMatch {
  let c = compared.get(r);
  if (!c) compared.set(r, (c = { index: r.source.matchIndex ?? 0, key: matchKey(r), cover: prefixCover(r) }));
  return c;
}

/** The tcp or tls rules of a source: each condition carries its match as data (one without is
 *  equal to no other). */
export function compareL4Rules(rules: readonly L4RouteEntry[]): ComparedRule[] {
  return rules.map((r) => ({
    index: r.source.ruleIndex,
    matches: r.conditions.length ? r.conditions.map((c) => ({ index: c.index, key: c.match ? l4MatchKey(c.match) : `unknown ${r.source.ruleIndex} ${c.index}` })) : null,
  }));
}
