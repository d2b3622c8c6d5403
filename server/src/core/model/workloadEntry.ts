/** An Istio WorkloadEntry (a VM or other non-Kubernetes endpoint). Not modelled as a workload: the
 *  analyzers read its status only. */
import type { ResourceMeta } from './resource';

export interface WorkloadEntry {
  kind: 'WorkloadEntry';
  meta: ResourceMeta;
}

export function lowerWorkloadEntry(meta: ResourceMeta): WorkloadEntry {
  return { kind: 'WorkloadEntry', meta };
}
