/** A route or mirror destination's subset is defined by a DestinationRule for its host (any namespace;
 *  a wildcard DestinationRule host such as `*.default.svc.cluster.local` counts, unlike istioctl).
 *  Points at the DestinationRule(s) of the host; offers the nearest defined subset, or adding the
 *  subset with the labels that select the intended pods.
 *  Mirrors istioctl analyze virtualservice/destinationrules.go: IST0101 (host+subset in destinationrule,
 *  mirror+subset in destinationrule). */
import type { DestinationRule } from '../../../model/destinationRule';
import type { VirtualService } from '../../../model/virtualService';
import { destinationRulesForHost } from '../../../workspace/destinationRulesForHost';
import { lineStartAt, nextLineStart } from '../../../text/lines';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import type { Fix } from '../../types';
import { lookupDestination, resolvedDestinations, ruleHostIn, type NamedDestination } from '../common/destinations';
import type { Resource } from '../../../model/kinds';
import { hostMatches } from '../../../workspace/hosts';
import type { Snapshot } from '../../../workspace/snapshot';
import { checkable } from '../common/istioReport';

/** Labels for a new subset: a label of the service's pods whose value is the subset name (version first). */
function labelsForSubset(ctx: AnalysisContext, vs: VirtualService, d: NamedDestination, subset: string): Record<string, string> {
  const svc = lookupDestination(ctx.snap, vs, d.host);
  const selector = svc?.source.kind === 'Service' ? svc.source.selector : undefined;
  const pods = svc && selector ? ctx.snap.selectWorkloads(svc.namespace, selector) : [];
  const keys = new Set<string>();
  for (const p of pods) for (const [k, v] of Object.entries(p.labels)) if (v === subset) keys.add(k);
  const key = keys.has('version') ? 'version' : [...keys].sort()[0] ?? 'version';
  return { [key]: subset };
}

/** Appends a subset to a block-style `subsets:` list of a DestinationRule. */
function addSubsetFix(ctx: AnalysisContext, dr: DestinationRule, subset: string, labels: Record<string, string>): Fix | undefined {
  const text = ctx.snap.files.get(dr.meta.file)?.source.text;
  if (text === undefined || dr.subsets.length === 0) return undefined;
  const last = ctx.span(dr.meta, ['spec', 'subsets', dr.subsets.length - 1]);
  const first = ctx.span(dr.meta, ['spec', 'subsets', 0]);
  const lineText = text.slice(lineStartAt(text, first.start), first.start);
  if (!/^\s*-\s+$/.test(lineText)) return undefined; // flow style: leave it to the user
  const dashCol = lineText.indexOf('-');
  const itemCol = lineText.length;
  const at = nextLineStart(text, Math.max(last.start, last.end - 1)) ?? text.length;
  const pad = (n: number) => ' '.repeat(n);
  const body = [`${pad(dashCol)}-${pad(itemCol - dashCol - 1)}name: ${subset}`, `${pad(itemCol)}labels:`, ...Object.entries(labels).map(([k, v]) => `${pad(itemCol + 2)}${k}: ${v}`)].join('\n') + '\n';
  const newText = at === text.length && !text.endsWith('\n') ? `\n${body}` : body;
  return { title: `Add subset ${subset} to DestinationRule ${dr.meta.namespace}/${dr.meta.name}`, edits: [{ file: dr.meta.file, span: { start: at, end: at }, newText }] };
}

export const destinationSubsets: Analyzer = {
  name: 'virtualservice.destinationSubsets',
  // Services and workloads: the labels a quick fix gives a new subset.
  reads: ['VirtualService', 'DestinationRule', 'Service', 'ServiceEntry', 'Pod', 'Deployment'],
  readsDocuments: true, // a fix's edit is made from the file's text
  scope: 'resource',
  affected: affectedVirtualServices,
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      for (const d of resolvedDestinations(ctx.snap, vs)) {
        if (!d.subset) continue;
        const fqdn = d.fqdn;
        const rules = destinationRulesForHost(ctx.snap, fqdn);
        if (rules.some((dr) => dr.subsets.some((s) => s.name === d.subset))) continue;
        const defined = [...new Set(rules.flatMap((dr) => dr.subsets.map((s) => s.name)).filter(Boolean))];
        // Short names such as v1/v2 are versions, not typos of each other: only suggest for longer names.
        const guess = nearest(d.subset, defined, d.subset.length <= 3 ? 0 : 1);
        const span = ctx.span(vs.meta, [...d.path, 'subset']);
        const what = d.kind === 'mirror' ? 'mirror+subset' : 'host+subset';
        const where = rules.length
          ? `DestinationRule ${rules.map((r) => `${r.meta.namespace}/${r.meta.name}`).join(', ')} for ${fqdn} defines ${defined.length ? `only ${defined.join(', ')}` : 'no subsets'}`
          : `no DestinationRule defines subsets for ${fqdn}`;
        const text = `Referenced ${what} in destinationrule not found: "${d.host}+${d.subset}" — ${where}` + (guess ? `; did you mean ${guess}?` : '');
        const addFix = rules.length ? addSubsetFix(ctx, rules[0], d.subset, labelsForSubset(ctx, vs, d, d.subset)) : undefined;
        const fix: Fix | undefined = guess ? { title: `Change the subset to ${guess}`, edits: [{ file: vs.meta.file, span, newText: guess }] } : addFix;
        ctx.reportSpan(message(T.referencedNotFound, text), vs.meta, span, {
          related: rules.map((r) => ctx.related(r.meta, r.subsets.length ? ['spec', 'subsets'] : ['spec', 'host'], `DestinationRule ${r.meta.namespace}/${r.meta.name} has no subset ${d.subset}`)),
          fix,
        });
      }
    }
  },
};

/** After an edit of other resources, the VirtualServices to check again: those routing to a subset of a
 *  host a changed (or moved) DestinationRule covers, before or now (whether the subset exists, the rules
 *  a finding names), and every one with findings: a fix reads the labels of the Service's workloads and
 *  the file's text where the rule ends, which an edit of the next document moves. A Namespace changed: all. */
function affectedVirtualServices(snap: Snapshot, changed: readonly Resource[], reported: (r: Resource) => boolean): VirtualService[] | undefined {
  const domain = snap.options.clusterDomain;
  const hosts = new Set<string>();
  for (const r of changed) {
    if (r.kind === 'Namespace') return undefined;
    if (r.kind === 'DestinationRule' && r.host) hosts.add(ruleHostIn(domain, r));
  }
  // As destinationRulesForHost matches a rule's host to a destination's FQDN.
  const covered = (fqdn: string) => {
    if (hosts.has(fqdn)) return true;
    for (const h of hosts) if (hostMatches(h, fqdn)) return true;
    return false;
  };
  return snap.virtualServices.filter((vs) => reported(vs) || (hosts.size && resolvedDestinations(snap, vs).some((d) => d.subset && covered(d.fqdn))));
}
