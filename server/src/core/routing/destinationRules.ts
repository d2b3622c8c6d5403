import type { DestinationRule } from '../model/destinationRule';
import type { Subset } from '../model/istioTypes';
import { compareByCreation, compareSpecificity, hostMatches, labelsMatch, resolveShortname } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';

/** The DestinationRule(s) a client sees for a service host (push_context.go destinationRule):
 *  first the client's namespace, then the service's namespace, then the root namespace; the first
 *  level with a matching host wins entirely — nothing is merged across namespaces. Within a level
 *  the most specific host wins, and rules for the same host are merged (destination_rule.go). */
export interface VisibleDestinationRule {
  rules: DestinationRule[];
  host: string;
  level: 'client' | 'service' | 'root';
}

function drHost(dr: DestinationRule, domain: string): string {
  return resolveShortname(dr.host, dr.meta.namespace, domain);
}

function exportedTo(dr: DestinationRule, clientNs: string): boolean {
  const e = dr.exportTo;
  return e.length === 0 || e.includes('*') || e.includes(clientNs) || (e.includes('.') && dr.meta.namespace === clientNs);
}

/** Rules of the owning namespace that are local to it (exported with nothing, `*`, `.` or its own name). */
function localToNamespace(dr: DestinationRule): boolean {
  const e = dr.exportTo;
  return e.length === 0 || e.includes('*') || e.includes('.') || e.includes(dr.meta.namespace);
}

function mostSpecific(candidates: DestinationRule[], hostname: string, domain: string): { host: string; rules: DestinationRule[] } | undefined {
  const hosts = [...new Set(candidates.map((d) => drHost(d, domain)))].filter((h) => hostMatches(h, hostname) && (h === hostname || h.startsWith('*')));
  if (!hosts.length) return undefined;
  hosts.sort(compareSpecificity);
  const best = hosts[0];
  return { host: best, rules: candidates.filter((d) => drHost(d, domain) === best).sort((a, b) => compareByCreation(a.meta, b.meta)) };
}

export function findDestinationRule(snap: Snapshot, hostname: string, serviceNs: string, client: { namespace: string; labels: Record<string, string> }): VisibleDestinationRule | undefined {
  const selectorsMatter = snap.memo('dr|hasSelectors', () => snap.destinationRules.some((d) => d.workloadSelector));
  const key = `dr|${hostname}|${serviceNs}|${client.namespace}|${selectorsMatter ? JSON.stringify(client.labels) : ''}`;
  return snap.memo(key, () => computeDestinationRule(snap, hostname, serviceNs, client));
}

function computeDestinationRule(snap: Snapshot, hostname: string, serviceNs: string, client: { namespace: string; labels: Record<string, string> }): VisibleDestinationRule | undefined {
  const domain = snap.options.clusterDomain;
  const inNs = (ns: string) => snap.memo(`dr|ns|${ns}`, () => snap.destinationRules.filter((d) => d.meta.namespace === ns));
  const local = inNs(client.namespace).filter((d) => localToNamespace(d) && (!d.workloadSelector || labelsMatch(d.workloadSelector, client.labels)));
  const l1 = mostSpecific(local, hostname, domain);
  if (l1) return { ...l1, level: 'client' };
  const exported = (ns: string) => {
    const found = mostSpecific(inNs(ns).filter((d) => !d.workloadSelector), hostname, domain);
    if (!found) return undefined;
    const rules = found.rules.filter((d) => exportedTo(d, client.namespace));
    return rules.length ? { host: found.host, rules } : undefined;
  };
  if (serviceNs !== client.namespace && serviceNs !== snap.mesh.rootNamespace.value) {
    const l2 = exported(serviceNs);
    if (l2) return { ...l2, level: 'service' };
  }
  const l3 = exported(snap.mesh.rootNamespace.value);
  return l3 ? { ...l3, level: 'root' } : undefined;
}

/** The merged subset: the first definition of a name wins. */
export function findSubset(dr: VisibleDestinationRule, name: string): { rule: DestinationRule; subset: Subset } | undefined {
  for (const rule of dr.rules) {
    const subset = rule.subsets.find((s) => s.name === name);
    if (subset) return { rule, subset };
  }
  return undefined;
}

/** The top-level traffic policy of merged rules: the oldest rule that has one. */
export function topLevelPolicy(dr: VisibleDestinationRule): { rule: DestinationRule; policy: Record<string, unknown> } | undefined {
  for (const rule of dr.rules) if (rule.trafficPolicy) return { rule, policy: rule.trafficPolicy };
  return undefined;
}

/** The root namespace and where the mesh config set it, for the trace. */
export function rootNamespaceNote(snap: Snapshot): string {
  const s = snap.mesh.rootNamespace;
  return `the root namespace ${s.value}, from ${s.origin.label}`;
}
