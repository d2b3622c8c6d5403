/** The Gateways a VirtualService binds to exist (`name` in its namespace, `namespace/name`, or the
 *  legacy `name.namespace`, resolved as Istio does), and at least one of its hosts is among the hosts
 *  of each Gateway's servers (`namespace/host` prefixes and `*` wildcards applied).
 *  Mirrors istioctl analyze virtualservice/gateways.go: IST0101 (gateway) and IST0132. */
import { strList, obj } from '../../../model/coerce';
import type { Gateway } from '../../../model/gateway';
import { hostMatches, resolveGatewayName } from '../../../workspace/hosts';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import { checkable } from '../common/istioReport';

/** The server hosts of a Gateway that a VirtualService in `vsNs` can bind (host.NamesForNamespace). */
export function gatewayHostsFor(gw: Gateway, vsNs: string): string[] {
  const out: string[] = [];
  for (const s of gw.servers) {
    for (const h of s.hosts) {
      const slash = h.indexOf('/');
      if (slash < 0) { out.push(h); continue; }
      const ns = h.slice(0, slash) === '.' ? gw.meta.namespace : h.slice(0, slash);
      if (ns === '*' || ns === vsNs) out.push(h.slice(slash + 1));
    }
  }
  return out;
}

export const virtualServiceGateways: Analyzer = {
  name: 'virtualservice.gateways',
  reads: ['VirtualService', 'Gateway'],
  run(ctx) {
    const byName = new Map(ctx.snap.gateways.map((g) => [`${g.meta.namespace}/${g.meta.name}`, g]));
    for (const vs of checkable(ctx, 'VirtualService')) {
      const gateways = strList(obj(vs.meta.raw.spec)?.gateways);
      gateways.forEach((name, i) => {
        if (name === 'mesh') return;
        const full = resolveGatewayName(name, vs.meta.namespace);
        const gw = byName.get(full);
        const path = ['spec', 'gateways', i];
        if (!gw) {
          const guess = nearest(full, byName.keys());
          const span = ctx.span(vs.meta, path);
          ctx.reportSpan(message(T.referencedNotFound, `Referenced gateway not found: "${name}" — no Gateway ${full} in the workspace` + (guess ? `; did you mean ${guess}?` : '')), vs.meta, span, {
            fix: guess ? { title: `Change the gateway to ${guess}`, edits: [{ file: vs.meta.file, span, newText: guess }] } : undefined,
          });
          return;
        }
        const gwHosts = gatewayHostsFor(gw, vs.meta.namespace);
        if (vs.hosts.some((h) => gwHosts.some((g) => hostMatches(g, h)))) return;
        ctx.report(message(T.hostNotInGateway, `None of the hosts ${vs.hosts.join(', ')} of VirtualService ${vs.meta.namespace}/${vs.meta.name} is served by Gateway ${full} (its hosts: ${gwHosts.join(', ') || 'none for this namespace'}): the routes never apply there`), vs.meta, path, {
          related: [ctx.related(gw.meta, ['spec', 'servers'], `the servers of Gateway ${full}`)],
        });
      });
    }
  },
};
