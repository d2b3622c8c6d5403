import type { DestinationRule } from '../model/destinationRule';
import type { Subset } from '../model/istioTypes';
import type { Workload } from '../model/workload';
import { effectiveTrafficPolicy } from '../routing/trafficPolicy';
import { labelsMatch } from '../workspace/hosts';
import { destinationRulesNamingHost } from '../workspace/destinationRulesForHost';
import type { RegistryService, Snapshot } from '../workspace/snapshot';
import { sameResource } from './context';
import { destinationUses, gatewayUses, useLabel } from './uses';
import { fqdnOf, workloadsOf } from './workspaceFacts';

/** Hover texts for the things routes point at: services, subsets, DestinationRules, pods, gateways. */

function labels(l: Record<string, string> | undefined): string {
  const e = Object.entries(l ?? {});
  return e.length ? e.map(([k, v]) => `\`${k}=${v}\``).join(', ') : '*(none)*';
}

function podList(pods: Workload[]): string {
  if (!pods.length) return '*(none in the workspace)*';
  return pods.map((w) => `\`${w.namespace}/${w.name}\`${w.ip ? ` ${w.ip}` : ''}${w.fromTemplate ? ` (${w.kind} template)` : ''}${w.ready ? '' : ` ⚠ not ready: ${w.notReadyReason}`}`).join(', ');
}

function usesList(snap: Snapshot, fqdn: string, subsets?: string[]): string[] {
  const uses = destinationUses(snap, fqdn).filter((u) => subsets === undefined || (u.subset !== undefined && subsets.includes(u.subset)));
  if (!uses.length) return ['', 'No VirtualService route sends traffic here.'];
  return ['', 'Routed here by:', ...uses.map((u) => `- ${useLabel(u)}`)];
}

export function serviceHover(snap: Snapshot, svc: RegistryService, withRoutes: boolean): string {
  const src = svc.source;
  const lines = [`**${src.kind} ${src.meta.namespace}/${src.meta.name}** → \`${svc.hostname}\``, ''];
  lines.push(`ports: ${svc.ports.map((p) => `\`${p.port}\`${p.name ? ` ${p.name}` : ''} (${p.protocol.toUpperCase()})`).join(', ') || '*(none)*'}  `);
  if (src.kind === 'Service') {
    lines.push(`selector: ${src.selector ? labels(src.selector) : '*(none: endpoints managed by hand)*'}  `);
    lines.push(`endpoints: ${src.selector ? podList(workloadsOf(snap, svc).filter((w) => w.ready)) : '*(not in the workspace)*'}`);
  } else {
    lines.push(`resolution: ${src.resolution ?? 'NONE'}, location: ${src.location ?? 'MESH_EXTERNAL'}  `);
    const eps = src.workloadSelector ? podList(workloadsOf(snap, svc)) : src.endpoints.map((e) => `\`${e.address ?? '?'}\``).join(', ');
    lines.push(`endpoints: ${eps || '*(none)*'}`);
  }
  if (withRoutes) lines.push(...usesList(snap, svc.hostname));
  return lines.join('\n');
}

export function subsetHover(snap: Snapshot, dr: DestinationRule, subset: Subset, svc: RegistryService | undefined): string {
  const pods = workloadsOf(snap, svc).filter((w) => labelsMatch(subset.labels, w.labels));
  const port = svc?.ports[0]?.port ?? 0;
  const policy = effectiveTrafficPolicy(dr.trafficPolicy, subset.trafficPolicy, port);
  const lines = [`**subset ${subset.name}** of DestinationRule ${dr.meta.namespace}/${dr.meta.name} (host \`${dr.host}\`)`, ''];
  lines.push(`labels: ${labels(subset.labels)}  `);
  lines.push(`pods: ${svc ? podList(pods) : '*(the host is not a known service)*'}`);
  lines.push('', `effective traffic policy${port ? ` (port ${port})` : ''}: ${policy ? `\`${JSON.stringify(policy)}\`` : 'Istio defaults (LEAST_REQUEST)'}`);
  lines.push(...usesList(snap, fqdnOf(snap, dr.host, dr.meta.namespace), [subset.name]));
  return lines.join('\n');
}

export function destinationRuleHover(snap: Snapshot, dr: DestinationRule): string {
  const fqdn = fqdnOf(snap, dr.host, dr.meta.namespace);
  const lines = [`**DestinationRule ${dr.meta.namespace}/${dr.meta.name}** for \`${fqdn}\``, ''];
  lines.push(`subsets: ${dr.subsets.map((s) => `\`${s.name}\` ${labels(s.labels)}`).join('; ') || '*(none)*'}`);
  lines.push(...usesList(snap, fqdn, dr.subsets.map((s) => s.name)));
  return lines.join('\n');
}

/** Routes that send traffic to a pod: through each Service selecting it, with subsets whose labels it carries. */
export function workloadHover(snap: Snapshot, w: Workload): string {
  const lines = [`**${w.kind} ${w.namespace}/${w.name}** ${labels(w.labels)}`, ''];
  const services = snap.allRegistryServices().filter((s) => workloadsOf(snap, s).some((x) => sameResource(x, w)));
  if (!services.length) lines.push('No Service in the workspace selects it.');
  for (const s of services) {
    lines.push(`Service \`${s.hostname}\`:`);
    const uses = destinationUses(snap, s.hostname).filter((u) => {
      if (!u.subset) return true;
      const sub = destinationRulesNamingHost(snap, s.hostname).flatMap((d) => d.subsets).find((x) => x.name === u.subset);
      return !!sub && labelsMatch(sub.labels, w.labels);
    });
    if (!uses.length) lines.push('- no VirtualService route; plain Service routing reaches it');
    for (const u of uses) lines.push(`- ${useLabel(u)}`);
  }
  return lines.join('\n');
}

export function gatewayHover(snap: Snapshot, ns: string, name: string): string {
  const gw = snap.gateways.find((g) => g.meta.namespace === ns && g.meta.name === name);
  if (!gw) return `**Gateway ${ns}/${name}** ⚠ not in the workspace`;
  const lines = [`**Gateway ${ns}/${name}** selector ${labels(gw.selector)}`, ''];
  for (const s of gw.servers) lines.push(`- port ${s.port.number ?? '?'} ${s.port.protocol ?? ''}: ${s.hosts.map((h) => `\`${h}\``).join(', ')}`);
  const uses = gatewayUses(snap, `${ns}/${name}`);
  lines.push('', uses.length ? `Bound VirtualServices: ${[...new Set(uses.map((u) => `${u.vs.meta.namespace}/${u.vs.meta.name}`))].join(', ')}` : 'No VirtualService binds to it.');
  return lines.join('\n');
}
