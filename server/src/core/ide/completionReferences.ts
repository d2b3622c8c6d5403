import type { Workload } from '../model/workload';
import type { Snapshot } from '../workspace/snapshot';
import { valueAt, type CompletionSite } from './completionContext';
import { pathEndsWith, pathIs } from './context';
import { routingTestItems } from './routingTestCompletion';
import type { CompletionItem } from './types';
import { fqdnOf, gatewayChoices, hostChoices, labelValues, serviceFor, subsetsFor, workloadsOf } from './workspaceFacts';

/** Completion items that come from the workspace: hosts, subsets, ports, gateways, labels. */
export function referenceItems(snap: Snapshot, site: CompletionSite, role: 'key' | 'value', valuePath: (string | number)[] = site.path): CompletionItem[] {
  if (role === 'key') {
    const mapPath = site.path.slice(0, -1);
    const pool = labelPool(snap, site, mapPath);
    return pool ? labelKeyItems(site, pool) : [];
  }
  const path = valuePath;
  if (site.kind === 'RoutingTest') return routingTestItems(snap, site, path) ?? [];
  const last = path.at(-1);
  if (typeof last === 'string' && path.length >= 2) {
    const pool = labelPool(snap, site, path.slice(0, -1));
    if (pool) return labelValueItems(site, pool, last);
  }
  if (site.kind === 'VirtualService') {
    if (pathIs(path, 'spec.hosts.*')) return hostItems(snap, site, true);
    if (pathEndsWith(path, 'destination.host') || pathEndsWith(path, 'mirror.host')) return hostItems(snap, site, false);
    if (pathEndsWith(path, 'destination.subset') || pathEndsWith(path, 'mirror.subset')) return subsetItems(snap, site, path.slice(0, -1));
    if (pathEndsWith(path, 'destination.port.number') || pathEndsWith(path, 'mirror.port.number')) return portItems(snap, site, path.slice(0, -2));
    if (pathIs(path, 'spec.gateways.*') || pathEndsWith(path, 'match.*.gateways.*')) return gatewayItems(snap, site);
  }
  if (site.kind === 'VirtualService') {
    if (pathEndsWith(path, 'match.*.port')) return matchPortItems(snap, site);
    if (pathEndsWith(path, 'delegate.name')) return delegateItems(snap, site);
  }
  if (site.kind === 'DestinationRule' && pathIs(path, 'spec.host')) return hostItems(snap, site, true);
  if (pathIs(path, 'spec.exportTo.*')) return namespaceItems(snap, site, ['.', '*']);
  if (pathEndsWith(path, 'sourceNamespace') || pathIs(path, 'metadata.namespace') || pathEndsWith(path, 'delegate.namespace')) return namespaceItems(snap, site, []);
  return [];
}

/** Namespaces the workspace's resources live in (and `.`/`*` for exportTo). */
function namespaceItems(snap: Snapshot, site: CompletionSite, special: string[]): CompletionItem[] {
  const names = snap.memo('ide.namespaces', () => [...new Set(snap.resources.map((r) => r.meta.namespace))].sort());
  return [...special, ...names].map((n, i) => ({
    label: n, kind: 'reference' as const, detail: n === '.' ? 'this namespace' : n === '*' ? 'every namespace' : 'namespace',
    insertText: /^[.*]$/.test(n) ? `"${n}"` : n, replace: site.replace, sortText: String(i).padStart(4, '0'),
  }));
}

/** A match port: the ports of the services the VirtualService's hosts name. */
function matchPortItems(snap: Snapshot, site: CompletionSite): CompletionItem[] {
  const hosts = (valueAt(site, ['spec', 'hosts']) as unknown[] | undefined) ?? [];
  const seen = new Set<number>();
  return hosts.flatMap((h) => serviceFor(snap, String(h), site.namespace)?.ports ?? []).flatMap((p) => {
    if (seen.has(p.port)) return [];
    seen.add(p.port);
    return [{ label: String(p.port), kind: 'reference' as const, detail: `${p.name ?? ''} ${p.protocol}`.trim(), insertText: String(p.port), replace: site.replace }];
  });
}

/** Delegate VirtualServices: those without hosts. */
function delegateItems(snap: Snapshot, site: CompletionSite): CompletionItem[] {
  return snap.virtualServices.filter((v) => v.hosts.length === 0 && v.meta.name).map((v) => ({
    label: v.meta.name, kind: 'reference' as const, detail: `VirtualService ${v.meta.namespace}/${v.meta.name} (delegate)`,
    insertText: v.meta.name, replace: site.replace,
  }));
}

