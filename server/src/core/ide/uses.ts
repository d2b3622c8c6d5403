import type { RouteDestination } from '../model/istioTypes';
import type { VirtualService } from '../model/virtualService';
import { backendShares } from '../routing/shares';
import { resolveGatewayName } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import { fqdnOf } from './workspaceFacts';

/** Where routes use a service, subset or gateway: the answers of "find references" and of the
 *  hovers that say which routes send traffic to a Service, Pod or DestinationRule. */
export interface DestinationUse {
  vs: VirtualService;
  protocol: 'http' | 'tcp' | 'tls';
  routeIndex: number;
  subset?: string;
  /** Share of the route's traffic in percent (0 for a dropped weight-0 destination; mirrors count as 0). */
  share: number;
  mirror: boolean;
  /** Path of the `destination` block (or of `mirror`). */
  path: (string | number)[];
}

/** The destination's share of its route's traffic, as the engine shares it (routing/shares.ts). */
export function shareOf(list: RouteDestination[], d: RouteDestination): number {
  return backendShares(list.map((x) => x.weight))[list.indexOf(d)] ?? 0;
}

export function destinationUses(snap: Snapshot, fqdn: string): DestinationUse[] {
  return snap.memo(`ide.destinationUses|${fqdn}`, () => {
    const out: DestinationUse[] = [];
    for (const vs of snap.virtualServices) {
      const ns = vs.meta.namespace;
      for (const protocol of ['http', 'tls', 'tcp'] as const) {
        for (const r of vs[protocol]) {
          for (const d of r.route) {
            if (d.destination.host && fqdnOf(snap, d.destination.host, ns) === fqdn) {
              out.push({ vs, protocol, routeIndex: r.index, subset: d.destination.subset, share: shareOf(r.route, d), mirror: false, path: ['spec', protocol, r.index, 'route', d.index, 'destination'] });
            }
          }
          if (protocol !== 'http') continue;
          const http = vs.http[r.index];
          http.mirrors.forEach((m, i) => {
            if (m.destination.host && fqdnOf(snap, m.destination.host, ns) === fqdn) {
              // `mirror` is lowered first, then the `mirrors` list.
              const single = hasMirror(vs, r.index);
              const path = single && i === 0 ? ['spec', 'http', r.index, 'mirror'] : ['spec', 'http', r.index, 'mirrors', single ? i - 1 : i, 'destination'];
              out.push({ vs, protocol, routeIndex: r.index, subset: m.destination.subset, share: 0, mirror: true, path });
            }
          });
        }
      }
    }
    return out;
  });
}

function hasMirror(vs: VirtualService, index: number): boolean {
  const http = (vs.meta.raw.spec as { http?: { mirror?: unknown }[] } | undefined)?.http;
  return !!http?.[index]?.mirror;
}

/** VirtualServices (and match blocks) that name a gateway `namespace/name`. */
export function gatewayUses(snap: Snapshot, ref: string): { vs: VirtualService; path: (string | number)[] }[] {
  const out: { vs: VirtualService; path: (string | number)[] }[] = [];
  for (const vs of snap.virtualServices) {
    const ns = vs.meta.namespace;
    vs.gateways.forEach((g, i) => {
      if (resolveGatewayName(g, ns) === ref) out.push({ vs, path: ['spec', 'gateways', i] });
    });
    for (const r of vs.http) {
      for (const m of r.match ?? []) {
        m.gateways.forEach((g, i) => {
          if (resolveGatewayName(g, ns) === ref) out.push({ vs, path: ['spec', 'http', r.index, 'match', m.index, 'gateways', i] });
        });
      }
    }
  }
  return out;
}

export function useLabel(u: DestinationUse): string {
  const what = u.mirror ? 'mirror' : `${u.share}%`;
  return `${u.vs.meta.namespace}/${u.vs.meta.name} ${u.protocol}[${u.routeIndex}]${u.subset ? ` subset ${u.subset}` : ''} ${what}`;
}
