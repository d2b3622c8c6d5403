/** Each subset of a DestinationRule selects at least one pod: its labels (with the ServiceEntry's
 *  workloadSelector) match some Pod, or the pod template of a Deployment/StatefulSet/DaemonSet/ReplicaSet
 *  (a product decision: the files stand for the cluster). Like istioctl, pods of any namespace count.
 *  A subset no VirtualService routes to is reported as information only (Bookinfo's DestinationRules
 *  define subsets for versions it does not deploy, istio/istio.io#17329; Kiali lowers it the same way).
 *  Mirrors istioctl analyze destinationrule/subset.go: IST0173. Skipped when the host is unknown
 *  (IST0174 covers it) or the workspace has no workload at all. */
import type { ServiceEntry } from '../../../model/serviceEntry';
import type { RegistryService, Snapshot } from '../../../workspace/snapshot';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { isSubsetRouted, ruleHost, registryKnown, workloadsKnown } from '../common/destinations';
import { checkable } from '../common/istioReport';
import { formatLabels } from '../../../routing/destinations';

const TOPOLOGY = /^(topology\.kubernetes\.io\/|topology\.istio\.io\/|kubernetes\.io\/hostname$)/;

export const destinationRuleSubsetPods: Analyzer = {
  name: 'destinationrule.subsetPods',
  reads: ['DestinationRule', 'Pod', 'Deployment', 'Service', 'ServiceEntry'],
  scope: 'resource',
  run(ctx) {
    if (!workloadsKnown(ctx) || !registryKnown(ctx)) return;
    for (const dr of checkable(ctx, 'DestinationRule')) {
      if (!dr.host) continue;
      const fqdn = ruleHost(ctx.snap, dr);
      const svcs = ctx.snap.servicesByHost(fqdn);
      if (!svcs.length) continue;
      // Loops rather than find/every: this runs for every DestinationRule after a Service or Pod edit.
      let se: ServiceEntry | undefined;
      let onlyEntries = true;
      for (const s of svcs) {
        if (s.source.kind === 'ServiceEntry') se ??= s.source;
        else onlyEntries = false;
      }
      const base = se?.workloadSelector;
      // A ServiceEntry without workloadSelector has endpoints of its own, not pods.
      if (onlyEntries && !base) continue;
      for (const subset of dr.subsets) {
        if (!subset.name || ctx.snap.selectWorkloads(undefined, podSelector(base, subset.labels)).length) continue;
        const routed = isRouted(ctx.snap, svcs, fqdn, subset.name);
        const text = routed
          ? `Subset ${subset.name} selects no pods (labels ${formatLabels(subset.labels)}): traffic routed to it fails with 503 UH (no healthy upstream)`
          : `Subset ${subset.name} selects no pods (labels ${formatLabels(subset.labels)}); no VirtualService routes to it yet, but traffic sent to it would fail with 503 UH`;
        ctx.report(message(T.subsetSelectsNoPods, text, routed ? undefined : 'info'), dr.meta, ['spec', 'subsets', subset.index, subset.labels && Object.keys(subset.labels).length ? 'labels' : 'name']);
      }
    }
  },
};

function isRouted(snap: Snapshot, svcs: readonly RegistryService[], fqdn: string, subset: string): boolean {
  return svcs.some((s) => isSubsetRouted(snap, s.hostname, subset)) || isSubsetRouted(snap, fqdn, subset);
}

/** Per subset's labels (of a resource object, kept by an unchanged document), without a ServiceEntry's workloadSelector. */
const selectors = new WeakMap<Record<string, string>, Record<string, string>>();

/** The labels a pod of the subset carries. Topology labels come from the pod's node, which the files
 *  rarely describe: they are not held against the subset. */
function podSelector(base: Record<string, string> | undefined, labels: Record<string, string>): Record<string, string> {
  const cached = base ? undefined : selectors.get(labels);
  if (cached) return cached;
  const selector = Object.fromEntries(Object.entries({ ...base, ...labels }).filter(([k, v]) => !(TOPOLOGY.test(k) && v !== '')));
  if (!base) selectors.set(labels, selector);
  return selector;
}
