/** The service registry's entries of each Service and ServiceEntry (Snapshot.servicesByHost). */
import type { Service } from '../model/service';
import type { ServiceEntry } from '../model/serviceEntry';
import { resolveShortname, serviceHostname } from './hosts';
import { istioPortProtocol, servicePortProtocol } from './protocol';
import type { RegistryService } from './snapshot';

/** The registry entries of a Service or ServiceEntry, per resource object and cluster domain (an edit
 *  makes a new snapshot, not new resources). */
const entriesOf = new WeakMap<Service | ServiceEntry, { domain: string; entries: RegistryService[] }>();

export function registryEntries(source: Service | ServiceEntry, domain: string): RegistryService[] {
  const hit = entriesOf.get(source);
  if (hit?.domain === domain) return hit.entries;
  const entries = source.kind === 'Service' ? serviceEntries(source, domain) : serviceEntryEntries(source, domain);
  entriesOf.set(source, { domain, entries });
  return entries;
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

