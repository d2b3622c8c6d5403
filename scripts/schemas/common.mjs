// Types shared by several networking.istio.io kinds (istio/api networking/v1alpha3/*.proto; field names
// and structure from the API reference at istio.io/latest/docs/reference/config/networking/).
import { bool, duration, intOrString, labels, list, map, num, obj, oneOfStr, port, ref, str, strings, u32, int } from './dsl.mjs';

export const stringMatch = obj('How a string is compared: exactly one of `exact`, `prefix` or `regex` (RE2 syntax, whole-string match). An empty object matches any present value.', {
  exact: str('The value must equal this string.'),
  prefix: str('The value must start with this string.'),
  regex: str('The value must fully match this RE2 regular expression (no lookaround or back-references).'),
}, { oneOf: [['exact', 'prefix', 'regex']] });

export const portSelector = obj('A port of the destination service.', { number: port('The service port number (1-65535).') });

export const destination = obj('Where matching traffic is sent: a service in the registry, optionally one subset and one port of it.', {
  host: str('The service host: a name from the registry (Kubernetes Service or ServiceEntry host). A short name such as `reviews` is read in the namespace of this resource; prefer the full name `reviews.default.svc.cluster.local`.', { 'x-istio': 'host' }),
  subset: str('A subset defined by a DestinationRule for this host.', { 'x-istio': 'subset' }),
  port: ref('PortSelector', 'The port on the destination host. Required when the service exposes more than one port.'),
}, { required: ['host'] });

export const percent = obj('A percentage from 0.0 to 100.0.', { value: num('The percentage, 0.0-100.0.') });

export const headerOps = obj('Header changes for requests or responses.', {
  set: labels('Headers to overwrite with the given values.'),
  add: labels('Values to append to the headers.'),
  remove: strings('Header names to remove.'),
});

export const headers = obj('Header manipulation rules.', {
  request: ref('HeaderOperations', 'Changes to the request headers before forwarding.'),
  response: ref('HeaderOperations', 'Changes to the response headers before returning them.'),
});

export const workloadSelector = obj('Selects the pods (or VMs) the configuration applies to, by labels, in the namespace of this resource.', {
  labels: labels('Labels a workload must carry (all of them) to be selected.'),
});

export const tcpKeepalive = obj('TCP keepalive probes on upstream connections.', {
  probes: u32('Probes without answer before the connection is considered dead.'),
  time: duration('Idle time before the first probe.'),
  interval: duration('Time between probes.'),
});

export const connectionPool = obj('Limits on the connection pool to each upstream host.', {
  tcp: obj('Settings for HTTP and TCP connections.', {
    maxConnections: int('Largest number of connections to a destination host.'),
    connectTimeout: duration('TCP connect timeout.'),
    tcpKeepalive: ref('TcpKeepalive', 'TCP keepalive.'),
    maxConnectionDuration: duration('Longest time a connection stays open.'),
    idleTimeout: duration('Time without activity after which the connection is closed.'),
  }),
  http: obj('Settings for HTTP/1.1, HTTP/2 and gRPC connections.', {
    http1MaxPendingRequests: int('Largest number of requests queued while waiting for a connection.'),
    http2MaxRequests: int('Largest number of active requests to a destination.'),
    maxRequestsPerConnection: int('Requests per connection before it is closed; 1 disables keep-alive.'),
    maxRetries: int('Largest number of concurrent retries to all hosts of the cluster.'),
    idleTimeout: duration('Time without active requests after which the connection is closed.'),
    h2UpgradePolicy: oneOfStr('Whether HTTP/1.1 connections are upgraded to HTTP/2.', ['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']),
    useClientProtocol: bool('Use the protocol the client used (HTTP/1.1 or HTTP/2) towards the upstream.'),
    maxConcurrentStreams: int('Largest number of concurrent streams per HTTP/2 connection.'),
    http2KeepAlive: obj('HTTP/2 keepalive pings.', { interval: duration('Time between pings.'), timeout: duration('Time to wait for a ping answer.') }),
  }),
});

const failover = list('Failover from one region to another.', obj('A failover pair.', { from: str('The region traffic comes from.'), to: str('The region to fail over to.') }));

export const localityLb = obj('Locality-weighted load balancing.', {
  distribute: list('How traffic from a locality is spread over other localities.', obj('One distribution rule.', {
    from: str('The origin locality, `region/zone/sub_zone`; `*` wildcards allowed.'),
    to: map('Destination localities and their weights (summing to 100).', { type: 'integer' }),
  })),
  failover,
  failoverPriority: strings('Ordered labels used to prioritise endpoints for failover.'),
  enabled: bool('Turns locality load balancing on or off (overrides the mesh setting).'),
});

