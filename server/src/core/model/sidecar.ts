import { arr, num, obj, str, strList, strMap } from './coerce';
import type { ResourceMeta } from './resource';

export interface Sidecar {
  kind: 'Sidecar';
  meta: ResourceMeta;
  workloadSelector?: Record<string, string>;
  egress: { index: number; port?: number; hosts: string[] }[];
  outboundTrafficPolicy?: string;
}

export function lowerSidecar(meta: ResourceMeta): Sidecar {
  const spec = obj(meta.raw.spec) ?? {};
  const ws = obj(spec.workloadSelector);
  return {
    kind: 'Sidecar',
    meta,
    workloadSelector: ws ? strMap(ws.labels) : undefined,
    egress: arr(spec.egress).map((e, index) => {
      const o = obj(e) ?? {};
      return { index, port: num(obj(o.port)?.number), hosts: strList(o.hosts) };
    }),
    outboundTrafficPolicy: str(obj(spec.outboundTrafficPolicy)?.mode),
  };
}
