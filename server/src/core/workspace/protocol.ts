/** Istio's protocol selection for a port (pkg/config/protocol/instance.go Parse and
 *  pkg/config/kube/conversion.go ConvertProtocol): `appProtocol` first, else the port name up to its
 *  first `-`. The Kubernetes `protocol: TCP` field is the L4 protocol and says nothing here. */
export type RoutingProtocol = 'http' | 'tcp' | 'tls' | 'udp' | 'auto';

const HTTP = new Set(['http', 'http2', 'grpc', 'grpc-web', 'http_proxy', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws']);
const TLS = new Set(['https', 'tls', 'kubernetes.io/wss']);
const TCP = new Set(['tcp', 'mongo', 'redis', 'mysql', 'thrift']);

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
  if (port.appProtocol) {
    const p = parseProtocolName(port.appProtocol);
    if (p !== 'auto') return p;
  }
  const name = port.name ?? '';
  const dash = name.indexOf('-');
  return parseProtocolName(dash >= 0 ? name.slice(0, dash) : name);
}

/** A ServiceEntry or Gateway port names its Istio protocol directly. */
export function istioPortProtocol(protocol: string | undefined): RoutingProtocol {
  return protocol ? parseProtocolName(protocol) : 'auto';
}