export const loadBalancer = obj('Load-balancing policy: `simple` or `consistentHash`.', {
  simple: oneOfStr('A standard load-balancing algorithm.', ['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST']),
  consistentHash: obj('Session affinity by hashing a request property.', {
    httpHeaderName: str('Hash on this request header.'),
    httpCookie: obj('Hash on a cookie (created when missing).', {
      name: str('The cookie name.'),
      path: str('The cookie path.'),
      ttl: duration('The cookie lifetime.'),
      attributes: list('Extra cookie attributes.', obj('An attribute.', { name: str('Attribute name.'), value: str('Attribute value.') }, { required: ['name'] })),
    }, { required: ['name'] }),
    useSourceIp: bool('Hash on the client IP address.'),
    httpQueryParameterName: str('Hash on this query parameter.'),
    ringHash: obj('The ring hash algorithm.', { minimumRingSize: u32('Smallest ring size.') }),
    maglev: obj('The Maglev algorithm.', { tableSize: u32('Lookup table size (a prime number).') }),
    minimumRingSize: u32('Deprecated: use `ringHash.minimumRingSize`.'),
  }, { oneOf: [['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'], ['ringHash', 'maglev']] }),
  localityLbSetting: ref('LocalityLoadBalancerSetting', 'Locality-aware load balancing.'),
  warmupDurationSecs: duration('Slow start: time during which a new endpoint gets progressively more traffic.'),
  warmup: obj('Slow start for new endpoints.', {
    duration: duration('Length of the warm-up window.'),
    minimumPercent: num('Lowest share of traffic a new endpoint gets, 0-100.', { minimum: 0, maximum: 100 }),
    aggression: num('How fast traffic grows during warm-up (1.0 = linear).', { minimum: 0 }),
  }, { required: ['duration'] }),
  zoneAwareLbSetting: obj('Zone-aware routing.', {
    enabled: bool('Turns zone-aware routing on or off.'),
    failover,
    failoverPriority: strings('Ordered labels used to prioritise endpoints.'),
    minClusterSize: u32('Smallest cluster size for zone-aware routing.', { minimum: 1 }),
  }),
}, { oneOf: [['simple', 'consistentHash']] });

export const outlierDetection = obj('Ejects unhealthy hosts from the load-balancing pool.', {
  consecutiveErrors: int('Deprecated: use `consecutive5xxErrors`.'),
  splitExternalLocalOriginErrors: bool('Count local-origin failures (timeouts, resets) apart from upstream errors.'),
  consecutiveLocalOriginFailures: u32('Local-origin failures before ejection.'),
  consecutiveGatewayErrors: u32('502/503/504 answers before ejection.'),
  consecutive5xxErrors: u32('5xx answers before ejection.'),
  interval: duration('Time between ejection sweeps.'),
  baseEjectionTime: duration('Minimum ejection time; it grows with each ejection.'),
  maxEjectionPercent: int('Largest share of hosts that can be ejected, 0-100.'),
  minHealthPercent: int('Outlier detection stops when fewer hosts than this share are healthy.'),
  outlierDetectionHttpErrorCodes: list('HTTP status codes that count as errors.', { type: 'integer' }),
});

