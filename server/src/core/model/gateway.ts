import { arr, bool, num, obj, str, strList, strMap } from './coerce';
import type { ResourceMeta } from './resource';

export interface GatewayServer {
  index: number;
  port: { number?: number; name?: string; protocol?: string; targetPort?: number };
  hosts: string[];
  bind?: string;
  tls?: { mode?: string; httpsRedirect: boolean; credentialName?: string; serverCertificate?: string; privateKey?: string };
}

export interface Gateway {
  kind: 'Gateway';
  meta: ResourceMeta;
  selector: Record<string, string>;
  servers: GatewayServer[];
}

export function lowerGateway(meta: ResourceMeta): Gateway {
  const spec = obj(meta.raw.spec) ?? {};
  return {
    kind: 'Gateway',
    meta,
    selector: strMap(spec.selector),
    servers: arr(spec.servers).map((s, index) => {
      const o = obj(s) ?? {};
      const p = obj(o.port) ?? {};
      const tls = obj(o.tls);
      return {
        index,
        port: { number: num(p.number), name: str(p.name), protocol: str(p.protocol), targetPort: num(p.targetPort) },
        hosts: strList(o.hosts),
        bind: str(o.bind),
        tls: tls ? { mode: str(tls.mode), httpsRedirect: bool(tls.httpsRedirect) ?? false, credentialName: str(tls.credentialName), serverCertificate: str(tls.serverCertificate), privateKey: str(tls.privateKey) } : undefined,
      };
    }),
  };
}
