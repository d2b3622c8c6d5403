/** TCPRoute and TLSRoute through a Kubernetes Gateway: which route takes a connection and where it goes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, workspace } from '../helpers/workspace';
import { gateway, hosts, service } from './helpers';

const route = (kind: 'TCPRoute' | 'TLSRoute', name: string, spec: string, meta = '') => `apiVersion: gateway.networking.k8s.io/v1alpha2
kind: ${kind}
metadata: {name: ${name}, namespace: shop${meta}}
spec:
  parentRefs: [{name: gw, namespace: infra}]
${spec}
---
`;

const TCP = "{name: tcp, port: 9000, protocol: TCP, allowedRoutes: {namespaces: {from: All}}}";
const TLS = "{name: tls, port: 443, protocol: TLS, tls: {mode: Passthrough}, allowedRoutes: {namespaces: {from: All}}}";
const connect = (yaml: string, url: string, sni?: string) => sim(workspace(yaml), { url, gateway: 'infra/gw', sni });

describe('TCPRoute on a TCP listener (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertTCPRoute; pilot/pkg/networking/core/gateway.go buildGatewayNetworkFiltersFromTCPRoutes)', () => {
  it('weighted backendRefs share connections by weight / total, as HTTP backends do (conversion.go buildTCPDestination)', () => {
    const r = connect(gateway(TCP) + service('a', 'shop', 5432) + service('b', 'shop', 5432)
      + route('TCPRoute', 'db', '  rules:\n  - backendRefs: [{name: a, port: 5432, weight: 3}, {name: b, port: 5432, weight: 1}]'), 'tcp://db.example.com:9000');
    assert.equal(r.action, 'route');
    assert.deepEqual(hosts(r), [['a', 75], ['b', 25]]);
  });

  it('a rule whose weights sum to 0 resets every connection (conversion.go buildTCPDestination: the zero-weight blackhole)', () => {
    const r = connect(gateway(TCP) + service('a', 'shop', 5432)
      + route('TCPRoute', 'db', '  rules:\n  - backendRefs: [{name: a, port: 5432, weight: 0}]'), 'tcp://db.example.com:9000');
    assert.deepEqual(r.destinations, []);
    assert.deepEqual([r.status, r.connection], [null, 'reset']);
    assert.match(r.trace.map((s) => s.message).join('\n'), /connection is reset/);
  });

  it('the first TCPRoute in the Gateway\'s namespace-then-oldest order takes the whole listener; a later one gets nothing (gateway.go buildGatewayNetworkFiltersFromTCPRoutes)', () => {
    const yaml = gateway(TCP) + service('a', 'shop', 5432) + service('b', 'shop', 5432)
      + route('TCPRoute', 'newer', '  rules:\n  - backendRefs: [{name: b, port: 5432}]', ', creationTimestamp: "2024-02-01T00:00:00Z"')
      + route('TCPRoute', 'older', '  rules:\n  - backendRefs: [{name: a, port: 5432}]', ', creationTimestamp: "2024-01-01T00:00:00Z"');
    const r = connect(yaml, 'tcp://db.example.com:9000');
    assert.deepEqual(hosts(r), [['a', 100]]);
    assert.equal(r.route?.resource.meta.name, 'older');
  });
});

describe('TLSRoute on a Passthrough listener (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildTLSMatch; pilot/pkg/networking/core/gateway.go buildGatewayNetworkFiltersFromTLSRoutes)', () => {
  const yaml = gateway(TLS) + service('exact', 'shop', 443) + service('wild', 'shop', 443)
    + route('TLSRoute', 'exact', '  hostnames: [api.example.com]\n  rules:\n  - backendRefs: [{name: exact, port: 443}]')
    + route('TLSRoute', 'wild', '  hostnames: ["*.example.com"]\n  rules:\n  - backendRefs: [{name: wild, port: 443}]');

  it('the SNI picks the filter chain: the exact server name before the wildcard', () => {
    assert.deepEqual(hosts(connect(yaml, 'tls://api.example.com:443')), [['exact', 100]]);
    assert.deepEqual(hosts(connect(yaml, 'tls://10.0.0.9:443', 'shop.example.com')), [['wild', 100]]);
  });

  it('an SNI that no route\'s hostnames cover matches no filter chain: the connection is closed, with no HTTP status', () => {
    const r = connect(yaml, 'tls://api.other.org:443');
    assert.equal(r.action, 'noRoute');
    assert.deepEqual(r.destinations, []);
    assert.deepEqual([r.status, r.connection], [null, 'closed']);
  });
});

describe('More TCP and TLS listener rules (istio/istio pilot/pkg/networking/core/gateway.go buildGatewayNetworkFiltersFromTLSRoutes, buildGatewayNetworkFiltersFromTCPRoutes; gatewaycommon/conversion.go GenerateGatewaySupportedKinds)', () => {
  it('two TLSRoutes with the same SNI: the first in VirtualServicesForGateway order (oldest) takes it', () => {
    const yaml = gateway(TLS) + service('old', 'shop', 443) + service('new', 'shop', 443)
      + route('TLSRoute', 'newer', '  hostnames: [api.example.com]\n  rules:\n  - backendRefs: [{name: new, port: 443}]', ', creationTimestamp: "2024-02-01T00:00:00Z"')
      + route('TLSRoute', 'older', '  hostnames: [api.example.com]\n  rules:\n  - backendRefs: [{name: old, port: 443}]', ', creationTimestamp: "2024-01-01T00:00:00Z"');
    assert.deepEqual(hosts(connect(yaml, 'tls://api.example.com:443')), [['old', 100]]);
  });

  it('a TLS listener in Terminate mode carries TCPRoutes: the decrypted stream goes to the backend', () => {
    const terminate = "{name: tls, port: 443, protocol: TLS, tls: {mode: Terminate, certificateRefs: [{name: cert}]}, allowedRoutes: {namespaces: {from: All}}}";
    const r = connect(gateway(terminate) + service('a', 'shop', 5432) + route('TCPRoute', 'db', '  rules:\n  - backendRefs: [{name: a, port: 5432}]'), 'tls://db.example.com:443');
    assert.deepEqual(hosts(r), [['a', 100]]);
  });

  it('a TCPRoute to a missing Service, or a TCP listener without route: the connection is closed (conversion.go buildTCPDestination)', () => {
    const r = connect(gateway(TCP) + route('TCPRoute', 'db', '  rules:\n  - backendRefs: [{name: nope, port: 5432}]'), 'tcp://db.example.com:9000');
    assert.deepEqual([r.status, r.connection, r.destinations], [null, 'closed', []]);
    assert.deepEqual([connect(gateway(TCP), 'tcp://db.example.com:9000').connection, connect(gateway(TCP), 'tcp://db.example.com:9001').connection], ['closed', 'refused']);
  });
});