export const clientTls = obj('TLS settings for connections to the upstream.', {
  mode: oneOfStr('TLS mode towards the upstream.', ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']),
  clientCertificate: str('Path to the client certificate (MUTUAL).'),
  privateKey: str('Path to the client private key (MUTUAL).'),
  caCertificates: str('Path to the CA certificates that verify the server.'),
  credentialName: str('Name of a Secret holding the client certificate, key and CA.'),
  subjectAltNames: strings('Subject alternative names accepted in the server certificate.'),
  sni: str('SNI sent during the handshake.'),
  insecureSkipVerify: bool('Skip verifying the server certificate and SAN.'),
  caCrl: str('Path to a certificate revocation list.'),
});

export const trafficPolicy = obj('Policies applied to traffic for the host after routing.', {
  loadBalancer: ref('LoadBalancerSettings', 'Load-balancing algorithm.'),
  connectionPool: ref('ConnectionPoolSettings', 'Connection pool limits.'),
  outlierDetection: ref('OutlierDetection', 'Ejection of unhealthy hosts.'),
  tls: ref('ClientTLSSettings', 'TLS towards the upstream.'),
  portLevelSettings: list('Policies for single ports; they override the host-level ones.', obj('A port-level policy.', {
    port: ref('PortSelector', 'The port the policy applies to.'),
    loadBalancer: ref('LoadBalancerSettings', 'Load-balancing algorithm.'),
    connectionPool: ref('ConnectionPoolSettings', 'Connection pool limits.'),
    outlierDetection: ref('OutlierDetection', 'Ejection of unhealthy hosts.'),
    tls: ref('ClientTLSSettings', 'TLS towards the upstream.'),
  }), { maxItems: 4096 }),
  tunnel: obj('Tunnel TCP over an HTTP proxy.', {
    protocol: str('`CONNECT` (default) or `POST`.'),
    targetHost: str('Host the proxy connects to.'),
    targetPort: u32('Port the proxy connects to.'),
  }, { required: ['targetHost', 'targetPort'] }),
  proxyProtocol: obj('Send a PROXY protocol header upstream.', { version: oneOfStr('PROXY protocol version.', ['V1', 'V2']) }),
  retryBudget: obj('Limits concurrent retries as a share of active requests.', {
    percent: num('Share of active requests that may be retries, 0-100.', { minimum: 0, maximum: 100 }),
    minRetryConcurrency: u32('Retries always allowed regardless of the share.'),
    budgetInterval: duration('Interval over which the budget is computed.'),
  }),
});

export const serverTls = obj('TLS settings of a server (Gateway) or inbound listener (Sidecar).', {
  httpsRedirect: bool('Answer plain HTTP requests with a 301 redirect to HTTPS.'),
  mode: oneOfStr('How the TLS connection is handled.', ['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL']),
  serverCertificate: str('Path to the server certificate.'),
  privateKey: str('Path to the server private key.'),
  caCertificates: str('Path to the CA certificates that verify clients.'),
  caCrl: str('Path to a certificate revocation list.'),
  credentialName: str('Name of a Secret holding the certificate and key (gateways only).'),
  credentialNames: strings('Up to two Secrets (RSA and ECDSA certificates).', { minItems: 1, maxItems: 2 }),
  caCertCredentialName: str('Secret holding the CA certificates for client verification.'),
  tlsCertificates: list('Up to two inline certificate/key pairs.', obj('A certificate.', {
    serverCertificate: str('Path to the certificate.'), privateKey: str('Path to the key.'), caCertificates: str('Path to CA certificates.'),
  }), { minItems: 1, maxItems: 2 }),
  subjectAltNames: strings('Client certificate SANs that are accepted.'),
  verifyCertificateSpki: strings('Accepted SPKI hashes of client certificates.'),
  verifyCertificateHash: strings('Accepted hashes of client certificates.'),
  minProtocolVersion: oneOfStr('Lowest TLS version.', ['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3']),
  maxProtocolVersion: oneOfStr('Highest TLS version.', ['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3']),
  cipherSuites: strings('Allowed cipher suites.'),
  insecureSkipVerify: bool('Skip verifying client certificates.'),
});

export const istioPort = obj('A port: number, protocol and name.', {
  number: port('The port number (1-65535).'),
  protocol: str('The protocol: HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, MONGO, TCP or TLS.', { examples: ['HTTP', 'HTTPS', 'GRPC', 'HTTP2', 'TCP', 'TLS', 'MONGO'] }),
  name: str('A name for the port.'),
  targetPort: u32('The port on the endpoint (deprecated on gateways).'),
});

export const sharedDefs = {
  StringMatch: stringMatch,
  PortSelector: portSelector,
  Destination: destination,
  Percent: percent,
  HeaderOperations: headerOps,
  Headers: headers,
  WorkloadSelector: workloadSelector,
  TcpKeepalive: tcpKeepalive,
  ConnectionPoolSettings: connectionPool,
  LoadBalancerSettings: loadBalancer,
  LocalityLoadBalancerSetting: localityLb,
  OutlierDetection: outlierDetection,
  ClientTLSSettings: clientTls,
  TrafficPolicy: trafficPolicy,
  ServerTLSSettings: serverTls,
  Port: istioPort,
};

export const exportTo = strings('Namespaces this configuration is visible to: `.` (its own), `*` (all, the default), `~` (none) or namespace names.', { 'x-istio': 'exportTo' });

export { intOrString };
