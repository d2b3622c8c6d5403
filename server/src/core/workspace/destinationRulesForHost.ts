/** The DestinationRules of the whole workspace whose host covers a FQDN, in any namespace: what a
 *  host or subset written in a config can refer to (for some client), as the analyzers and the
 *  editor ask it. The rules one client actually sees, with exportTo and the namespace order of
 *  push_context.go destinationRule, are routing/destinationRules.ts findDestinationRule. */
import type { DestinationRule } from '../model/destinationRule';
import { hostMatches, isWildcard, resolveShortname } from './hosts';
import { KeptIndex } from './keptIndex';
import type { Snapshot } from './snapshot';

/** Rules whose host is the FQDN or a wildcard covering it (`*.default.svc.cluster.local`), in
 *  workspace order. */
export function destinationRulesForHost(snap: Snapshot, fqdn: string): DestinationRule[] {
  const rules = snap.destinationRules;
  const { exact, wildcard } = rulesIndex.get(rules, snap.options.clusterDomain);
  // Asked for every destination with a subset: without wildcard rules the exact list (built in
  // workspace order) is the answer, with no merge and sort.
  if (!wildcard.length) return (exact.get(fqdn) ?? []).map((x) => rules[x.order]);
  const matches = (w: RuleEntry) => hostMatches(w.fqdn, fqdn) || w.fqdn === fqdn;
  const found = [...(exact.get(fqdn) ?? []), ...wildcard.filter(matches)];
  return found.sort((a, b) => a.order - b.order).map((x) => rules[x.order]);
}

/** Rules whose host, as a FQDN, is exactly `fqdn` (a wildcard host only when `fqdn` is the same wildcard). */
export function destinationRulesNamingHost(snap: Snapshot, fqdn: string): DestinationRule[] {
  return destinationRulesForHost(snap, fqdn).filter((dr) => hostOf(dr, snap.options.clusterDomain) === fqdn);
}

/** destinationRulesForHost with the rules naming the host itself first, then the wildcards. */
export function destinationRulesExactFirst(snap: Snapshot, fqdn: string): DestinationRule[] {
  const all = destinationRulesForHost(snap, fqdn);
  const domain = snap.options.clusterDomain;
  const exact = all.filter((dr) => hostOf(dr, domain) === fqdn);
  return exact.length === all.length ? exact : [...exact, ...all.filter((dr) => hostOf(dr, domain) !== fqdn)];
}

function hostOf(dr: DestinationRule, domain: string): string {
  return resolveShortname(dr.host, dr.meta.namespace, domain);
}

interface RuleEntry {
  fqdn: string;
  /** Position in the snapshot's DestinationRules. */
  order: number;
}

/** So that each destination is one look-up rather than a scan of every DestinationRule. Not in
 *  `snap.memo`, which incremental analysis cannot see through: the list is read through the snapshot.
 *  It holds positions, so it is kept while the rules are the same lowerings, even moved by an edit above. */
const rulesIndex = new KeptIndex((rules: readonly DestinationRule[], domain) => {
  const exact = new Map<string, RuleEntry[]>();
  const wildcard: RuleEntry[] = [];
  rules.forEach((dr, order) => {
    if (!dr.host) return;
    const entry = { fqdn: hostOf(dr, domain), order };
    if (isWildcard(entry.fqdn)) wildcard.push(entry);
    else {
      const list = exact.get(entry.fqdn);
      if (list) list.push(entry);
      else exact.set(entry.fqdn, [entry]);
    }
  });
  return { exact, wildcard };
}, (dr) => dr.meta.raw);
