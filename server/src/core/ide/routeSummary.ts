import type { HttpMatch, HttpRoute, L4Match, L4Route, StringMatch } from '../model/istioTypes';
import type { VirtualService } from '../model/virtualService';
import type { DestinationContext, ResolvedDestination } from '../routing/destinations';
import { weightedBackends } from '../routing/backends';
import { backendsOf } from '../routing/fromVirtualService';
import { isCatchAll, routeMatchOf } from '../routing/match';
import { vsHosts } from '../routing/selection';
import { Trace } from '../routing/trace';
import type { Snapshot } from '../workspace/snapshot';

/** Every route of a VirtualService in evaluation order, summarised with the routing engine's own
 *  destination resolution (shares, clusters, endpoints), for previews, lenses and outlines. */
export interface RouteRow {
  protocol: 'http' | 'tcp' | 'tls';
  index: number;
  name?: string;
  conditions: string;
  action: string;
  destinations: ResolvedDestination[];
  /** Set when an earlier route catches every request first. */
  unreachable?: string;
}

function strMatch(m: StringMatch): string {
  switch (m.kind) {
    case 'exact': return `= \`${m.value}\``;
    case 'prefix': return `prefix \`${m.value}\``;
    case 'regex': return `~ \`${m.value}\``;
    default: return 'present';
  }
}

function matchText(m: HttpMatch): string {
  const parts: string[] = [];
  if (m.uri) parts.push(`uri ${strMatch(m.uri)}${m.ignoreUriCase ? ' (any case)' : ''}`);
  if (m.method) parts.push(`method ${strMatch(m.method)}`);
  if (m.scheme) parts.push(`scheme ${strMatch(m.scheme)}`);
  if (m.authority) parts.push(`authority ${strMatch(m.authority)}`);
  for (const [k, v] of Object.entries(m.headers)) parts.push(`header ${k} ${strMatch(v)}`);
  for (const [k, v] of Object.entries(m.withoutHeaders)) parts.push(`no header ${k} ${strMatch(v)}`);
  for (const [k, v] of Object.entries(m.queryParams)) parts.push(`query ${k} ${strMatch(v)}`);
  if (m.port) parts.push(`port ${m.port}`);
  const labels = Object.entries(m.sourceLabels);
  if (labels.length) parts.push(`from ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  if (m.sourceNamespace) parts.push(`from namespace ${m.sourceNamespace}`);
  if (m.gateways.length) parts.push(`via ${m.gateways.join(',')}`);
  return parts.join(' and ') || 'any request';
}

function l4MatchText(m: L4Match): string {
  const parts: string[] = [];
  if (m.sniHosts.length) parts.push(`SNI ${m.sniHosts.join(',')}`);
  if (m.port) parts.push(`port ${m.port}`);
  if (m.destinationSubnets.length) parts.push(`to ${m.destinationSubnets.join(',')}`);
  const labels = Object.entries(m.sourceLabels);
  if (labels.length) parts.push(`from ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  if (m.sourceNamespace) parts.push(`from namespace ${m.sourceNamespace}`);
  if (m.gateways.length) parts.push(`via ${m.gateways.join(',')}`);
  return parts.join(' and ') || 'any connection';
}

export function conditionsOf(route: HttpRoute | L4Route, protocol: 'http' | 'tcp' | 'tls'): string {
  if (!route.match) return protocol === 'http' ? 'any request' : 'any connection';
  return route.match.map((m) => (protocol === 'http' ? matchText(m as HttpMatch) : l4MatchText(m as L4Match))).join(' **or** ');
}

function actionOf(r: HttpRoute): string {
  if (r.redirect) return `redirect ${r.redirect.redirectCode ?? 301}${r.redirect.uri ? ` to \`${r.redirect.uri}\`` : ''}`;
  if (r.directResponse) return `respond ${r.directResponse.status ?? ''}`.trim();
  if (r.delegate) return `delegate to ${r.delegate.namespace ? `${r.delegate.namespace}/` : ''}${r.delegate.name}`;
  const extras = [r.rewrite?.uri !== undefined ? `rewrite uri \`${r.rewrite.uri}\`` : '', r.timeout ? `timeout ${r.timeout}` : '', r.fault ? 'fault injection' : ''].filter(Boolean);
  return ['route', ...extras].join(', ');
}

