/** Each subset of a DestinationRule selects at least one pod: its labels (with the ServiceEntry's
 *  workloadSelector) match some Pod, or the pod template of a Deployment/StatefulSet/DaemonSet/ReplicaSet
 *  (a product decision: the files stand for the cluster). Like istioctl, pods of any namespace count.
 *  A subset no VirtualService routes to is reported as information only (Bookinfo's DestinationRules
 *  define subsets for versions it does not deploy, istio/istio.io#17329; Kiali lowers it the same way).
 *  Mirrors istioctl analyze destinationrule/subset.go: IST0173. Skipped when the host is unknown
 *  (IST0174 covers it) or the workspace has no workload at all. */
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { fqdnOf, namedDestinations, registryKnown, workloadsKnown } from '../common/destinations';
import { checkable } from '../common/istioReport';
import { labelsMatch } from '../../../workspace/hosts';
import { formatLabels } from '../../../routing/destinations';

const TOPOLOGY = /^(topology\.kubernetes\.io\/|topology\.istio\.io\/|kubernetes\.io\/hostname$)/;

export const destinationRuleSubsetPods: Analyzer = {
  name: 'destinationrule.subsetPods',
  reads: ['DestinationRule', 'Pod', 'Deployment', 'Service', 'ServiceEntry'],
  scope: 'resource',
  run(ctx) {
    if (!workloadsKnown(ctx) || !registryKnown(ctx)) return;
    const used = new Set<string>();
    for (const vs of ctx.snap.virtualServices) {
      for (const d of namedDestinations(vs)) if (d.subset) used.add(`${fqdnOf(ctx.snap, d.host, vs.meta.namespace)}|${d.subset}`);
    }
    for (const dr of checkable(ctx, 'DestinationRule')) {
      if (!dr.host) continue;
      const fqdn = fqdnOf(ctx.snap, dr.host, dr.meta.namespace);
      const svcs = ctx.snap.servicesByHost(fqdn);
      if (!svcs.length) continue;
      const se = svcs.find((s) => s.source.kind === 'ServiceEntry')?.source;
      const base = se?.kind === 'ServiceEntry' ? se.workloadSelector ?? {} : {};
      // A ServiceEntry without workloadSelector has endpoints of its own, not pods.
      if (svcs.every((s) => s.source.kind === 'ServiceEntry') && !(se?.kind === 'ServiceEntry' && se.workloadSelector)) continue;
      for (const subset of dr.subsets) {
        if (!subset.name) continue;
        // Topology labels come from the pod's node, which the files rarely describe: they are not held against the subset.
        const selector = Object.fromEntries(Object.entries({ ...base, ...subset.labels }).filter(([k, v]) => !(TOPOLOGY.test(k) && v !== '')));
        if (ctx.snap.workloads.some((w) => labelsMatch(selector, w.labels))) continue;
        const routed = svcs.some((s) => used.has(`${s.hostname}|${subset.name}`)) || used.has(`${fqdn}|${subset.name}`);
        const text = routed
          ? `Subset ${subset.name} selects no pods (labels ${formatLabels(subset.labels)}): traffic routed to it fails with 503 UH (no healthy upstream)`
          : `Subset ${subset.name} selects no pods (labels ${formatLabels(subset.labels)}); no VirtualService routes to it yet, but traffic sent to it would fail with 503 UH`;
        ctx.report(message(T.subsetSelectsNoPods, text, routed ? undefined : 'info'), dr.meta, ['spec', 'subsets', subset.index, subset.labels && Object.keys(subset.labels).length ? 'labels' : 'name']);
      }
    }
  },
};
