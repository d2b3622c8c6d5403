import { arr, obj, str, strList, strMap } from './coerce';
import type { Subset } from './istioTypes';
import type { ResourceMeta } from './resource';

export interface DestinationRule {
  kind: 'DestinationRule';
  meta: ResourceMeta;
  host: string;
  trafficPolicy?: Record<string, unknown>;
  subsets: Subset[];
  exportTo: string[];
  workloadSelector?: Record<string, string>;
}

export function lowerDestinationRule(meta: ResourceMeta): DestinationRule {
  const spec = obj(meta.raw.spec) ?? {};
  const ws = obj(spec.workloadSelector);
  return {
    kind: 'DestinationRule',
    meta,
    host: str(spec.host) ?? '',
    trafficPolicy: obj(spec.trafficPolicy),
    subsets: arr(spec.subsets).map((s, index) => {
      const o = obj(s) ?? {};
      return { index, name: str(o.name) ?? '', labels: strMap(o.labels), trafficPolicy: obj(o.trafficPolicy) };
    }),
    exportTo: strList(spec.exportTo),
    workloadSelector: ws ? strMap(ws.matchLabels) : undefined,
  };
}
