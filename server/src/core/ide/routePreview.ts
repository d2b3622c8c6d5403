import type { VirtualService } from '../model/virtualService';
import type { ResolvedDestination } from '../routing/destinations';
import { vsGateways, vsHosts } from '../routing/selection';
import type { Snapshot } from '../workspace/snapshot';
import { sameResource } from './context';
import { httpRouteRow, routeRows, shortHost, type RouteRow } from './routeSummary';

/** The route preview of a VirtualService, in markdown: every route in evaluation order with its
 *  conditions, action, destinations with their share and the pods behind them. */

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function podsText(d: ResolvedDestination): string {
  if (d.missing) return `⚠ ${d.missing}`;
  if (!d.endpoints.length) return '⚠ no ready endpoints';
  return d.endpoints.map((e) => e.pod?.split('/')[1] ?? `${e.ip ?? 'original destination'}${e.port ? `:${e.port}` : ''}`).join(', ');
}

function destinationText(snap: Snapshot, vs: VirtualService, d: ResolvedDestination): string {
  return `\`${shortHost(d.host, vs.meta.namespace, snap.options.clusterDomain)}${d.subset ? `/${d.subset}` : ''}:${d.port}\` ${d.weight}%`;
}

/** Table rows of routes: one row per destination (route, conditions and action on its first), so
 *  destinations and their pods stay apart at any width (a hover drops `<br>`). */
function tableRows(snap: Snapshot, vs: VirtualService, rows: readonly RouteRow[]): string[] {
  const out = ['| route | conditions | action | destination | pods |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const name = `${r.protocol}[${r.index}]${r.name ? ` ${r.name}` : ''}`;
    const label = r.unreachable ? `~~${name}~~ ⚠ unreachable: ${r.unreachable}` : name;
    const head = `| ${cell(label)} | ${cell(r.conditions)} | ${cell(r.action)} |`;
    if (!r.destinations.length) out.push(`${head} — | — |`);
    r.destinations.forEach((d, i) => out.push(`${i === 0 ? head : '| | | |'} ${destinationText(snap, vs, d)} | ${cell(podsText(d))} |`));
  }
  return out;
}

export function routePreview(snap: Snapshot, vs: VirtualService): string {
  const lines: string[] = [];
  const hosts = vsHosts(snap, vs);
  lines.push(`**VirtualService ${vs.meta.namespace}/${vs.meta.name}**`, '');
  lines.push(`hosts: ${hosts.map((h) => `\`${h}\``).join(', ') || '*(none: a delegate)*'}  `);
  lines.push(`gateways: ${vsGateways(vs).map((g) => `\`${g}\``).join(', ')}`, '');
  const rows = routeRows(snap, vs);
  if (!rows.length) lines.push('*No routes.*');
  else lines.push(...tableRows(snap, vs, rows));
  const others = snap.virtualServices.filter((o) => !sameResource(o, vs) && vsHosts(snap, o).some((h) => hosts.includes(h)));
  if (others.length) {
    lines.push('', `Other VirtualServices for the same host: ${others.map((o) => `${o.meta.namespace}/${o.meta.name} (${o.meta.file.split('/').pop()})`).join(', ')}`);
  }
  return lines.join('\n');
}

/** The preview of one http route (hovering its `match`, `route` or a `destination`): its
 *  conditions, then each destination with its share, subset and pods. */
export function httpRoutePreview(snap: Snapshot, vs: VirtualService, index: number): string | undefined {
  const row = httpRouteRow(snap, vs, index);
  if (!row) return undefined;
  const lines = [`**http[${index}]${row.name ? ` ${row.name}` : ''}** of VirtualService ${vs.meta.namespace}/${vs.meta.name}`, ''];
  if (row.unreachable) lines.push(`⚠ unreachable: ${row.unreachable}`, '');
  lines.push(`when: ${row.conditions}  `, `then: ${row.action}`, '');
  if (row.destinations.length) {
    lines.push('| destination | share | pods |', '| --- | --- | --- |');
    for (const d of row.destinations) {
      lines.push(`| \`${shortHost(d.host, vs.meta.namespace, snap.options.clusterDomain)}${d.subset ? `/${d.subset}` : ''}:${d.port}\` | ${d.weight}% | ${cell(podsText(d))} |`);
    }
  }
  return lines.join('\n');
}
