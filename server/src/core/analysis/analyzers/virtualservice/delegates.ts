/** An http rule's `delegate` names an existing VirtualService (in `delegate.namespace`, else the
 *  root's namespace) that has no hosts and is exported to the root's namespace: Istio merges only such
 *  delegates and drops the rule otherwise (istio/istio pilot/pkg/model/virtualservice_controller.go
 *  mergeVirtualServices). IST0101 for a missing one, as a missing reference; ISL1004 (ours) for one
 *  that has hosts (the root itself, say) or is not exported to the root. */
import { arr, obj, str, strList } from '../../../model/coerce';
import type { VirtualService } from '../../../model/virtualService';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import { checkable } from '../common/istioReport';

export const delegates: Analyzer = {
  name: 'virtualservice.delegates',
  reads: ['VirtualService'],
  scope: 'resource',
  run(ctx) {
    // Read only when a rule delegates: reading every VirtualService makes any edit of one a full run.
    let index: Map<string, VirtualService> | undefined;
    const byName = () => (index ??= new Map(ctx.snap.virtualServices.map((v) => [`${v.meta.namespace}/${v.meta.name}`, v])));
    for (const vs of checkable(ctx, 'VirtualService')) {
      if (!vs.hosts.length) continue;
      arr(obj(vs.meta.raw.spec)?.http).forEach((r, i) => {
        const d = obj(obj(r)?.delegate);
        const name = str(d?.name);
        if (!d || !name) return;
        const full = `${str(d.namespace) || vs.meta.namespace}/${name}`;
        const target = byName().get(full);
        const path = ['spec', 'http', i, 'delegate', 'name'];
        if (!target) {
          const candidates = [...byName().entries()].filter(([, v]) => !v.hosts.length).map(([k]) => k);
          const guess = nearest(full, candidates);
          ctx.report(message(T.referencedNotFound, `Referenced delegate VirtualService not found: "${full}" — the rule has no routes` + (guess ? `; did you mean ${guess}?` : '')), vs.meta, path);
          return;
        }
        if (strList(obj(target.meta.raw.spec)?.hosts).length) {
          const self = target === vs;
          ctx.report(message(T.unusableDelegate, `${self ? 'This VirtualService delegates to itself' : `Delegate VirtualService ${full} has hosts`}: only a VirtualService without hosts can be a delegate, so this rule has no routes`), vs.meta, path, {
            related: self ? undefined : [ctx.related(target.meta, ['spec', 'hosts'], `the hosts of ${full}`)],
          });
          return;
        }
        const e = target.exportTo;
        if (e.length && !e.includes('*') && !e.includes(vs.meta.namespace) && !(e.includes('.') && target.meta.namespace === vs.meta.namespace)) {
          ctx.report(message(T.unusableDelegate, `Delegate VirtualService ${full} is not exported to namespace ${vs.meta.namespace} (exportTo: ${e.join(', ')}), so this rule has no routes`), vs.meta, path, {
            related: [ctx.related(target.meta, ['spec', 'exportTo'], `the exportTo of ${full}`)],
          });
        }
      });
    }
  },
};
