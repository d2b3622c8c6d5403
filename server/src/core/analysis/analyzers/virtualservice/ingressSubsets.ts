/** A gateway VirtualService that routes to a host without subset, while a VirtualService for that
 *  host splits it by subset: requests from the gateway skip the subset routing (the mesh
 *  VirtualService does not apply on the gateway). Host names are compared as written, like istioctl.
 *  Mirrors istioctl analyze virtualservice/destinationhosts.go analyzeSubset: IST0140. */
import { obj, strList } from '../../../model/coerce';
import type { VirtualService } from '../../../model/virtualService';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { namedDestinations } from '../common/destinations';
import { checkable } from '../common/istioReport';
import { KeptIndex } from '../../../workspace/keptIndex';

/** VirtualServices whose hosts include a host they route to with a subset, by that host. */
const splitting = new KeptIndex((all: readonly VirtualService[]) => {
  const byHost = new Map<string, VirtualService[]>();
  for (const vs of all) {
    if (vs.meta.origin.document.isTemplate) continue;
    for (const { host, subset } of httpRouteDestinations(vs)) {
      if (!subset || !vs.hosts.includes(host)) continue;
      const list = byHost.get(host);
      if (!list) byHost.set(host, [vs]);
      else if (!list.includes(vs)) list.push(vs);
    }
  }
  return byHost;
});

/** The destinations of the http routes (not mirrors, not tcp or tls), as istioctl reads them. */
function httpRouteDestinations(vs: VirtualService) {
  return namedDestinations(vs).filter((d) => d.kind === 'route' && d.path[1] === 'http');
}

export const ingressSubsets: Analyzer = {
  name: 'virtualservice.ingressSubsets',
  reads: ['VirtualService'],
  // Other VirtualServices are read (through the snapshot) only for a gateway route without subset.
  scope: 'resource',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      if (!strList(obj(vs.meta.raw.spec)?.gateways).length) continue;
      for (const { host, subset, path } of httpRouteDestinations(vs)) {
        if (subset) continue;
        for (const other of (splitting.get(ctx.snap.virtualServices).get(host) ?? []).filter((o) => o !== vs)) {
          ctx.report(message(T.ingressRouteRulesNotAffected, `Subset routing of VirtualService ${other.meta.namespace}/${other.meta.name} for ${host} does not apply to requests through this gateway VirtualService ${vs.meta.namespace}/${vs.meta.name}: route to a subset here too`), vs.meta, [...path, 'host'], {
            related: [ctx.related(other.meta, ['spec', 'hosts'], `VirtualService ${other.meta.namespace}/${other.meta.name} routes ${host} by subset`)],
          });
        }
      }
    }
  },
};
