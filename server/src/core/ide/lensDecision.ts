/** Which route decides a lens's request, for every lens of a document at the cost of one simulation
 *  per route table rather than one per lens. What a request reaches before the route table (the
 *  client's proxy or the gateway, the listener by port, the virtual host by authority) does not
 *  depend on its path, method, headers or query; the table is then walked in order and the first
 *  route whose match holds decides (envoyproxy/envoy source/common/router/config_impl.cc
 *  VirtualHostImpl::getRouteFromEntries). So the first request that reaches a virtual host is
 *  simulated in full, its table kept, and every other request with the same way in is matched
 *  against that table as the engine's own evaluateHttpRoutes matches it. */
import { withRouteTableProbe } from '../routing/httpEval';
import { applyProvenance, asVirtualService } from '../routing/provenance';
import { parseRequest, type RequestInput, type SimRequest } from '../routing/request';
import { emptyResult, type SimResult } from '../routing/result';
import type { Route } from '../routing/routeModel';
import { normalizedAsMesh, simulate } from '../routing/simulate';
import { engineView } from '../workspace/engineView';
import type { Snapshot } from '../workspace/snapshot';
import { firstMatchingRoute, indexRouteTable, type RouteTableIndex } from './routeTableIndex';

/** The fields of a result that say which route decided. */
export type Decision = Pick<SimResult, 'virtualService' | 'httpRouteIndex' | 'rootVirtualService' | 'gatewayApiRoute'>;

/** A way in: the route table it ends at, or, when the simulation ended before any table (no
 *  listener, passthrough, a TCP port), the result that stands for every request taking it. */
type WayIn = { table: RouteTableIndex } | { result: Decision };

/** Everything that chooses the route table; not the path, method, headers or query. */
function wayInKey(req: SimRequest, preferFile: string | undefined): string {
  const labels = Object.entries(req.source.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([preferFile ?? '', req.scheme, req.host, req.port, req.authority, req.sni ?? '', req.gateway, req.source.namespace, req.source.workload ?? '', labels]);
}

function pick(res: SimResult): Decision {
  return { virtualService: res.virtualService, httpRouteIndex: res.httpRouteIndex, rootVirtualService: res.rootVirtualService, gatewayApiRoute: res.gatewayApiRoute };
}

/** The route that decides among a table's routes, written into a result as the simulation writes it. */
function decideByTable(table: RouteTableIndex, req: SimRequest): Decision {
  const res = emptyResult(req, []);
  const first = table.routes[0];
  if (first) res.virtualService = asVirtualService(first.source.root?.resource ?? first.source.resource);
  const r = firstMatchingRoute(table, req);
  if (r) applyProvenance(res, r.source);
  return pick(res);
}

/** Which route the engine routes `input` by, as simulated from `preferFile`; undefined for a request
 *  the engine refuses. */
export function decidingRoute(snap: Snapshot, input: RequestInput, preferFile?: string): Decision | undefined {
  let req: SimRequest;
  try {
    req = parseRequest(input);
  } catch {
    return undefined;
  }
  const ways = snap.memo('ide.lensWaysIn', () => new Map<string, WayIn>());
  const key = wayInKey(req, preferFile);
  const known = ways.get(key);
  if (known) {
    if (!('table' in known)) return known.result;
    try {
      return decideByTable(known.table, normalizedAsMesh(req, engineView(snap, preferFile).snap).req);
    } catch {
      return undefined;
    }
  }
  const tables: (readonly Route[])[] = [];
  let res: SimResult;
  try {
    res = withRouteTableProbe((routes) => tables.push(routes), () => simulate(snap, req, { preferFile }));
  } catch {
    return undefined;
  }
  // One table per simulation is what the engine walks; anything else is not reused.
  if (tables.length === 1) ways.set(key, { table: indexRouteTable(tables[0]) });
  else if (!tables.length) ways.set(key, { result: pick(res) });
  return pick(res);
}
