// The five networking.istio.io kinds (spec only; the resource envelope is added in generate.mjs).
import { bool, duration, int, labels, list, map, num, obj, oneOfStr, port, ref, str, strings, u32 } from './dsl.mjs';
import { exportTo } from './common.mjs';

const match = (d) => ref('StringMatch', d);
const matches = (d) => map(d, ref('StringMatch'));

const httpMatch = obj('Conditions a request must meet; every field given must match (AND). Several match blocks in a rule are alternatives (OR).', {
  name: str('A name for the match, joined to the route name in access logs.'),
  uri: match('The request path (without query string).'),
  scheme: match('The URI scheme, `http` or `https`.'),
  method: match('The HTTP method, e.g. `GET`.'),
  authority: match('The `:authority` / `Host` header (the port is part of it).'),
  headers: matches('Request headers by lower-case name; `@request.auth.claims.<claim>` matches a JWT claim on gateways.'),
  port: port('The port the request was received on (the service port).'),
  sourceLabels: labels('Labels of the client workload (sidecars only).'),
  gateways: strings('Gateways this match applies to (overrides the VirtualService `gateways`).'),
  queryParams: matches('Query parameters by name.'),
  ignoreUriCase: bool('Compare the URI without regard to case (exact and prefix only).'),
  withoutHeaders: matches('Headers that must NOT match.'),
  sourceNamespace: str('Namespace of the client workload (sidecars only).'),
  statPrefix: str('A prefix for the route\'s statistics.'),
});

const httpRouteDestination = obj('A destination with its share of the traffic.', {
  destination: ref('Destination', 'The service the traffic goes to.'),
  weight: int('Relative share of the traffic (weights need not sum to 100). Omitted with a single destination.'),
  headers: ref('Headers', 'Header changes for this destination only.'),
}, { required: ['destination'] });

const l4RouteDestination = obj('A destination with its share of the connections.', {
  destination: ref('Destination', 'The service the connection goes to.'),
  weight: int('Relative share of the connections.'),
}, { required: ['destination'] });

const httpRoute = obj('An HTTP rule: conditions and exactly one action (`route`, `redirect`, `directResponse` or `delegate`). Rules are tried in order; the first match wins.', {
  name: str('A name for the rule, shown in access logs.'),
  match: list('Conditions; any one block may match. No `match` matches everything.', httpMatch),
  route: list('Where the traffic goes, with weights.', httpRouteDestination),
  redirect: obj('Answer with an HTTP redirect instead of forwarding.', {
    uri: str('Replace the whole path with this value.'),
    authority: str('Replace the authority/host with this value.'),
    port: port('Use this port in the Location.'),
    derivePort: oneOfStr('Derive the port from the protocol or the request.', ['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']),
    scheme: str('Use this scheme (`http` or `https`).'),
    redirectCode: u32('The 3xx status (default 301).'),
    prefixRewrite: str('Replace the matched prefix with this value.'),
  }, { oneOf: [['port', 'derivePort']] }),
  directResponse: obj('Answer directly with a fixed status and body.', {
    status: u32('The HTTP status, 200-599.'),
    body: obj('The response body.', { string: str('Body as text.'), bytes: str('Body as base64.') }, { oneOf: [['string', 'bytes']] }),
  }, { required: ['status'] }),
  delegate: obj('Hand the rule over to another VirtualService (one without hosts). Only on root VirtualServices.', {
    name: str('Name of the delegate VirtualService.'),
    namespace: str('Its namespace (default: this one).'),
  }),
  rewrite: obj('Rewrite the path or authority before forwarding.', {
    uri: str('Replace the matched part of the path (the prefix, or the whole path for exact matches).'),
    authority: str('Replace the authority/host header.'),
    uriRegexRewrite: obj('Rewrite the path with an RE2 regex.', {
      match: str('RE2 regex applied to the path.'), rewrite: str('Replacement; `\\1` refers to groups.'),
    }),
  }),
  timeout: duration('Timeout for the request (including retries); none by default.'),
  retries: obj('Retry policy (Istio retries twice by default).', {
    attempts: int('Number of retries.'),
    perTryTimeout: duration('Timeout per attempt.'),
    retryOn: str('When to retry: comma-separated Envoy policies (`5xx`, `gateway-error`, `connect-failure`, …) or status codes.'),
    retryRemoteLocalities: bool('Retry in other localities.'),
    retryIgnorePreviousHosts: bool('Avoid hosts already tried.'),
    backoff: duration('Base interval between retries.'),
  }),
  fault: obj('Inject faults into matching requests.', {
    delay: obj('Delay requests before forwarding.', {
      fixedDelay: duration('The delay.'),
      exponentialDelay: duration('Unsupported.'),
      percentage: ref('Percent', 'Share of requests delayed.'),
      percent: int('Deprecated: use `percentage`.'),
    }, { oneOf: [['fixedDelay', 'exponentialDelay']] }),
    abort: obj('Abort requests with an error.', {
      httpStatus: int('HTTP status returned.'),
      grpcStatus: str('gRPC status returned, e.g. `UNAVAILABLE`.'),
      http2Error: str('Unsupported.'),
      percentage: ref('Percent', 'Share of requests aborted.'),
    }, { oneOf: [['httpStatus', 'grpcStatus', 'http2Error']] }),
  }),
  mirror: ref('Destination', 'Copy traffic to this destination too (fire and forget).'),
  mirrors: list('Copy traffic to these destinations too.', obj('A mirror.', {
    destination: ref('Destination', 'The mirror destination.'),
    percentage: ref('Percent', 'Share of requests mirrored (default 100).'),
  }, { required: ['destination'] })),
  mirrorPercentage: ref('Percent', 'Share of requests mirrored (default 100).'),
  mirrorPercent: u32('Deprecated: use `mirrorPercentage`.'),
  mirror_percent: u32('Deprecated: use `mirrorPercentage`.'),
  corsPolicy: obj('Cross-origin resource sharing policy.', {
    allowOrigin: strings('Deprecated: use `allowOrigins`.'),
    allowOrigins: list('Origins allowed to make requests.', ref('StringMatch')),
    allowMethods: strings('Methods allowed.'),
    allowHeaders: strings('Request headers allowed.'),
    exposeHeaders: strings('Response headers browsers may read.'),
    maxAge: duration('How long preflight answers are cached.'),
    allowCredentials: bool('Allow credentials in requests.'),
    unmatchedPreflights: oneOfStr('What to do with preflights from other origins.', ['UNSPECIFIED', 'FORWARD', 'IGNORE']),
  }),
  headers: ref('Headers', 'Header changes.'),
});

