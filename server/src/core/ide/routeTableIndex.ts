/** The first route of a table whose match holds for a request, without trying every route: a route
 *  whose path condition is an exact path or a prefix (case-sensitive) can only match a request whose
 *  path equals that value or starts with it, so it is looked up by the request's path and its
 *  prefixes; every other route (regex, any case, no path condition) stays a candidate. Candidates
 *  are then tried in table order with the engine's own matching (routing/match.ts whyNotMatched),
 *  so the answer is the one a walk of the whole table gives. */
import { whyNotMatched } from '../routing/match';
import type { SimRequest } from '../routing/request';
import { apiOf, type Route } from '../routing/routeModel';

export interface RouteTableIndex {
  routes: readonly Route[];
  exact: Map<string, number[]>;
  prefix: Map<string, number[]>;
  /** The lengths of the prefixes in `prefix`, so a request's path is cut only at those. */
  prefixLengths: number[];
  /** Routes tried for every request, in table order. */
  always: number[];
}

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

export function indexRouteTable(routes: readonly Route[]): RouteTableIndex {
  const index: RouteTableIndex = { routes, exact: new Map(), prefix: new Map(), prefixLengths: [], always: [] };
  routes.forEach((r, i) => {
    const p = r.match?.path;
    if (!p || r.match!.ignoreCase || p.kind === 'regex' || p.kind === 'present') index.always.push(i);
    else if (p.kind === 'exact') add(index.exact, p.value, i);
    // A path_separated_prefix matches only paths that start with its value, as a prefix does.
    else add(index.prefix, p.value, i);
  });
  index.prefixLengths = [...new Set([...index.prefix.keys()].map((k) => k.length))];
  return index;
}

/** The first route whose match holds, or undefined when none does (Envoy then answers 404). */
export function firstMatchingRoute(index: RouteTableIndex, req: SimRequest): Route | undefined {
  const candidates = [...index.always, ...(index.exact.get(req.path) ?? [])];
  for (const n of index.prefixLengths) {
    if (n <= req.path.length) candidates.push(...(index.prefix.get(req.path.slice(0, n)) ?? []));
  }
  candidates.sort((a, b) => a - b);
  for (const i of candidates) {
    const r = index.routes[i];
    if (!r.match || whyNotMatched(r.match, req, apiOf(r.source)) === undefined) return r;
  }
  return undefined;
}
