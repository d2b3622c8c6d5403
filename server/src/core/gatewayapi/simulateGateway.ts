/** A request entering through a Gateway API Gateway, on the listener of its port (istio/istio
 *  pilot/pkg/networking/core/gateway.go buildGatewayHTTPRouteConfig over the configuration
 *  pilot/pkg/config/kube/gateway translates the Gateway and its routes into). */
import type { DestinationContext } from '../routing/destinations';
import { evaluateHttpRoutes } from '../routing/httpEval';
import { routeLabel } from '../routing/routeModel';
import type { SimRequest } from '../routing/request';
import type { SimResult } from '../routing/result';
import { stripPort } from '../routing/services';
import type { Trace } from '../routing/trace';
import { resolveGatewayName } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import { gatewayController, isProgrammedByIstio, listenerParents, ISTIO_GATEWAY_CONTROLLER } from './listeners';
import { simulateL4Listener } from './simulateL4';
import { allRoutes, routeStatus } from './status';
import type { KubernetesGateway } from './types';
import { boundVirtualServices, inGatewayOrder } from './userVirtualServices';
import { generatedVirtualServices, pickVirtualHost, virtualHosts } from './virtualHosts';

/** Says why routes that name this Gateway take no traffic on it: not attached, or dropped. */
function traceUnattached(snap: Snapshot, gw: KubernetesGateway, trace: Trace): void {
  for (const route of allRoutes(snap)) {
    const st = routeStatus(snap, route);
    for (const p of st.parents) {
      if (p.parentRef.kind !== 'Gateway' || p.parentRef.namespace !== gw.meta.namespace || p.parentRef.name !== gw.meta.name) continue;
      if (!p.accepted) trace.at(`${route.kind} ${route.meta.namespace}/${route.meta.name} is not attached to ${gw.meta.namespace}/${gw.meta.name}: ${p.reason} (${p.message})`, route.meta, p.parentRef.path);
      else if (st.gateway.dropped) trace.at(`${route.kind} ${route.meta.namespace}/${route.meta.name} is attached but Istio drops all its rules: ${st.gateway.dropped.reason} (${st.gateway.dropped.message})`, route.meta, st.gateway.dropped.path);
    }
  }
}

export function simulateKubernetesGateway(snap: Snapshot, gw: KubernetesGateway, req: SimRequest, res: SimResult, trace: Trace): void {
  const name = `${gw.meta.namespace}/${gw.meta.name}`;
  const { controller, gatewayClass } = gatewayController(gw, snap.gatewayClasses);
  if (!isProgrammedByIstio(gw, snap.gatewayClasses)) {
    res.action = 'noRoute';
    trace.at(`Gateway ${name} has class "${gw.gatewayClassName}"${controller ? ` (controller ${controller})` : ', which is not in the workspace'}: Istio programs only ${ISTIO_GATEWAY_CONTROLLER}, so no proxy routes for it`, gw.meta, ['spec', 'gatewayClassName']);
    return;
  }
  trace.at(`Gateway API Gateway ${name}, class ${gw.gatewayClassName}${gatewayClass ? '' : ' (built into Istio)'}: its proxy is ${gw.meta.name}-${gw.gatewayClassName} in ${gw.meta.namespace}`, gw.meta, ['spec', 'gatewayClassName']);
  const parents = listenerParents(gw, snap.namespaces).filter((p) => p.listener.port === req.port);
  if (!parents.length) {
    res.action = 'noRoute';
    res.connection = 'refused';
    trace.at(`Gateway ${name} has no usable listener on port ${req.port}: the connection is refused`, gw.meta, ['spec', 'listeners']);
    return;
  }
  for (const p of parents) trace.at(`listener ${p.listener.name} (port ${req.port}, ${p.listener.protocol}${p.listener.hostname ? `, hostname ${p.listener.hostname}` : ''})`, gw.meta, p.listener.path);
  traceUnattached(snap, gw, trace);
  for (const vs of snap.virtualServices) {
    const i = vs.gateways.findIndex((g) => resolveGatewayName(g, vs.meta.namespace) === name);
    if (i >= 0) trace.at(`VirtualService ${vs.meta.namespace}/${vs.meta.name} names ${name} in its gateways, which Istio does not bind to a Kubernetes Gateway at runtime (pilot/pkg/model/config.go resolveGatewayName): its routes do not apply here`, vs.meta, ['spec', 'gateways', i]);
  }
  const client = { namespace: gw.meta.namespace, labels: { 'gateway.networking.k8s.io/gateway-name': gw.meta.name } };
  const ctx: DestinationContext = { snap, client, listenerPort: req.port, portRule: 'onlyPortElseListener', trace };
  const protocol = parents[0].listener.protocol;
  if (protocol === 'TCP' || protocol === 'TLS') return simulateL4Listener(snap, gw, parents, req, res, ctx);
  res.protocol = 'http';
  const vss = generatedVirtualServices(snap, gw, req.port);
  for (const vs of vss) {
    for (const src of vs.sources) trace.at(`${src.kind} ${src.meta.namespace}/${src.meta.name} is attached to listener ${vs.listener.listener.name} for hostname ${vs.hostname}`, src.meta, ['spec', 'parentRefs']);
    for (const r of vs.unreachable) trace.at(`${routeLabel({ ...r.source, matchIndex: null })} ranks after a catch-all PathPrefix / of the same listener and hostname: Istio drops it`, r.source.resource.meta, r.source.matchPath ?? r.source.rulePath);
  }
  const bound = boundVirtualServices(snap, parents, req.port, trace);
  const hosts = virtualHosts(bound.length ? inGatewayOrder([...vss, ...bound]) : vss);
  for (const b of bound) {
    if (hosts.some((h) => h.virtualServices.includes(b))) continue;
    trace.at(`VirtualService ${b.vs.meta.namespace}/${b.vs.meta.name} gets no virtual host on listener ${b.listener.listener.name}: none of its hosts meets the listener's hosts for its namespace (${b.listener.serverHosts.join(', ')})`, b.vs.meta, ['spec', 'hosts']);
  }
  const host = stripPort(req.authority);
  const vh = pickVirtualHost(hosts, host);
  if (!vh) {
    res.action = 'noRoute';
    res.status = 404;
    trace.note(hosts.length
      ? `no virtual host of port ${req.port} serves "${host}" (it has ${hosts.map((h) => h.domains[0]).join(', ')}): Envoy answers 404 (NR)`
      : `no route is attached to a listener of port ${req.port}: Envoy answers 404 (NR)`);
    return;
  }
  trace.note(`virtual host "${vh.domains[0]}" serves "${host}" (an exact domain, else the longest wildcard; no fall-through to another)`);
  evaluateHttpRoutes(vh.routes, req, res, ctx, protocol === 'HTTPS', 'gatewayApi');
}
