import type { RouteParentStatus } from '../gatewayapi';
import type { GatewayApiRoute } from '../gatewayapi/types';
import type { ServicePort, Snapshot } from '../workspace/snapshot';

/** What a parentRef to a Kubernetes Service (GAMMA) attaches a route to: sidecar traffic to the
 *  Service's host, on the parentRef's port or, without one, on the ports sidecars route as HTTP.
 *  Istio checks only that the Service exists: it reads no sectionName and does not check that the
 *  port is one of the Service's, it adds the port to every match (istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go referenceAllowed, augmentPortMatch;
 *  route_collections.go HTTPRouteCollection mesh branch). A port the sidecar routes as TCP gets no
 *  HTTP route (pilot/pkg/networking/core/listener.go buildSidecarOutboundListeners). */

const asHttp = (p: ServicePort) => p.protocol === 'http' || p.protocol === 'auto';
const portText = (p: ServicePort) => `${p.port}${p.name ? ` ${p.name}` : ''}`;

export function meshParentText(snap: Snapshot, route: GatewayApiRoute, p: RouteParentStatus): string {
  const ref = p.parentRef;
  const service = p.attached[0]?.service;
  const svc = service?.kind === 'Service' ? snap.allRegistryServices().find((s) => s.source === service) : undefined;
  if (!svc) return `attached for the mesh: sidecar traffic to \`${service?.meta.name ?? ref.name}\`${ref.port ? ` port ${ref.port}` : ''}`;
  const http = route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute';
  const head = `attached for the mesh: sidecar traffic to \`${svc.hostname}\``;
  const ignored = ref.sectionName ? `; Istio does not read sectionName \`${ref.sectionName}\` on a Service parent` : '';
  if (ref.port !== undefined) {
    const port = svc.ports.find((x) => x.port === ref.port);
    if (!port) return `${head} port ${ref.port} ⚠ the Service has no port ${ref.port}: no request takes this route${ignored}`;
    const tcp = http && !asHttp(port) ? ` ⚠ sidecars route this port as ${port.protocol.toUpperCase()}: the rules never apply` : '';
    return `${head} port ${portText(port)}${tcp}${ignored}`;
  }
  if (!http) return `${head}, every port: ${svc.ports.map(portText).join(', ') || 'none'}${ignored}`;
  const on = svc.ports.filter(asHttp);
  const off = svc.ports.filter((x) => !asHttp(x));
  if (!on.length) return `${head} ⚠ the Service has no port sidecars route as HTTP: the rules never apply${ignored}`;
  const not = off.length ? ` (not ${off.map((x) => `${portText(x)} (${x.protocol.toUpperCase()})`).join(', ')})` : '';
  return `${head}, every HTTP port: ${on.map(portText).join(', ')}${not}${ignored}`;
}