/** A route without conditions a proxy filters by (source, gateway, port) that matches every request. */
function catchesAll(r: HttpRoute | L4Route, protocol: string): boolean {
  if (!r.match) return true;
  if (protocol !== 'http') return false;
  return (r.match as HttpMatch[]).some((m) => isCatchAll(routeMatchOf(m)) && !m.port && !m.gateways.length && !m.sourceNamespace && !Object.keys(m.sourceLabels).length);
}

export function destinationContext(snap: Snapshot, vs: VirtualService): DestinationContext {
  const host = vsHosts(snap, vs).map((h) => snap.serviceByHost(h)).find(Boolean);
  return {
    snap, client: { namespace: vs.meta.namespace, labels: {} }, listenerPort: host?.ports[0]?.port ?? 80,
    portRule: 'onlyPortElseListener', trace: new Trace(),
  };
}

/** The rows of a VirtualService, made once per snapshot (a lens per route reads them), and the http
 *  rows by route index. */
function rowsOf(snap: Snapshot, vs: VirtualService): { rows: readonly RouteRow[]; http: ReadonlyMap<number, RouteRow> } {
  const cache = snap.memo('ide.routeRows', () => new WeakMap<VirtualService, { rows: readonly RouteRow[]; http: ReadonlyMap<number, RouteRow> }>());
  let entry = cache.get(vs);
  if (!entry) {
    const rows = computeRouteRows(snap, vs);
    cache.set(vs, (entry = { rows, http: new Map(rows.filter((r) => r.protocol === 'http').map((r) => [r.index, r])) }));
  }
  return entry;
}

export function routeRows(snap: Snapshot, vs: VirtualService): readonly RouteRow[] {
  return rowsOf(snap, vs).rows;
}

/** The row of the http route with this index. */
export function httpRouteRow(snap: Snapshot, vs: VirtualService, index: number): RouteRow | undefined {
  return rowsOf(snap, vs).http.get(index);
}

function computeRouteRows(snap: Snapshot, vs: VirtualService): RouteRow[] {
  const ctx = destinationContext(snap, vs);
  const rows: RouteRow[] = [];
  for (const protocol of ['http', 'tls', 'tcp'] as const) {
    let catchAll: number | undefined;
    for (const r of vs[protocol]) {
      const http = protocol === 'http' ? (r as HttpRoute) : undefined;
      const sendsTraffic = !http || (!http.redirect && !http.directResponse && !http.delegate);
      rows.push({
        protocol, index: r.index, name: http?.name, conditions: conditionsOf(r, protocol),
        action: http ? actionOf(http) : 'route',
        destinations: sendsTraffic ? weightedBackends(backendsOf(r.route, ['spec', protocol, r.index]), vs.meta, ['spec', protocol, r.index], ctx) : [],
        unreachable: catchAll !== undefined ? `${protocol}[${catchAll}] before it catches every request` : undefined,
      });
      if (catchAll === undefined && catchesAll(r, protocol)) catchAll = r.index;
    }
  }
  return rows;
}

/** `svc-hello` for `svc-hello.default.svc.cluster.local` in its own namespace, else the full name. */
export function shortHost(host: string, namespace: string, domain: string): string {
  const suffix = `.${namespace}.svc.${domain}`;
  return host.endsWith(suffix) ? host.slice(0, -suffix.length) : host;
}

/** The code lens line: `/v2* → svc-hello-v2 100%`. */
export function lensTitle(snap: Snapshot, vs: VirtualService, row: RouteRow): string {
  const r = vs.http[row.index];
  const m = r?.match?.[0];
  const uri = m?.uri ? (m.uri.kind === 'prefix' ? `${m.uri.value}*` : m.uri.kind === 'regex' ? `~${m.uri.value}` : m.uri.value) : undefined;
  const more = (r?.match?.length ?? 0) > 1 ? ` (+${r!.match!.length - 1} more)` : '';
  const cond = (uri ?? (m ? matchText(m).replace(/`/g, '') : '*')) + more;
  const dests = row.destinations.map((d) => `${shortHost(d.host, vs.meta.namespace, snap.options.clusterDomain)}${d.subset ? `/${d.subset}` : ''} ${d.weight}%`).join(', ');
  return `${cond} → ${dests || row.action.replace(/`/g, '')}${row.unreachable ? ' (unreachable)' : ''}`;
}
