/** A connection on a TCP or TLS listener of a Gateway API Gateway (istio/istio
 *  pilot/pkg/config/kube/gateway/route_collections.go TCPRouteCollection, TLSRouteCollection;
 *  conversion.go convertTCPRoute, convertTLSRoute, constrainTLSRoutesToListenerHost;
 *  pilot/pkg/networking/core/gateway.go buildGatewayNetworkFiltersFromTCPRoutes,
 *  buildGatewayNetworkFiltersFromTLSRoutes). */
import { resolveDestination, type DestinationContext } from '../routing/destinations';
import { settleStatus } from '../routing/backends';
import { applyProvenance } from '../routing/provenance';
import { backendShares } from '../routing/shares';
import type { SimRequest } from '../routing/request';
import type { SimResult } from '../routing/result';
import type { Snapshot } from '../workspace/snapshot';
import { hostMatches, intersectHost } from './hostnames';
import type { ListenerParent } from './listeners';
import { routeStatus } from './status';
import type { KubernetesGateway, TCPRoute, TLSRoute } from './types';

/** VirtualServicesForGateway order of the generated L4 VirtualServices: the Gateway's namespace first,
 *  then the oldest, then name and namespace. */
function gatewayOrder(gw: KubernetesGateway) {
  return (a: TCPRoute | TLSRoute, b: TCPRoute | TLSRoute): number => {
    const ga = a.meta.namespace === gw.meta.namespace ? 0 : 1;
    const gb = b.meta.namespace === gw.meta.namespace ? 0 : 1;
    if (ga !== gb) return ga - gb;
    const ta = a.meta.creationTimestamp ?? '';
    const tb = b.meta.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    if (a.meta.name !== b.meta.name) return a.meta.name < b.meta.name ? -1 : 1;
    return a.meta.namespace < b.meta.namespace ? -1 : a.meta.namespace > b.meta.namespace ? 1 : 0;
  };
}

/** The routes of `kind` attached to one of the listeners, in gateway order. */
function attached<T extends TCPRoute | TLSRoute>(snap: Snapshot, list: readonly T[], parents: readonly ListenerParent[], gw: KubernetesGateway): { route: T; listener: ListenerParent }[] {
  const out: { route: T; listener: ListenerParent }[] = [];
  for (const route of [...list].sort(gatewayOrder(gw))) {
    const st = routeStatus(snap, route);
    if (st.gateway.dropped) continue;
    for (const res of st.results) {
      // Listener objects are rebuilt per computation: compare by the generated server's name.
      const listener = res.denied ? undefined : parents.find((p) => p.internalName === res.listener?.internalName);
      if (listener) out.push({ route, listener });
    }
  }
  return out;
}

function forward(route: TCPRoute | TLSRoute, snap: Snapshot, res: SimResult, ctx: DestinationContext): void {
  const st = routeStatus(snap, route);
  const rule = st.gateway.rules[0];
  res.action = 'route';
  const rulePath = route.rules[0]?.path ?? ['spec'];
  applyProvenance(res, { resource: route, ruleList: 'rules', ruleIndex: 0, rulePath, matchIndex: null });
  if (!rule || rule.backends.length === 0) {
    res.connection = 'reset';
    ctx.trace.at(`${route.kind} ${route.meta.namespace}/${route.meta.name} has no backendRef with a weight above 0: the connection is reset`, route.meta, ['spec', 'rules']);
    return;
  }
  const shares = backendShares(rule.backends.map((b) => b.backendRef.weight));
  for (const [i, b] of rule.backends.entries()) {
    const share = shares[i];
    if (b.error || !b.host || b.port === undefined) {
      ctx.trace.at(`backendRef ${b.ref.namespace}/${b.ref.name} is invalid (${b.error?.reason}): its ${share}% of connections are closed`, route.meta, b.backendRef.path);
      continue;
    }
    const d = resolveDestination({ host: b.host, port: b.port }, route.meta, b.backendRef.path, share, ctx);
    d.index = b.backendRef.index;
    res.destinations.push(d);
  }
  // Every share invalid, or no endpoints behind the valid ones: tcp_proxy closes the connection.
  settleStatus(res);
}

export function simulateL4Listener(snap: Snapshot, gw: KubernetesGateway, parents: ListenerParent[], req: SimRequest, res: SimResult, ctx: DestinationContext): void {
  const { trace } = ctx;
  const l = parents[0].listener;
  const passthrough = l.protocol === 'TLS' && l.tls?.mode === 'Passthrough';
  res.protocol = passthrough ? 'tls' : 'tcp';
  if (!passthrough) {
    const tcp = attached(snap, snap.tcpRoutes, parents, gw);
    if (!tcp.length) {
      res.action = 'noRoute';
      res.connection = 'closed';
      trace.note(`no TCPRoute is attached to port ${req.port}: the connection is closed`);
      return;
    }
    const [first, ...later] = tcp;
    trace.at(`TCPRoute ${first.route.meta.namespace}/${first.route.meta.name} takes every connection of the listener (the Gateway's namespace first, then the oldest)`, first.route.meta, ['spec', 'rules']);
    for (const o of later) trace.at(`TCPRoute ${o.route.meta.namespace}/${o.route.meta.name} is attached too but gets no traffic`, o.route.meta, ['spec', 'parentRefs']);
    return forward(first.route, snap, res, ctx);
  }
  const sni = (req.sni ?? req.host).toLowerCase();
  const chains: { name: string; route: TLSRoute }[] = [];
  for (const { route, listener } of attached(snap, snap.tlsRoutes, parents, gw)) {
    for (const h of route.hostnames.length ? route.hostnames : ['*']) {
      const name = listener.listener.hostname ? intersectHost(listener.listener.hostname, h) : h;
      if (name && !chains.some((c) => c.name === name)) chains.push({ name, route });
    }
  }
  const exact = chains.find((c) => c.name === sni);
  const chain = exact ?? chains.filter((c) => c.name.startsWith('*') && hostMatches(c.name, sni)).sort((a, b) => b.name.length - a.name.length)[0];
  if (!chain) {
    res.action = 'noRoute';
    res.connection = 'closed';
    trace.note(`no TLSRoute serves SNI "${sni}" on port ${req.port} (server names: ${chains.map((c) => c.name).join(', ') || 'none'}): the connection is closed`);
    return;
  }
  trace.at(`TLSRoute ${chain.route.meta.namespace}/${chain.route.meta.name} serves SNI "${sni}" (server name ${chain.name})`, chain.route.meta, ['spec', 'hostnames']);
  forward(chain.route, snap, res, ctx);
}
