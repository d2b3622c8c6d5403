import type { DestinationRule } from '../model/destinationRule';
import type { Subset } from '../model/istioTypes';
import type { Workload } from '../model/workload';
import { destinationRulesExactFirst } from '../workspace/destinationRulesForHost';
import { fqdnOf, isWildcard, resolveGatewayName } from '../workspace/hosts';
import type { RegistryService, Snapshot } from '../workspace/snapshot';

/** Workspace look-ups shared by completion, hover and navigation. Each one reads the snapshot's
 *  indexes or one kind's list; none walks every document. */

export interface HostChoice {
  /** What to write: a short name when it resolves to the same service, else the full name. */
  label: string;
  fqdn: string;
  service: RegistryService;
}

/** Names a config in `namespace` can use for the registry's hosts: the short name (only for a Service
 *  of the same namespace, since Istio expands short names in the config's namespace) and the FQDN. */
export function hostChoices(snap: Snapshot, namespace: string, allowWildcards: boolean): HostChoice[] {
  const out: HostChoice[] = [];
  const seen = new Set<string>();
  for (const svc of snap.allRegistryServices()) {
    if (!allowWildcards && isWildcard(svc.hostname)) continue;
    if (seen.has(svc.hostname)) continue;
    seen.add(svc.hostname);
    if (svc.k8sName && svc.namespace === namespace) out.push({ label: svc.k8sName, fqdn: svc.hostname, service: svc });
    out.push({ label: svc.hostname, fqdn: svc.hostname, service: svc });
  }
  return out;
}

export { fqdnOf };

/** The registry service a host written in a config of `namespace` names. */
export function serviceFor(snap: Snapshot, host: string, namespace: string): RegistryService | undefined {
  return host ? snap.serviceByHost(fqdnOf(snap, host, namespace)) : undefined;
}

/** DestinationRules whose host covers a FQDN: exact first, then wildcards. */
export { destinationRulesExactFirst as destinationRulesFor };

export function subsetsFor(snap: Snapshot, fqdn: string): { dr: DestinationRule; subset: Subset }[] {
  return destinationRulesExactFirst(snap, fqdn).flatMap((dr) => dr.subsets.filter((s) => s.name).map((subset) => ({ dr, subset })));
}

/** Pods and workload templates a Service selects (none for a ServiceEntry without workloadSelector). */
export function workloadsOf(snap: Snapshot, svc: RegistryService | undefined): Workload[] {
  if (!svc) return [];
  const src = svc.source;
  if (src.kind === 'Service') return src.selector ? snap.selectWorkloads(src.meta.namespace, src.selector) : [];
  return src.workloadSelector ? snap.selectWorkloads(src.meta.namespace, src.workloadSelector) : [];
}

/** Label keys and values found on workloads, most frequent first. */
export function labelValues(workloads: readonly Workload[]): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>();
  for (const w of workloads) {
    for (const [k, v] of Object.entries(w.labels)) {
      const m = counts.get(k) ?? new Map<string, number>();
      m.set(v, (m.get(v) ?? 0) + 1);
      counts.set(k, m);
    }
  }
  const out = new Map<string, string[]>();
  for (const [k, m] of counts) out.set(k, [...m.keys()].sort((a, b) => m.get(b)! - m.get(a)! || (a < b ? -1 : 1)));
  return out;
}

/** Gateway references a VirtualService in `namespace` can write: `mesh`, `name` for its own namespace, `ns/name`. */
export function gatewayChoices(snap: Snapshot, namespace: string): { label: string; ref: string }[] {
  const out = [{ label: 'mesh', ref: 'mesh' }];
  for (const gw of snap.gateways) {
    const ref = `${gw.meta.namespace}/${gw.meta.name}`;
    if (gw.meta.namespace === namespace) out.push({ label: gw.meta.name, ref });
    out.push({ label: ref, ref });
  }
  return out;
}

export function findGateway(snap: Snapshot, written: string, namespace: string) {
  const ref = resolveGatewayName(written, namespace);
  return snap.gateways.find((g) => `${g.meta.namespace}/${g.meta.name}` === ref);
}
