/** Which Gateway servers take a connection, as istiod binds them and Envoy matches filter chains.
 *  - Ports (istio/istio pilot/pkg/model/gateway.go MergeGateways, resolvePorts): a server whose port
 *    number is a port of a Service of the gateway workload listens on that port's targetPort (the first
 *    such Service port); other numbers listen as written. A client connects to a Service port, which
 *    sends it to the pod's targetPort: the servers listening there take it. A Service labelled
 *    `networking.istio.io/disable-gateway-port-translation` is skipped.
 *  - TLS (pilot/pkg/networking/core/gateway.go, model.GetSNIHostsForServer): each HTTPS server that
 *    terminates TLS is a filter chain matched by the SNI of its hosts (`*` matches any, and no SNI); a
 *    connection whose SNI matches no chain is closed. */
import type { Gateway, GatewayServer } from '../model/gateway';
import type { Service } from '../model/service';
import type { Workload } from '../model/workload';
import { hostMatches, labelsMatch } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import type { Trace } from './trace';

const NO_TRANSLATION = 'networking.istio.io/disable-gateway-port-translation';

/** The Services of the gateway workload: those whose selector its pods' labels satisfy. */
export function gatewayServices(snap: Snapshot, podLabels: Record<string, string>): Service[] {
  return snap.services.filter((s) => s.selector && Object.keys(s.selector).length && labelsMatch(s.selector, podLabels));
}

/** A Service port's targetPort as a number: a name is resolved on the gateway pod's containers. */
function targetPortOf(p: Service['ports'][number], pod: Workload | undefined): number | undefined {
  if (p.targetPort === undefined) return p.port;
  if (typeof p.targetPort === 'number') return p.targetPort;
  return pod?.containerPorts.find((c) => c.name === p.targetPort)?.containerPort;
}

/** The port a server listens on (resolvePorts with the legacy selector). */
function bindPort(server: GatewayServer, services: Service[], pod: Workload | undefined): number | undefined {
  for (const svc of services) {
    if (NO_TRANSLATION in svc.meta.labels) continue;
    const p = svc.ports.find((x) => x.port === server.port.number);
    if (p) return targetPortOf(p, pod) ?? server.port.number;
  }
  return server.port.number;
}

/** The servers that take a connection to port `port` of the gateway (a Service port when the gateway
 *  workload has a Service; else the pod's port), traced. Empty: the connection is refused. */
export function serversForPort(snap: Snapshot, gw: Gateway, pod: Workload | undefined, podLabels: Record<string, string>, port: number, trace: Trace): GatewayServer[] {
  const services = gatewayServices(snap, podLabels);
  let podPort = port;
  const svc = services.find((s) => s.ports.some((p) => p.port === port));
  if (svc) {
    const p = svc.ports.find((x) => x.port === port)!;
    const target = targetPortOf(p, pod);
    if (target !== undefined) podPort = target;
    trace.at(`port ${port} of Service ${svc.meta.namespace}/${svc.meta.name} (the gateway workload's) sends the connection to the gateway pod's port ${target ?? `"${p.targetPort}" (not found on the pod; taken as ${port})`}`, svc.meta, ['spec', 'ports', p.index]);
  } else if (services.length) {
    trace.note(`no Service of the gateway workload (${services.map((s) => `${s.meta.namespace}/${s.meta.name}`).join(', ')}) has port ${port}: the request is taken as sent to the gateway pod's port ${port}`);
  } else {
    trace.note(`no Service in the workspace selects the gateway workload: port ${port} is taken as the gateway pod's port, and each server listens on its port number as written`);
  }
  const out = gw.servers.filter((s) => bindPort(s, services, pod) === podPort);
  for (const s of out) {
    if (s.port.number !== podPort) trace.at(`the server on port ${s.port.number} listens on ${podPort}: ${s.port.number} is a port of the gateway's Service, bound to its targetPort (gateway.go resolvePorts)`, gw.meta, ['spec', 'servers', s.index, 'port', 'number']);
  }
  return out;
}

/** The SNI names a TLS-terminating server's filter chain matches (GetSNIHostsForServer). */
function sniHosts(s: GatewayServer): string[] {
  return s.hosts.map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h).toLowerCase());
}

/** The HTTPS servers whose filter chain takes a connection with this SNI; empty: it is closed. */
export function serversForSni(servers: GatewayServer[], sni: string | undefined): GatewayServer[] {
  return servers.filter((s) => sniHosts(s).some((h) => h === '*' || (sni !== undefined && hostMatches(h, sni.toLowerCase()))));
}
