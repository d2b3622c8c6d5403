/** `exportTo` values: no duplicates (`.` counts as the own namespace), each `.`, `*`, `~` (ServiceEntry)
 *  or a namespace name, `*` alone, `~` alone; a DestinationRule with a workloadSelector exports only
 *  to its own namespace. Mirrors istio/istio pkg/config/validation/validation.go validateExportTo (IST0106). */
import { strList } from '../../../model/coerce';
import type { Analyzer } from '../../analyzer';
import { isDNS1123Label } from '../../validation/names';
import { checkable, invalid } from './istioReport';

const KINDS = ['VirtualService', 'DestinationRule', 'ServiceEntry'] as const;

export const exportTo: Analyzer = {
  name: 'common.exportTo',
  reads: [...KINDS],
  scope: 'self',
  run(ctx) {
    for (const kind of KINDS) {
      for (const r of checkable(ctx, kind)) {
        const spec = (r.meta.raw.spec ?? {}) as Record<string, unknown>;
        const list = strList(spec.exportTo);
        if (!list.length) continue;
        const ns = r.meta.namespace;
        const seen = new Set<string>();
        list.forEach((e, i) => {
          const path = ['spec', 'exportTo', i];
          const key = e === '.' ? ns : e;
          if (seen.has(key)) {
            invalid(ctx, r.meta, path, key !== e ? `duplicate exportTo entry: "." is the own namespace ${ns}` : `duplicate exportTo entry "${e}"`);
            return;
          }
          if (e === '~' && kind !== 'ServiceEntry') invalid(ctx, r.meta, path, `exportTo "~" (visible to nobody) is only allowed on a ServiceEntry`);
          else if (e !== '.' && e !== '*' && e !== '~' && !isDNS1123Label(e)) invalid(ctx, r.meta, path, `exportTo "${e}" is not ".", "*" or a namespace name`);
          else seen.add(key);
        });
        if (seen.has('*') && list.length > 1) invalid(ctx, r.meta, ['spec', 'exportTo'], 'exportTo cannot mix "*" (every namespace) with other values');
        if (seen.has('~') && list.length > 1) invalid(ctx, r.meta, ['spec', 'exportTo'], 'exportTo cannot mix "~" (nobody) with other values');
        if (kind === 'DestinationRule' && spec.workloadSelector) {
          if (!seen.has(ns)) invalid(ctx, r.meta, ['spec', 'exportTo'], `a DestinationRule with a workloadSelector can only be exported to its own namespace (${ns})`);
          else if (seen.size > 1) invalid(ctx, r.meta, ['spec', 'exportTo'], 'a DestinationRule with a workloadSelector cannot have several exportTo entries');
        }
      }
    }
  },
};
