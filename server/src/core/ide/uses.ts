import type { RouteDestination } from '../model/istioTypes';
import { l4RoutesOf, routeOfRule } from '../routing/fromVirtualService';
import type { MirrorPolicy, WeightedBackend } from '../routing/routeModel';
import type { VirtualService } from '../model/virtualService';
import { backendShares } from '../routing/shares';
import { resolveGatewayName } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import type { Path } from '../yaml/locate';
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
  path: Path;
}

/** The destination's share of its route's traffic, as the engine shares it (routing/shares.ts). */
export function shareOf(list: RouteDestination[], d: RouteDestination): number {
  return backendShares(list.map((x) => x.weight))[list.indexOf(d)] ?? 0;
}

/** Every destination and mirror of the VirtualServices' own rules, read from the route model the
 *  engine evaluates (routing/fromVirtualService.ts), with the share the engine gives it. */
export function destinationUses(snap: Snapshot, fqdn: string): DestinationUse[] {
  return snap.memo(`ide.destinationUses|${fqdn}`, () => {
    const out: DestinationUse[] = [];
    for (const vs of snap.virtualServices) {
      const ns = vs.meta.namespace;
      const uses = (protocol: DestinationUse['protocol'], routeIndex: number, backends: WeightedBackend[], mirrors: MirrorPolicy[]) => {
        const shares = backendShares(backends.map((b) => b.weight));
        backends.forEach((b, i) => {
          if (b.destination.host && fqdnOf(snap, b.destination.host, ns) === fqdn) out.push({ vs, protocol, routeIndex, subset: b.destination.subset, share: shares[i] ?? 0, mirror: false, path: b.destinationPath });
        });
        for (const m of mirrors) {
          if (m.path && m.destination.host && fqdnOf(snap, m.destination.host, ns) === fqdn) out.push({ vs, protocol, routeIndex, subset: m.destination.subset, share: 0, mirror: true, path: m.path });
        }
      };
      for (const r of vs.http) {
        const { action } = routeOfRule({ vs, route: r });
        if (action.kind === 'route') uses('http', r.index, action.backends, action.mirrors);
      }
      for (const protocol of ['tls', 'tcp'] as const) for (const r of l4RoutesOf(vs, protocol)) uses(protocol, r.source.ruleIndex, r.backends, []);
    }
    return out;
  });
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