const l4Match = (sni) => obj('Connection conditions.', {
  destinationSubnets: strings('Destination IPs or CIDRs.'),
  port: port('The destination port.'),
  sourceLabels: labels('Labels of the client workload.'),
  gateways: strings('Gateways this match applies to.'),
  sourceNamespace: str('Namespace of the client workload.'),
  ...(sni ? { sniHosts: strings('SNI names; required for TLS routes. Each must be covered by the VirtualService hosts.') } : { sourceSubnet: str('Deprecated: source IP or CIDR.') }),
}, sni ? { required: ['sniHosts'] } : {});

export const virtualService = obj('Routing rules for traffic to a set of hosts.', {
  hosts: strings('The hosts the rules apply to: registry service names (short names read in this namespace), external names, or `*.example.com` wildcards. A VirtualService without hosts can only be a delegate.', { 'x-istio': 'hosts' }),
  gateways: strings('Where the rules apply: `mesh` (all sidecars, the default) and/or gateways as `namespace/name`.'),
  http: list('HTTP/1.1, HTTP/2 and gRPC rules, in order.', httpRoute),
  tls: list('Rules for TLS and HTTPS passthrough traffic, matched by SNI.', obj('A TLS rule.', {
    match: list('Conditions; one must match. Required.', l4Match(true)),
    route: list('Where the connection goes.', l4RouteDestination),
  }, { required: ['match'] })),
  tcp: list('Rules for opaque TCP traffic.', obj('A TCP rule.', {
    match: list('Conditions; one must match.', l4Match(false)),
    route: list('Where the connection goes.', l4RouteDestination),
  })),
  exportTo,
});

export const destinationRule = obj('Policies for traffic to a service after routing, and its subsets (versions).', {
  host: str('The service the rule applies to: a registry name or a `*.` wildcard. A short name is read in this namespace.', { 'x-istio': 'host' }),
  trafficPolicy: ref('TrafficPolicy', 'Load balancing, connection pool, outlier detection and TLS for the host.'),
  subsets: list('Named groups of endpoints, selected by labels, for `destination.subset`.', obj('A subset.', {
    name: str('The subset name used by `destination.subset` (a DNS label).'),
    labels: labels('Labels the endpoints of the subset carry (added to the service selector).'),
    trafficPolicy: ref('TrafficPolicy', 'Policies for this subset only; they override the host-level ones.'),
  }, { required: ['name'] })),
  exportTo,
  workloadSelector: obj('Applies the rule only to these client workloads (own namespace only).', { matchLabels: labels('Labels of the client workloads.') }),
}, { required: ['host'] });

