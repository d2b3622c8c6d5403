import { arr, num, obj, str, strMap } from './coerce';
import type { ServicePortSpec } from './serviceEntry';
import type { ResourceMeta } from './resource';

export interface Service {
  kind: 'Service';
  meta: ResourceMeta;
  /** Undefined for a Service without selector (endpoints managed by hand). */
  selector?: Record<string, string>;
  ports: ServicePortSpec[];
  clusterIP?: string;
  type?: string;
  externalName?: string;
}

export function lowerService(meta: ResourceMeta): Service {
  const spec = obj(meta.raw.spec) ?? {};
  return {
    kind: 'Service',
    meta,
    selector: obj(spec.selector) ? strMap(spec.selector) : undefined,
    ports: arr(spec.ports).flatMap((p, index) => {
      const o = obj(p) ?? {};
      const port = num(o.port);
      if (port === undefined) return [];
      const tp = o.targetPort;
      const targetPort = typeof tp === 'number' ? tp : num(tp) ?? str(tp);
      return [{ index, name: str(o.name), port, targetPort, protocol: str(o.protocol), appProtocol: str(o.appProtocol) }];
    }),
    clusterIP: str(spec.clusterIP),
    type: str(spec.type),
    externalName: str(spec.externalName),
  };
}
