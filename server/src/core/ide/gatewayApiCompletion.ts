import type { KubernetesGateway, Listener } from '../gatewayapi/types';
import type { Snapshot } from '../workspace/snapshot';
import type { CompletionSite } from './completionContext';
import type { Reference } from './referenceTable';
import { schemaAt } from './schema';
import type { CompletionItem } from './types';
import { serviceFor } from './workspaceFacts';

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

/** The ports of the Service a GAMMA parentRef names: their names (sectionName) or numbers (port).
 *  Istio reads only `port` of a Service parent (istio/istio pilot/pkg/config/kube/gateway
 *  route_collections.go HTTPRouteCollection mesh branch, conversion.go augmentPortMatch); a sectionName
 *  limits nothing, so its items say which `port` does. An HTTPRoute or GRPCRoute on a port the
 *  sidecar routes as TCP (a tcp, tls or udp port name or appProtocol) never gets a request. */
export function servicePortItems(snap: Snapshot, site: CompletionSite, ref: Of<'servicePort'>): CompletionItem[] {
  const svc = serviceFor(snap, ref.service, ref.namespace);
  if (svc?.source.kind !== 'Service' || svc.k8sName !== ref.service) return [];
  const of = `Service ${svc.namespace}/${ref.service}`;
  const http = site.kind === 'HTTPRoute' || site.kind === 'GRPCRoute';
  const proto = (p: { protocol: string }) => (p.protocol === 'auto' ? 'protocol sniffed' : p.protocol.toUpperCase());
  const warn = (p: { protocol: string }) => (http && p.protocol !== 'http' && p.protocol !== 'auto'
    ? ` ⚠ routed as ${p.protocol.toUpperCase()} by sidecars: this route's rules never apply there` : '');
  if (ref.by === 'name') {
    return svc.ports.filter((p) => p.name).map((p, i) => item(site, p.name!, `port ${p.port} (${proto(p)}) of ${of}${warn(p)}`, i,
      `Istio does not read \`sectionName\` on a Service parent: the route applies to every HTTP port of the Service. Write \`port: ${p.port}\` to limit it to this port.`));
  }
  const seen = new Set<number>();
  return svc.ports.filter((p) => !seen.has(p.port) && seen.add(p.port)).map((p, i) =>
    item(site, String(p.port), `${p.name ? `port ${p.name}` : 'unnamed port'} (${proto(p)}) of ${of}${warn(p)}`, i,
      `The route applies only to sidecar traffic to port ${p.port} of \`${svc.hostname}\`; without \`port\` it applies to every HTTP port.`));
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