export const gateway = obj('A load balancer at the edge of the mesh: the ports, protocols and hosts it accepts.', {
  servers: list('The listeners.', obj('A listener: port, hosts and TLS.', {
    port: obj('The port to listen on.', {
      number: port('The port number.'), protocol: str('HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP or TLS.', { examples: ['HTTP', 'HTTPS', 'GRPC', 'HTTP2', 'MONGO', 'TCP', 'TLS'] }),
      name: str('A port name, unique across the servers.'), targetPort: u32('Deprecated.'),
    }, { required: ['number', 'protocol', 'name'] }),
    bind: str('IP or unix socket to bind to.'),
    hosts: strings('Hosts exposed, as `host` or `namespace/host`; hosts must be FQDNs or `*` wildcards.'),
    tls: ref('ServerTLSSettings', 'TLS settings (required for HTTPS and TLS ports).'),
    defaultEndpoint: str('Default endpoint for traffic (`127.0.0.1:PORT` or a unix socket).'),
    name: str('An optional name for the server.'),
  }, { required: ['port', 'hosts'] })),
  selector: labels('Labels of the gateway pods (e.g. `istio: ingressgateway`), in any namespace.'),
});

export const serviceEntry = obj('Adds entries to the service registry: external services or endpoints not known to Kubernetes.', {
  hosts: strings('Host names of the service (wildcard prefix allowed); `*` alone is invalid.', { minItems: 1, maxItems: 256 }),
  addresses: strings('Virtual IPs or CIDRs of the service.', { maxItems: 256 }),
  ports: list('Ports of the service.', obj('A service port.', {
    number: port('The port number.'),
    protocol: str('HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP or TLS.', { examples: ['HTTP', 'HTTPS', 'GRPC', 'HTTP2', 'MONGO', 'TCP', 'TLS'] }),
    name: str('The port name.'),
    targetPort: port('The port on the endpoints.'),
  }, { required: ['number', 'name'] }), { maxItems: 256 }),
  location: oneOfStr('Whether the service is inside the mesh (mTLS, policies apply).', ['MESH_EXTERNAL', 'MESH_INTERNAL']),
  resolution: oneOfStr('How endpoint addresses are found.', ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']),
  endpoints: list('Endpoints of the service (STATIC or DNS).', obj('An endpoint.', {
    address: str('IP, host name or `unix://` socket.'),
    ports: map('Port numbers by port name.', { type: 'integer' }),
    labels: labels('Labels of the endpoint.'),
    network: str('Network of the endpoint.'),
    locality: str('Locality `region/zone/subzone`.'),
    weight: u32('Load-balancing weight.'),
    serviceAccount: str('Service account of the workload.'),
  }), { maxItems: 4096 }),
  workloadSelector: ref('WorkloadSelector', 'Pods and WorkloadEntries that are the endpoints (MESH_INTERNAL only).'),
  exportTo,
  subjectAltNames: strings('SANs accepted in the server certificates.'),
}, { required: ['hosts'] });

const listener = (ingress) => obj(ingress ? 'An inbound listener.' : 'An outbound listener and the services it imports.', {
  port: ref('Port', ingress ? 'The port traffic is received on.' : 'The port; omit for all ports.'),
  bind: str('IP or unix socket to bind to.'),
  captureMode: oneOfStr('How traffic reaches the listener.', ['DEFAULT', 'IPTABLES', 'NONE']),
  ...(ingress
    ? { defaultEndpoint: str('Where the traffic is sent: `127.0.0.1:PORT`, `0.0.0.0:PORT` or a unix socket.'), tls: ref('ServerTLSSettings', 'TLS for the listener.'), connectionPool: ref('ConnectionPoolSettings', 'Inbound connection limits.') }
    : { hosts: strings('Services imported, as `namespace/host` (`./` own namespace, `*/` any).') }),
}, { required: [ingress ? 'port' : 'hosts'] });

export const sidecar = obj('Scopes what a sidecar proxy sees and accepts.', {
  workloadSelector: ref('WorkloadSelector', 'Pods the Sidecar applies to; without it, all pods of the namespace.'),
  ingress: list('Inbound listeners.', listener(true)),
  egress: list('Outbound listeners: the services the workload can reach.', listener(false)),
  inboundConnectionPool: ref('ConnectionPoolSettings', 'Default inbound connection limits.'),
  outboundTrafficPolicy: obj('What happens to traffic for unknown destinations.', {
    mode: oneOfStr('ALLOW_ANY passes it through; REGISTRY_ONLY blocks it.', ['REGISTRY_ONLY', 'ALLOW_ANY']),
    egressProxy: ref('Destination', 'Send unknown traffic to this proxy (ALLOW_ANY only).'),
  }),
});

export { num };
