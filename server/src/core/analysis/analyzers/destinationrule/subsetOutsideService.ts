/** A subset that a VirtualService routes to, whose labels select pods, but none of the pods behind the
 *  Service of the host (its selector and namespace): the subset's cluster has no endpoints and Envoy
 *  answers 503 (UH). istioctl's IST0173 counts any pod of any namespace and misses it. An unused subset
 *  is left alone (Bookinfo defines some for versions it does not deploy). Our check. */
import { formatLabels } from '../../../routing/destinations';
import type { Workload } from '../../../model/workload';
import { labelsMatch, serviceHostname } from '../../../workspace/hosts';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { isSubsetRouted, ruleHost, workloadsKnown } from '../common/destinations';
import { checkable, hasKeys } from '../common/istioReport';

export const subsetOutsideService: Analyzer = {
  name: 'destinationrule.subsetOutsideService',
  reads: ['DestinationRule', 'Service', 'Pod', 'Deployment', 'VirtualService'],
  scope: 'resource',
  run(ctx) {
    if (!workloadsKnown(ctx)) return;
    for (const dr of checkable(ctx, 'DestinationRule')) {
      if (!dr.host || dr.host.startsWith('*')) continue;
      const svc = ctx.snap.servicesByHost(ruleHost(ctx.snap, dr)).find((s) => s.source.kind === 'Service')?.source;
      if (svc?.kind !== 'Service' || !svc.selector || !hasKeys(svc.selector)) continue;
      const behind = ctx.snap.selectWorkloads(svc.meta.namespace, svc.selector);
      if (!behind.length) continue;
      for (const subset of dr.subsets) {
        if (!subset.name || !hasKeys(subset.labels) || anySelected(subset.labels, behind)) continue;
        // Asked last: it reads every VirtualService.
        if (!isSubsetRouted(ctx.snap, serviceHostname(svc.meta.name, svc.meta.namespace, ctx.snap.options.clusterDomain), subset.name)) continue;
        const elsewhere = ctx.snap.selectWorkloads(undefined, subset.labels);
        if (!elsewhere.length) continue; // IST0173 reports it
        const example = elsewhere[0];
        ctx.report(message(T.subsetOutsideService, `Subset ${subset.name} (${formatLabels(subset.labels)}) selects none of the pods of Service ${svc.meta.namespace}/${svc.meta.name} (${formatLabels(svc.selector)}), only others such as ${example.kind} ${example.namespace}/${example.name}: requests to the subset fail with 503`), dr.meta, ['spec', 'subsets', subset.index, 'labels'], {
          related: [ctx.related(svc.meta, ['spec', 'selector'], `the selector of Service ${svc.meta.namespace}/${svc.meta.name}`)],
        });
      }
    }
  },
};

function anySelected(selector: Record<string, string>, workloads: readonly Workload[]): boolean {
  for (const w of workloads) if (labelsMatch(selector, w.labels)) return true;
  return false;
}
