/** VirtualService hosts: each a (wildcard-prefixed) DNS name or an IP; `*` alone only on gateways;
 *  no two hosts of one VirtualService overlapping (`*.foo.com` and `a.foo.com` count); at least one of
 *  http, tcp, tls; a delegate (no hosts) has no gateways, tls or tcp.
 *  Mirrors istio/istio pkg/config/validation/validation.go ValidateVirtualService (IST0106). */
import { arr, strList } from '../../../model/coerce';
import { hostMatches } from '../../../workspace/hosts';
import type { Analyzer } from '../../analyzer';
import { isIPAddress, wildcardDomainError } from '../../validation/names';
import { checkable, invalid } from '../common/istioReport';

/** VS bound to gateways only (no `mesh` among its gateways): ValidateVirtualService isGateway. */
export function bindsOnlyGateways(gateways: string[]): boolean {
  return gateways.length > 0 && !gateways.includes('mesh');
}

function hasSniMatch(spec: Record<string, unknown>): boolean {
  return arr(spec.tls).some((t) => arr((t as Record<string, unknown>)?.match).some((m) => arr((m as Record<string, unknown>)?.sniHosts).length > 0));
}

/** `outbound_.80_._.host` SNI names are allowed on gateway VirtualServices with TLS routes. */
function isAutoSni(host: string): boolean {
  return /^outbound_\.\d+_\.[^.]*_\.[a-zA-Z].*$/.test(host);
}

export const virtualServiceHosts: Analyzer = {
  name: 'virtualservice.hosts',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const spec = (vs.meta.raw.spec ?? {}) as Record<string, unknown>;
      const hosts = strList(spec.hosts);
      const gateways = strList(spec.gateways);
      const gatewayOnly = bindsOnlyGateways(gateways);
      if (!spec.hosts || hosts.length === 0) {
        if (gateways.length) invalid(ctx, vs.meta, ['spec', 'gateways'], 'a delegate VirtualService (one without hosts) cannot name gateways: the root VirtualService decides where it applies', { at: 'key' });
        if (arr(spec.tls).length) invalid(ctx, vs.meta, ['spec', 'tls'], 'a delegate VirtualService (one without hosts) cannot have tls routes', { at: 'key' });
        if (arr(spec.tcp).length) invalid(ctx, vs.meta, ['spec', 'tcp'], 'a delegate VirtualService (one without hosts) cannot have tcp routes', { at: 'key' });
      }
      let allValid = true;
      hosts.forEach((h, i) => {
        const err = gatewayOnly && hasSniMatch(spec) && isAutoSni(h) ? undefined : wildcardDomainError(h);
        if (err && !isIPAddress(h)) {
          invalid(ctx, vs.meta, ['spec', 'hosts', i], err);
          allValid = false;
        } else if (!err && !gatewayOnly && h === '*') {
          invalid(ctx, vs.meta, ['spec', 'hosts', i], 'host "*" is not allowed on a VirtualService bound to the mesh: name the services, or bind it to a gateway');
          allValid = false;
        }
      });
      if (allValid) {
        for (let i = 0; i < hosts.length; i++) {
          for (let j = i + 1; j < hosts.length; j++) {
            if (hostMatches(hosts[i], hosts[j])) {
              invalid(ctx, vs.meta, ['spec', 'hosts', j], `duplicate hosts in the VirtualService: "${hosts[i]}" and "${hosts[j]}" overlap`, {
                related: [ctx.related(vs.meta, ['spec', 'hosts', i], `overlaps "${hosts[i]}"`)],
              });
            }
          }
        }
      }
      if (!arr(spec.http).length && !arr(spec.tcp).length && !arr(spec.tls).length) {
        invalid(ctx, vs.meta, ['spec'], 'a VirtualService needs http, tcp or tls routes', { at: 'key' });
      }
    }
  },
};
