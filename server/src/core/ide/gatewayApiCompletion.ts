import type { KubernetesGateway, Listener } from '../gatewayapi/types';
import type { Snapshot } from '../workspace/snapshot';
import type { CompletionSite } from './completionContext';
import type { Reference } from './referenceTable';
import { schemaAt } from './schema';
import type { CompletionItem } from './types';

/** Completion of Gateway API values from the workspace: the parents a parentRef can name (Gateways,
 *  Services for GAMMA), their listeners by name or port, route hostnames the attached listeners
 *  accept, backendRef Service names, and filter types Istio converts. */

type Of<T extends Reference['to']> = Extract<Reference, { to: T }>;

function item(site: CompletionSite, label: string, detail: string, i: number, documentation?: string): CompletionItem {
  return { label, kind: 'reference', detail, documentation, insertText: label, replace: site.replace, sortText: String(i).padStart(4, '0') };
}

function listenerText(l: Listener): string {
  return `port ${l.port ?? '?'} ${l.protocol}${l.hostname ? `, hostname ${l.hostname}` : ''}`;
}

function gatewayOf(snap: Snapshot, ref: string): KubernetesGateway | undefined {
  return snap.kubernetesGateways().get(ref);
}

/** Gateway API Gateways (or Services, for a GAMMA parentRef) of the parentRef's namespace. */
export function parentItems(snap: Snapshot, site: CompletionSite, ref: Of<'parent'>): CompletionItem[] {
  if (ref.kind === 'Service') return serviceNameItems(snap, site, ref.namespace);
  const gateways = [...snap.kubernetesGateways().values()].filter((g) => g.meta.namespace === ref.namespace && g.meta.name);
  return gateways.map((g, i) => item(site, g.meta.name, `Gateway ${g.meta.namespace}/${g.meta.name} (class ${g.gatewayClassName || '?'})`, i,
    g.listeners.map((l) => `- \`${l.name}\`: ${listenerText(l)}`).join('\n') || 'no listeners'));
}

/** The listeners of the Gateway a parentRef names: their names (sectionName) or ports. */
export function listenerItems(snap: Snapshot, site: CompletionSite, ref: Of<'listener'>): CompletionItem[] {
  const listeners = gatewayOf(snap, ref.gateway)?.listeners ?? [];
  if (ref.by === 'name') return listeners.filter((l) => l.name).map((l, i) => item(site, l.name, `listener of ${ref.gateway}: ${listenerText(l)}`, i));
  const ports = [...new Set(listeners.flatMap((l) => (l.port === undefined ? [] : [l.port])))];
  return ports.map((p, i) => item(site, String(p), `listeners ${listeners.filter((l) => l.port === p).map((l) => l.name).join(', ')} of ${ref.gateway}`, i));
}

/** Hostnames of the listeners a route's parentRefs select (by sectionName and port, when written):
 *  a route hostname must intersect one of them to attach (conversion.go referenceAllowed). */
export function routeHostnameItems(snap: Snapshot, site: CompletionSite, ref: Of<'routeHostname'>): CompletionItem[] {
  const seen = new Map<string, string>();
  for (const p of ref.parents) {
    for (const l of gatewayOf(snap, `${p.namespace}/${p.name}`)?.listeners ?? []) {
      if (!l.hostname || (p.sectionName && p.sectionName !== l.name) || (p.port !== undefined && p.port !== l.port)) continue;
      if (!seen.has(l.hostname)) seen.set(l.hostname, `listener ${l.name} of ${p.namespace}/${p.name}`);
    }
  }
  // An unquoted `*` would start a YAML alias.
  return [...seen].map(([h, detail], i) => ({ ...item(site, h, detail, i), insertText: h.startsWith('*') ? `"${h}"` : h }));
}

/** Kubernetes Services of a namespace, by name (a backendRef or parentRef names a Service, not a host). */
export function serviceNameItems(snap: Snapshot, site: CompletionSite, namespace: string): CompletionItem[] {
  return snap.services.filter((s) => s.meta.namespace === namespace && s.meta.name).map((s, i) =>
    item(site, s.meta.name, `Service ${s.meta.namespace}/${s.meta.name}`, i, `ports: ${s.ports.map((p) => `${p.port}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none'}`));
}

/** Filter types: those Istio converts first, then the API's others, which make Istio drop the route. */
export function filterTypeItems(site: CompletionSite, path: (string | number)[], ref: Of<'filterType'>): CompletionItem[] {
  const all = schemaAt(site.kind, path)?.enum ?? [];
  const others = all.filter((t) => !ref.supported.includes(t));
  return [
    ...ref.supported.map((t, i) => ({ ...item(site, t, 'converted by Istio', i), kind: 'enum' as const })),
    ...others.map((t, i) => ({ ...item(site, t, '⚠ Istio does not support it: the whole route is dropped', 100 + i), kind: 'enum' as const })),
  ];
}
