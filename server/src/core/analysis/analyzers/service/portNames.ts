/** A Service port whose `appProtocol` or name prefix (`http-…`, `grpc-…`, `tcp-…`) names no protocol
 *  Istio knows: Istio sniffs the protocol, and routing by protocol may not be what was meant. Ports 25,
 *  53, 3306 and 27017 are known TCP ports; UDP ports are skipped; gateway-managed Services are skipped.
 *  An ExternalName Service gets IST0150 instead, also for a port named `tcp`. Services of the system
 *  namespaces are skipped, as istioctl does.
 *  Mirrors istioctl analyze service/portname.go with pkg/config/kube/conversion.go ConvertProtocol: IST0118, IST0150. */
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { parseIstioProtocol } from '../../validation/names';
import { checkable } from '../common/istioReport';

const WELL_KNOWN = new Set([25, 53, 3306, 27017]);
const MANAGED = new Set(['istio.io-gateway-controller', 'istio.io-mesh-controller', 'istio.io-eastwest-controller']);
/** Namespaces istioctl leaves out of analysis (inject.IgnoredNamespaces and the Istio root namespace). */
const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

export function portProtocolKnown(port: number, name: string, protocol: string | undefined, appProtocol: string | undefined): boolean {
  if ((protocol ?? '').toUpperCase() === 'UDP') return true;
  let n = appProtocol ?? name;
  if (appProtocol && ['kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss'].includes(appProtocol)) return true;
  if (n.toLowerCase().startsWith('grpc-web')) return true;
  const dash = n.indexOf('-');
  if (dash >= 0) n = n.slice(0, dash);
  return parseIstioProtocol(n) !== 'Unsupported' || WELL_KNOWN.has(port);
}

export const servicePortNames: Analyzer = {
  name: 'service.portNames',
  reads: ['Service'],
  scope: 'self',
  run(ctx) {
    for (const svc of checkable(ctx, 'Service')) {
      if (MANAGED.has(svc.meta.labels['gateway.istio.io/managed'] ?? '')) continue;
      if (SYSTEM.has(svc.meta.namespace) || svc.meta.namespace === ctx.snap.mesh.rootNamespace.value) continue;
      for (const p of svc.ports) {
        const externalName = svc.type === 'ExternalName';
        if (portProtocolKnown(p.port, p.name ?? '', p.protocol, p.appProtocol) && !(externalName && p.name === 'tcp')) continue;
        if (externalName) {
          ctx.report(message(T.externalNamePortName, `Port name "${p.name ?? ''}" of an ExternalName Service must name a protocol other than plain tcp (http-…, https, tls-…), or the external traffic is treated as opaque TCP on every host`), svc.meta, ['spec', 'ports', p.index, p.name !== undefined ? 'name' : 'port']);
          continue;
        }
        ctx.report(message(T.portNameConvention, `Port name "${p.name ?? ''}" (port ${p.port}) does not tell Istio the protocol: name it <protocol>[-suffix] (http-web, grpc, tcp-db…) or set appProtocol`), svc.meta, ['spec', 'ports', p.index, p.name !== undefined ? 'name' : 'port']);
      }
    }
  },
};
