import { arr, num, obj, str, strList, strMap } from './coerce';
import type { ResourceMeta } from './resource';

export interface ServicePortSpec {
  index: number;
  name?: string;
  port: number;
  /** Service targetPort: a number, a container port name, or undefined (= port). */
  targetPort?: number | string;
  /** Kubernetes L4 protocol (TCP/UDP/SCTP) for Services; Istio protocol for ServiceEntries. */
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceEntryEndpoint {
  index: number;
  address?: string;
  ports: Record<string, number>;
  labels: Record<string, string>;
}

export interface ServiceEntry {
  kind: 'ServiceEntry';
  meta: ResourceMeta;
  hosts: string[];
  addresses: string[];
  ports: ServicePortSpec[];
  location?: string;
  resolution?: string;
  endpoints: ServiceEntryEndpoint[];
  workloadSelector?: Record<string, string>;
  exportTo: string[];
}

export function lowerServiceEntry(meta: ResourceMeta): ServiceEntry {
  const spec = obj(meta.raw.spec) ?? {};
  const ws = obj(spec.workloadSelector);
  return {
    kind: 'ServiceEntry',
    meta,
    hosts: strList(spec.hosts),
    addresses: strList(spec.addresses),
    ports: arr(spec.ports).flatMap((p, index) => {
      const o = obj(p) ?? {};
      const port = num(o.number);
      return port === undefined ? [] : [{ index, name: str(o.name), port, targetPort: num(o.targetPort), protocol: str(o.protocol) }];
    }),
    location: str(spec.location),
    resolution: str(spec.resolution),
    endpoints: arr(spec.endpoints).map((e, index) => {
      const o = obj(e) ?? {};
      const ports: Record<string, number> = {};
      for (const [k, v] of Object.entries(obj(o.ports) ?? {})) {
        const n = num(v);
        if (n !== undefined) ports[k] = n;
      }
      return { index, address: str(o.address), ports, labels: strMap(o.labels) };
    }),
    workloadSelector: ws ? strMap(ws.labels) : undefined,
    exportTo: strList(spec.exportTo),
  };
}
