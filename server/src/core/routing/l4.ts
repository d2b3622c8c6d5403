import type { L4Match } from '../model/istioTypes';
import type { VirtualService } from '../model/virtualService';
import { hostMatches, labelsMatch, resolveGatewayName } from '../workspace/hosts';
import type { DestinationContext } from './destinations';
import { l4RoutesOf } from './fromVirtualService';
import { settleStatus, weightedBackends } from './backends';
import { applyProvenance } from './provenance';
import type { SimResult } from './result';
import type { L4Connection, L4RouteEntry } from './routeModel';

/** TCP and TLS routes (pilot/pkg/networking/core/tls.go): the first route whose match passes wins;
 *  in one match block the gateway, source labels, port and source namespace are ANDed
 *  (matchTCP/matchTLS), `sniHosts` is matched against the SNI, and a route without match catches all. */

export type L4Proxy = L4Connection;

export function whyL4NotMatched(m: L4Match, vsNs: string, proxy: L4Proxy, kind: 'tcp' | 'tls'): string | undefined {
  if (m.gateways.length && !m.gateways.map((g) => resolveGatewayName(g, vsNs)).includes(proxy.gatewayName)) return `gateways [${m.gateways.join(', ')}] do not include ${proxy.gatewayName}`;
  if (!labelsMatch(m.sourceLabels, proxy.labels)) return 'sourceLabels do not match the client';
  if (m.port && m.port !== proxy.listenerPort) return `port ${m.port} is not the connection's port ${proxy.listenerPort}`;
  if (m.sourceNamespace && m.sourceNamespace !== proxy.namespace) return `sourceNamespace ${m.sourceNamespace} is not ${proxy.namespace}`;
  if (kind === 'tls' && !m.sniHosts.some((h) => proxy.sni !== undefined && hostMatches(h.toLowerCase(), proxy.sni.toLowerCase()))) {
    return proxy.sni ? `SNI ${proxy.sni} is not among sniHosts [${m.sniHosts.join(', ')}]` : 'the connection has no SNI';
  }
  if (m.destinationSubnets.length) {
    if (!proxy.destinationIp || !m.destinationSubnets.some((c) => inCidr(proxy.destinationIp!, c))) return `destination address is not in destinationSubnets [${m.destinationSubnets.join(', ')}]`;
  }
  return undefined;
}

function inCidr(ip: string, cidr: string): boolean {
  const [net, bitsStr] = cidr.split('/');
  const toNum = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  if (!/^\d+(\.\d+){3}$/.test(ip) || !/^\d+(\.\d+){3}$/.test(net)) return ip === net;
  const bits = bitsStr === undefined ? 32 : Number(bitsStr);
  const mask = bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
  return (toNum(ip) & mask) >>> 0 === (toNum(net) & mask) >>> 0;
}

/** Tries the l4 routes of one VirtualService; true when one of them took the connection. */
export function evaluateL4Routes(vs: VirtualService, kind: 'tcp' | 'tls', proxy: L4Proxy, res: SimResult, ctx: DestinationContext): boolean {
  return evaluateL4(l4RoutesOf(vs, kind), proxy, res, ctx);
}

/** Tries L4 routes in order; true when one of them took the connection. */
export function evaluateL4(routes: L4RouteEntry[], conn: L4Connection, res: SimResult, ctx: DestinationContext): boolean {
  for (const r of routes) {
    const { resource, ruleList, ruleIndex, rulePath } = r.source;
    const name = `${resource.meta.namespace}/${resource.meta.name} ${ruleList}[${ruleIndex}]`;
    let matched = !r.conditions.length;
    for (const c of r.conditions) {
      const why = c.why(conn);
      if (!why) {
        matched = true;
        break;
      }
      ctx.trace.at(`${name}.match[${c.index}] does not match: ${why}`, resource.meta, c.path);
    }
    if (!matched) continue;
    ctx.trace.at(`${name} takes the connection`, resource.meta, rulePath);
    res.action = 'route';
    applyProvenance(res, r.source);
    res.destinations = weightedBackends(r.backends, resource.meta, rulePath, ctx);
    settleStatus(res);
    return true;
  }
  return false;
}