function hostItems(snap: Snapshot, site: CompletionSite, allowWildcards: boolean): CompletionItem[] {
  return hostChoices(snap, site.namespace, allowWildcards).map((h) => {
    const src = h.service.source;
    const ports = h.service.ports.map((p) => `${p.port}${p.name ? ` (${p.name})` : ''}`).join(', ');
    const short = h.label !== h.fqdn;
    return {
      label: h.label,
      kind: 'reference' as const,
      detail: `${src.kind} ${src.meta.namespace}/${src.meta.name}${short ? ` → ${h.fqdn}` : ''}`,
      documentation: `**${h.fqdn}**\n\nports: ${ports || 'none'}` + (src.kind === 'Service' && src.selector ? `\n\nselector: ${fmt(src.selector)}` : ''),
      insertText: h.label,
      replace: site.replace,
      sortText: `0${short ? 0 : 1}${h.label}`,
    };
  });
}

function subsetItems(snap: Snapshot, site: CompletionSite, destPath: (string | number)[]): CompletionItem[] {
  const host = String(valueAt(site, [...destPath, 'host']) ?? '');
  if (!host) return [];
  const fqdn = fqdnOf(snap, host, site.namespace);
  const seen = new Set<string>();
  return subsetsFor(snap, fqdn).flatMap(({ dr, subset }) => {
    if (seen.has(subset.name)) return [];
    seen.add(subset.name);
    return [{
      label: subset.name,
      kind: 'reference' as const,
      detail: `subset of DestinationRule ${dr.meta.namespace}/${dr.meta.name}`,
      documentation: `labels: ${fmt(subset.labels)}`,
      insertText: subset.name,
      replace: site.replace,
      sortText: `0${String(subset.index).padStart(3, '0')}`,
    }];
  });
}

function portItems(snap: Snapshot, site: CompletionSite, destPath: (string | number)[]): CompletionItem[] {
  const host = String(valueAt(site, [...destPath, 'host']) ?? '');
  const svc = serviceFor(snap, host, site.namespace);
  return (svc?.ports ?? []).map((p, i) => ({
    label: String(p.port), kind: 'reference' as const, detail: `${p.name ?? ''} ${p.protocol}`.trim(),
    insertText: String(p.port), replace: site.replace, sortText: String(i).padStart(3, '0'),
  }));
}

function gatewayItems(snap: Snapshot, site: CompletionSite): CompletionItem[] {
  return gatewayChoices(snap, site.namespace).map((g, i) => ({
    label: g.label, kind: 'reference' as const, detail: g.ref === 'mesh' ? 'every sidecar of the mesh' : `Gateway ${g.ref}`,
    insertText: g.label, replace: site.replace, sortText: String(i).padStart(3, '0'),
  }));
}

/** Where label keys and values come from, for a labels map at `mapPath`. */
function labelPool(snap: Snapshot, site: CompletionSite, mapPath: (string | number)[]): Workload[] | undefined {
  if (site.kind === 'DestinationRule' && pathIs(mapPath, 'spec.subsets.*.labels')) {
    const host = String(valueAt(site, ['spec', 'host']) ?? '');
    const pods = workloadsOf(snap, serviceFor(snap, host, site.namespace));
    return pods.length ? pods : [...snap.workloadsIn(site.namespace)];
  }
  const clientLabels = pathEndsWith(mapPath, 'match.*.sourceLabels') || pathEndsWith(mapPath, 'workloadSelector.matchLabels') ||
    pathEndsWith(mapPath, 'workloadSelector.labels') || (site.kind === 'Service' && pathIs(mapPath, 'spec.selector')) ||
    (site.kind === 'Gateway' && pathIs(mapPath, 'spec.selector'));
  if (!clientLabels) return undefined;
  const own = snap.workloadsIn(site.namespace);
  return own.length ? [...own] : snap.workloads;
}

function labelKeyItems(site: CompletionSite, pool: Workload[]): CompletionItem[] {
  return [...labelValues(pool)].map(([k, values]) => ({
    label: k, kind: 'reference' as const, detail: `label on ${pool.filter((w) => k in w.labels).length} workload(s)`,
    documentation: `values: ${values.map((v) => `\`${v}\``).join(', ')}`,
    insertText: `${k}: `, replace: site.replace, sortText: `0${k}`, retrigger: true,
  }));
}

function labelValueItems(site: CompletionSite, pool: Workload[], key: string): CompletionItem[] {
  const values = labelValues(pool).get(key) ?? [];
  return values.map((v, i) => ({
    label: v, kind: 'reference' as const,
    detail: pool.filter((w) => w.labels[key] === v).map((w) => w.name).slice(0, 5).join(', '),
    insertText: v, replace: site.replace, sortText: String(i).padStart(3, '0'),
  }));
}

function fmt(labels: Record<string, string>): string {
  const e = Object.entries(labels);
  return e.length ? e.map(([k, v]) => `\`${k}=${v}\``).join(', ') : 'none';
}
