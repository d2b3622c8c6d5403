import type { Workload } from '../model/workload';
import type { Snapshot } from '../workspace/snapshot';
import type { CompletionSite } from './completionContext';
import { filterTypeItems, listenerItems, parentItems, routeHostnameItems, serviceNameItems, servicePortItems } from './gatewayApiCompletion';
import { referenceAt, type Reference } from './referenceTable';
import { routingTestItems } from './routingTestCompletion';
import type { CompletionItem } from './types';
import { fqdnOf, gatewayChoices, hostChoices, labelValues, serviceFor, subsetsFor, workloadsOf } from './workspaceFacts';

/** Completion items that come from the workspace: hosts, subsets, ports, gateways, labels, as the
 *  reference table (referenceTable.ts) says what the value at the path refers to. */
export function referenceItems(snap: Snapshot, site: CompletionSite, role: 'key' | 'value', valuePath: (string | number)[] = site.path): CompletionItem[] {
  const path = role === 'key' ? site.path : valuePath;
  if (role === 'value' && site.kind === 'RoutingTest') return routingTestItems(snap, site, path) ?? [];
  const ref = referenceAt({ kind: site.kind, namespace: site.namespace, path, text: '', raw: site.raw });
  if (role === 'key') return ref?.to === 'labels' ? labelKeyItems(site, labelPool(snap, ref)) : [];
  switch (ref?.to) {
    case 'labels': return labelValueItems(site, labelPool(snap, ref), ref.key);
    case 'host':
      if (ref.declaration) return [];
      return ref.serviceName ? serviceNameItems(snap, site, ref.namespace) : hostItems(snap, site, ref.wildcards);
    case 'subset': return ref.declaration ? [] : subsetItems(snap, site, ref.host);
    case 'port': return portItems(snap, site, ref.hosts, ref.namespace);
    case 'gateway': return ref.declaration ? [] : gatewayItems(snap, site);
    case 'delegate': return delegateItems(snap, site);
    case 'namespace': return namespaceItems(snap, site, ref.special);
    case 'parent': return ref.declaration ? [] : parentItems(snap, site, ref);
    case 'listener': return ref.declaration ? [] : listenerItems(snap, site, ref);
    case 'servicePort': return servicePortItems(snap, site, ref);
    case 'routeHostname': return routeHostnameItems(snap, site, ref);
    case 'filterType': return filterTypeItems(site, path, ref);
    default: return [];
  }
}

/** Namespaces the workspace's resources live in (and `.`/`*` for exportTo). */
function namespaceItems(snap: Snapshot, site: CompletionSite, special: string[]): CompletionItem[] {
  const names = snap.memo('ide.namespaces', () => [...new Set(snap.resources.map((r) => r.meta.namespace))].sort());
  return [...special, ...names].map((n, i) => ({
    label: n, kind: 'reference' as const, detail: n === '.' ? 'this namespace' : n === '*' ? 'every namespace' : 'namespace',
    insertText: /^[.*]$/.test(n) ? `"${n}"` : n, replace: site.replace, sortText: String(i).padStart(4, '0'),
  }));
}

/** Ports of the services the hosts name (a destination's host, a VirtualService's hosts for a match
 *  port, a backendRef's Service), as written in `namespace`. */
function portItems(snap: Snapshot, site: CompletionSite, hosts: string[], namespace: string): CompletionItem[] {
  const seen = new Set<number>();
  return hosts.flatMap((h) => serviceFor(snap, h, namespace)?.ports ?? []).flatMap((p, i) => {
    if (seen.has(p.port)) return [];
    seen.add(p.port);
    return [{ label: String(p.port), kind: 'reference' as const, detail: `${p.name ?? ''} ${p.protocol}`.trim(), insertText: String(p.port), replace: site.replace, sortText: String(i).padStart(3, '0') }];
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

function subsetItems(snap: Snapshot, site: CompletionSite, host: string): CompletionItem[] {
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

function gatewayItems(snap: Snapshot, site: CompletionSite): CompletionItem[] {
  return gatewayChoices(snap, site.namespace).map((g, i) => ({
    label: g.label, kind: 'reference' as const, detail: g.ref === 'mesh' ? 'every sidecar of the mesh' : `Gateway ${g.ref}`,
    insertText: g.label, replace: site.replace, sortText: String(i).padStart(3, '0'),
  }));
}

/** Where label keys and values come from: the pods of a DestinationRule's host (else its namespace's
 *  workloads), or for a client selector the workloads of the namespace (else all). */
function labelPool(snap: Snapshot, ref: Extract<Reference, { to: 'labels' }>): Workload[] {
  if (ref.of !== 'clients') {
    const pods = workloadsOf(snap, serviceFor(snap, ref.of.host, ref.namespace));
    return pods.length ? pods : [...snap.workloadsIn(ref.namespace)];
  }
  const own = snap.workloadsIn(ref.namespace);
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
