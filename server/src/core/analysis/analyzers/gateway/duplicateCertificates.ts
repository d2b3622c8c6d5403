/** Two Gateways on the same workload serving the same certificate: browsers reuse one HTTP/2
 *  connection for every host the certificate covers, and the gateway answers a request for the other
 *  Gateway's host on that connection with 404 (envoyproxy/envoy#6767).
 *  Mirrors istioctl analyze gateway/certificate.go CertificateAnalyzer (IST0138): a Gateway is compared
 *  with every other Gateway, of any namespace, whose selector includes all of its selector's labels
 *  (an empty selector includes every Gateway; getGatewaysWithSelector, selectorSubset); two TLS
 *  servers share a certificate when both name the same credentialName, or both name none and the
 *  same serverCertificate and privateKey files (haveSameCertificate). Ports do not matter. */
import type { Gateway, GatewayServer } from '../../../model/gateway';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

type Tls = NonNullable<GatewayServer['tls']>;

function sameCertificate(a: Tls, b: Tls): boolean {
  if (a.credentialName && b.credentialName) return a.credentialName === b.credentialName;
  if (a.credentialName || b.credentialName) return false;
  return !!a.serverCertificate && a.serverCertificate === b.serverCertificate && !!a.privateKey && a.privateKey === b.privateKey;
}

/** Every label of `inner` is in `outer` with the same value. */
function selectorWithin(inner: Record<string, string>, outer: Record<string, string>): boolean {
  return Object.entries(inner).every(([k, v]) => Object.hasOwn(outer, k) && outer[k] === v);
}

function certificateOf(tls: Tls): string {
  return tls.credentialName ? `credentialName "${tls.credentialName}"` : `serverCertificate ${tls.serverCertificate}`;
}

function certificatePath(s: GatewayServer): (string | number)[] {
  return ['spec', 'servers', s.index, 'tls', s.tls?.credentialName ? 'credentialName' : 'serverCertificate'];
}

const id = (g: Gateway) => `${g.meta.namespace}/${g.meta.name}`;

export const gatewayDuplicateCertificates: Analyzer = {
  name: 'gateway.duplicateCertificates',
  reads: ['Gateway'],
  run(ctx) {
    const gateways = checkable(ctx, 'Gateway');
    for (const gw of gateways) {
      for (const other of gateways) {
        if (id(other) === id(gw) || !selectorWithin(gw.selector, other.selector)) continue;
        for (const s of gw.servers) {
          const o = other.servers.find((x) => s.tls && x.tls && sameCertificate(s.tls, x.tls));
          if (!s.tls || !o) continue;
          ctx.report(message(T.gatewayDuplicateCertificate, `Gateways ${id(gw)} and ${id(other)} serve the same certificate (${certificateOf(s.tls)}) on the workloads of this Gateway's selector: a client that reuses an HTTP/2 connection for the hosts of both gets 404s`), gw.meta, certificatePath(s), {
            related: [ctx.related(other.meta, certificatePath(o), `Gateway ${id(other)} serves the same certificate`)],
          });
        }
      }
    }
  },
};
