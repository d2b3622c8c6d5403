/** A gateway VirtualService that routes to a host without subset, while a VirtualService for that
 *  host splits it by subset: requests from the gateway skip the subset routing (the mesh
 *  VirtualService does not apply on the gateway). Host names are compared as written, like istioctl.
 *  Mirrors istioctl analyze virtualservice/destinationhosts.go analyzeSubset: IST0140. */
import { arr, obj, str, strList } from '../../../model/coerce';
import type { VirtualService } from '../../../model/virtualService';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

export const ingressSubsets: Analyzer = {
  name: 'virtualservice.ingressSubsets',
  reads: ['VirtualService'],
  run(ctx) {
    const vss = checkable(ctx, 'VirtualService');
    // VirtualServices whose hosts include a host they route to with a subset.
    const splitting = new Map<string, VirtualService[]>();
    for (const vs of vss) {
      for (const r of arr(obj(vs.meta.raw.spec)?.http)) {
        for (const rd of arr(obj(r)?.route)) {
          const d = obj(obj(rd)?.destination);
          const host = str(d?.host);
          if (host && str(d?.subset) && vs.hosts.includes(host) && !(splitting.get(host) ?? []).includes(vs)) splitting.set(host, [...(splitting.get(host) ?? []), vs]);
        }
      }
    }
    for (const vs of vss) {
      if (!strList(obj(vs.meta.raw.spec)?.gateways).length) continue;
      arr(obj(vs.meta.raw.spec)?.http).forEach((r, i) => {
        arr(obj(r)?.route).forEach((rd, k) => {
          const d = obj(obj(rd)?.destination);
          const host = str(d?.host);
          if (!host || str(d?.subset)) return;
          for (const other of (splitting.get(host) ?? []).filter((o) => o !== vs)) {
            ctx.report(message(T.ingressRouteRulesNotAffected, `Subset routing of VirtualService ${other.meta.namespace}/${other.meta.name} for ${host} does not apply to requests through this gateway VirtualService ${vs.meta.namespace}/${vs.meta.name}: route to a subset here too`), vs.meta, ['spec', 'http', i, 'route', k, 'destination', 'host'], {
              related: [ctx.related(other.meta, ['spec', 'hosts'], `VirtualService ${other.meta.namespace}/${other.meta.name} routes ${host} by subset`)],
            });
          }
        });
      });
    }
  },
};
