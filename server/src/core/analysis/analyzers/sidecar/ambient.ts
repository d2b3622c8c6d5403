/** A Sidecar has no effect on workloads in ambient mode: they run without a sidecar proxy. A
 *  namespace-wide Sidecar (no workloadSelector labels) in a namespace labelled for ambient, or a
 *  Sidecar whose workloadSelector selects an ambient workload, is reported once.
 *  Mirrors istioctl analyze sidecar/selector.go SelectorAnalyzer.Analyze (IST0167 IneffectivePolicy);
 *  which namespaces and pods are ambient: common/ambient.ts. */
import { formatLabels } from '../../../routing/destinations';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { namespaceInAmbientMode, workloadInAmbientMode } from '../common/ambient';
import { checkable, hasKeys } from '../common/istioReport';

export const sidecarAmbient: Analyzer = {
  name: 'sidecar.ambient',
  reads: ['Sidecar', 'Namespace', 'Pod', 'Deployment'],
  run(ctx) {
    for (const sc of checkable(ctx, 'Sidecar')) {
      const ns = sc.meta.namespace;
      if (!sc.workloadSelector || !hasKeys(sc.workloadSelector)) {
        if (!namespaceInAmbientMode(ctx.snap, ns)) continue;
        const at = sc.meta.raw.spec ? (['spec'] as const) : (['metadata', 'name'] as const);
        ctx.report(message(T.ineffectivePolicy, `The policy has no impact: namespace ${ns} is in ambient mode (istio.io/dataplane-mode: ambient), its workloads run without a sidecar`), sc.meta, [...at], { at: at[0] === 'spec' ? 'key' : 'value' });
        continue;
      }
      const ambient = ctx.snap.selectWorkloads(ns, sc.workloadSelector).find((w) => workloadInAmbientMode(ctx.snap, w));
      if (!ambient) continue;
      ctx.report(message(T.ineffectivePolicy, `The policy has no impact: the selected workload ${ambient.kind} ${ambient.namespace}/${ambient.name} (${formatLabels(sc.workloadSelector)}) is in ambient mode, without a sidecar`), sc.meta, ['spec', 'workloadSelector', 'labels']);
    }
  },
};
