/** Sidecar selection: a workloadSelector matches some pod of the Sidecar's namespace; no pod is
 *  selected by two Sidecars; at most one Sidecar without workloadSelector per namespace.
 *  Mirrors istioctl analyze sidecar/selector.go: IST0101 (selector), IST0110, IST0111; as there, workloads
 *  and namespaces in ambient mode are left to IST0167 (sidecar/ambient.ts). The pod checks are
 *  skipped when the workspace has no workload at all. */
import type { Sidecar } from '../../../model/sidecar';
import { formatLabels } from '../../../routing/destinations';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { namespaceInAmbientMode, workloadInAmbientMode } from '../common/ambient';
import { workloadsKnown } from '../common/destinations';
import { checkable } from '../common/istioReport';

export const sidecarSelectors: Analyzer = {
  name: 'sidecar.selectors',
  reads: ['Sidecar', 'Pod', 'Deployment', 'Namespace'],
  run(ctx) {
    const sidecars = checkable(ctx, 'Sidecar');
    const withoutSelector = new Map<string, Sidecar[]>();
    const byPod = new Map<string, Sidecar[]>();
    for (const sc of sidecars) {
      if (!sc.workloadSelector) {
        withoutSelector.set(sc.meta.namespace, [...(withoutSelector.get(sc.meta.namespace) ?? []), sc]);
        continue;
      }
      if (!workloadsKnown(ctx)) continue;
      const pods = ctx.snap.selectWorkloads(sc.meta.namespace, sc.workloadSelector);
      if (!pods.length) {
        ctx.report(message(T.referencedNotFound, `Referenced selector not found: "${formatLabels(sc.workloadSelector)}" — no Pod or workload in namespace ${sc.meta.namespace} carries these labels`), sc.meta, ['spec', 'workloadSelector', 'labels']);
      }
      // A workload in ambient mode has no sidecar: sidecar.ambient reports the Sidecar instead.
      for (const p of pods) {
        if (workloadInAmbientMode(ctx.snap, p)) continue;
        const key = `${p.namespace}/${p.name}`;
        byPod.set(key, [...(byPod.get(key) ?? []), sc]);
      }
    }
    const reported = new Set<Sidecar>();
    const id = (s: Sidecar) => `${s.meta.namespace}/${s.meta.name}`;
    for (const [pod, all] of byPod) {
      const list = [...new Map(all.map((s) => [id(s), s])).values()];
      if (list.length < 2) continue;
      const names = list.map((s) => `${s.meta.namespace}/${s.meta.name}`).sort();
      for (const sc of list) {
        if (reported.has(sc)) continue;
        reported.add(sc);
        ctx.report(message(T.conflictingSidecarSelectors, `The Sidecars ${names.join(', ')} in namespace ${sc.meta.namespace} all select workload ${pod}: which one applies is undefined`), sc.meta, ['spec', 'workloadSelector'], {
          at: 'key',
          related: list.filter((o) => o !== sc).map((o) => ctx.related(o.meta, ['spec', 'workloadSelector'], `Sidecar ${o.meta.namespace}/${o.meta.name} also selects ${pod}`)),
        });
      }
    }
    for (const [ns, all] of withoutSelector) {
      const list = [...new Map(all.map((s) => [id(s), s])).values()];
      if (list.length < 2 || namespaceInAmbientMode(ctx.snap, ns)) continue;
      const names = list.map((s) => `${s.meta.namespace}/${s.meta.name}`).sort();
      for (const sc of list) {
        ctx.report(message(T.multipleSidecarsWithoutSelector, `The Sidecars ${names.join(', ')} in namespace ${ns} have no workloadSelector: only one namespace-wide Sidecar is allowed`), sc.meta, ['metadata', 'name'], {
          related: list.filter((o) => o !== sc).map((o) => ctx.related(o.meta, ['metadata', 'name'], `another namespace-wide Sidecar`)),
        });
      }
    }
  },
};
