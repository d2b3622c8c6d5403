import type { VirtualService } from '../model/virtualService';
import type { ResolvedDestination } from '../routing/destinations';
import { vsGateways, vsHosts } from '../routing/selection';
import type { Snapshot } from '../workspace/snapshot';
import { sameResource } from './context';
import { routeRows, shortHost } from './routeSummary';

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

export function routePreview(snap: Snapshot, vs: VirtualService): string {
  const lines: string[] = [];
  const hosts = vsHosts(snap, vs);
  lines.push(`**VirtualService ${vs.meta.namespace}/${vs.meta.name}**`, '');
  lines.push(`hosts: ${hosts.map((h) => `\`${h}\``).join(', ') || '*(none: a delegate)*'}  `);
  lines.push(`gateways: ${vsGateways(vs).map((g) => `\`${g}\``).join(', ')}`, '');
  const rows = routeRows(snap, vs);
  if (!rows.length) lines.push('*No routes.*');
  else {
    lines.push('| route | conditions | action | destinations | pods |', '| --- | --- | --- | --- | --- |');
    for (const r of rows) {
      const name = `${r.protocol}[${r.index}]${r.name ? ` ${r.name}` : ''}`;
      const label = r.unreachable ? `~~${name}~~ ⚠ unreachable: ${r.unreachable}` : name;
      const dests = r.destinations.map((d) => destinationText(snap, vs, d)).join('<br>') || '—';
      const pods = r.destinations.map(podsText).join('<br>') || '—';
      lines.push(`| ${cell(label)} | ${cell(r.conditions)} | ${cell(r.action)} | ${dests} | ${cell(pods)} |`);
    }
  }
  const others = snap.virtualServices.filter((o) => !sameResource(o, vs) && vsHosts(snap, o).some((h) => hosts.includes(h)));
  if (others.length) {
    lines.push('', `Other VirtualServices for the same host: ${others.map((o) => `${o.meta.namespace}/${o.meta.name} (${o.meta.file.split('/').pop()})`).join(', ')}`);
  }
  return lines.join('\n');
}
