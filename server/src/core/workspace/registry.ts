/** The service registry's entries of each Service and ServiceEntry (Snapshot.servicesByHost). */
import type { Service } from '../model/service';
import type { ServiceEntry } from '../model/serviceEntry';
import { resolveShortname, serviceHostname } from './hosts';
import { istioPortProtocol, servicePortProtocol } from './protocol';
import type { RegistryService } from './snapshot';

/** The registry entries of a Service or ServiceEntry, per lowering (its raw object, which a document
 *  keeps when an edit above it only moves it) and cluster domain: an edit that changes the length of a
 *  file re-bases every resource below it onto its moved document, and each new snapshot looks up the
 *  entries of every one of them. A moved resource gets the entries of its earlier self pointing at it. */
const entriesOf = new WeakMap<object, { domain: string; source: Service | ServiceEntry; entries: RegistryService[] }>();

export function registryEntries(source: Service | ServiceEntry, domain: string): RegistryService[] {
  const hit = entriesOf.get(source.meta.raw);
  if (hit?.domain === domain && hit.source.kind === source.kind && hit.source.meta.namespace === source.meta.namespace && hit.source.meta.name === source.meta.name) {
    if (hit.source === source) return hit.entries;
    const entries = hit.entries.map((e) => movedEntry(e, source));
    entriesOf.set(source.meta.raw, { domain, source, entries });
    return entries;
  }
  const entries = source.kind === 'Service' ? serviceEntries(source, domain) : serviceEntryEntries(source, domain);
  entriesOf.set(source.meta.raw, { domain, source, entries });
  return entries;
}

/** An entry of a resource's earlier self (same lowering, another document position) for `source`. */
function movedEntry(e: RegistryService, source: Service | ServiceEntry): RegistryService {
  const moved: RegistryService = { hostname: e.hostname, namespace: e.namespace, ports: e.ports, exportTo: e.exportTo, source };
  if (e.k8sName !== undefined) moved.k8sName = e.k8sName;
  return moved;
}

function serviceEntries(svc: Service, domain: string): RegistryService[] {
  const { name, namespace, annotations } = svc.meta;
  if (!name) return [];
  const exportTo = (annotations['networking.istio.io/exportTo'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return [{
    hostname: serviceHostname(name, namespace, domain).toLowerCase(),
    namespace,
    ports: svc.ports.map((p) => ({ port: p.port, name: p.name, protocol: servicePortProtocol(p), targetPort: p.targetPort ?? p.port, index: p.index })),
    exportTo,
    source: svc,
    k8sName: name.toLowerCase(),
  }];
}

function serviceEntryEntries(se: ServiceEntry, domain: string): RegistryService[] {
  return se.hosts.map((h) => ({
    hostname: resolveShortname(h, se.meta.namespace, domain),
    namespace: se.meta.namespace,
    ports: se.ports.map((p) => ({ port: p.port, name: p.name, protocol: istioPortProtocol(p.protocol), targetPort: p.targetPort, index: p.index })),
    exportTo: se.exportTo,
    source: se,
  }));
}

