/** Istio's protocol selection for a port (pkg/config/protocol/instance.go Parse and
 *  pkg/config/kube/conversion.go ConvertProtocol): `appProtocol` first, else the port name up to its
 *  first `-`. The Kubernetes `protocol: TCP` field is the L4 protocol and says nothing here. */
export type RoutingProtocol = 'http' | 'tcp' | 'tls' | 'udp' | 'auto';

const HTTP = new Set(['http', 'http2', 'grpc', 'grpc-web', 'http_proxy', 'kubernetes.io/h2c', 'kubernetes.io/ws']);
const TLS = new Set(['https', 'tls', 'kubernetes.io/wss']);
const TCP = new Set(['tcp', 'mongo', 'redis', 'mysql']);

export function parseProtocolName(p: string): RoutingProtocol {
  const l = p.toLowerCase();
  if (HTTP.has(l)) return 'http';
  if (TLS.has(l)) return 'tls';
  if (TCP.has(l)) return 'tcp';
  if (l === 'udp') return 'udp';
  return 'auto';
}

/** The protocol of a Kubernetes Service port. `auto` means Istio sniffs the traffic. */
export function servicePortProtocol(port: { name?: string; protocol?: string; appProtocol?: string }): RoutingProtocol {
  if ((port.protocol ?? '').toUpperCase() === 'UDP') return 'udp';
  // An appProtocol replaces the name entirely, even when Istio does not know it (ConvertProtocol).
  const name = port.appProtocol || port.name || '';
  if (/^kubernetes\.io\//.test(name) || name.toLowerCase().startsWith('grpc-web')) return parseProtocolName(name.toLowerCase().startsWith('grpc-web') ? 'grpc-web' : name);
  const dash = name.indexOf('-');
  return parseProtocolName(dash >= 0 ? name.slice(0, dash) : name);
}

/** A ServiceEntry or Gateway port names its Istio protocol directly. */
export function istioPortProtocol(protocol: string | undefined): RoutingProtocol {
  return protocol ? parseProtocolName(protocol) : 'auto';
}
