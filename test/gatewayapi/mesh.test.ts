/** GAMMA routes (a Service as parent) for sidecar traffic, --gateway choosing between the two Gateway
 *  kinds, and the JSON of a Gateway API answer. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulateJson } from '../../server/src/core/routing/json';
import { Positions } from '../../server/src/core/workspace/positions';
import { sim, workspace } from '../helpers/workspace';
import { gateway, hosts, httpRoute, service, through } from './helpers';

const gamma = (name: string, ns: string, rules: string, extra = '', port = '') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ${ns}${extra}}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, namespace: shop${port}}]
  rules: ${rules}
---
`;
const userVs = (extra = '', exportTo = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: user, namespace: shop${extra}}
spec:
  hosts: [svc-hello.shop.svc.cluster.local]${exportTo}
  http: [{route: [{destination: {host: c.shop.svc.cluster.local}}]}]
---
`;
const base = service('svc-hello') + service('a') + service('b') + service('c');
const fromNs = (text: string, ns: string, url = 'http://svc-hello.shop.svc.cluster.local/') => sim(workspace(text), { url, source: { namespace: ns } });

describe('GAMMA routes for sidecar traffic (istio/istio pilot/pkg/config/kube/gateway/route_collections.go HTTPRouteCollection; core/route/route.go buildSidecarVirtualHostsForVirtualService)', () => {
  it('a route in the Service\'s namespace (producer) applies to clients everywhere; the route hostnames are ignored', () => {
    const text = base + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]').replace('  rules:', '  hostnames: [ignored.example.com]\n  rules:');
    for (const ns of ['shop', 'other']) assert.deepEqual(hosts(fromNs(text, ns)), [['a', 100]], ns);
    const r = fromNs(text, 'other');
    assert.deepEqual([r.virtualService, r.gatewayApiRoute?.resource.meta.name], [null, 'p']);
  });

  it('a route in another namespace (consumer) applies to clients of its namespace only', () => {
    const text = base + gamma('c', 'client', '[{backendRefs: [{name: b, namespace: shop, port: 80}]}]');
    assert.deepEqual(hosts(fromNs(text, 'client')), [['b', 100]], 'no ReferenceGrant needed in the mesh');
    assert.equal(fromNs(text, 'third').action, 'defaultService');
  });

  it('a parentRef port limits the route to that Service port (conversion.go augmentPortMatch)', () => {
    const text = service('svc-hello', 'shop', 8080) + service('a') + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]', '', ', port: 9090');
    assert.equal(fromNs(text, 'shop', 'http://svc-hello.shop.svc.cluster.local:8080/').action, 'defaultService');
  });

  it('answers 404 when the owning route has no match, without trying a user VirtualService', () => {
    const text = base + userVs() + gamma('p', 'shop', '[{matches: [{path: {value: /only}}], backendRefs: [{name: a, port: 80}]}]');
    const r = fromNs(text, 'shop', 'http://svc-hello.shop.svc.cluster.local/else');
    assert.deepEqual([r.action, r.status], ['noRoute', 404]);
  });

  it('owns the host against a user VirtualService as SelectVirtualServices orders them (pilot/pkg/model/virtualservice.go SelectVirtualServices)', () => {
    const route = (ts: string) => gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]', `, creationTimestamp: "${ts}"`);
    const vs = (ts: string, exportTo = '') => userVs(`, creationTimestamp: "${ts}"`, exportTo);
    // Client in the Service's namespace: the producer route first, however old the VirtualService.
    assert.deepEqual(hosts(fromNs(base + vs('2020-01-01T00:00:00Z') + route('2025-01-01T00:00:00Z'), 'shop')), [['a', 100]]);
    // Client in a third namespace: the older of the two.
    assert.deepEqual(hosts(fromNs(base + vs('2020-01-01T00:00:00Z') + route('2025-01-01T00:00:00Z'), 'third')), [['c', 100]]);
    assert.deepEqual(hosts(fromNs(base + vs('2026-01-01T00:00:00Z') + route('2025-01-01T00:00:00Z'), 'third')), [['a', 100]]);
    // A VirtualService exported only to its own namespace is that namespace's private list: it comes first there.
    assert.deepEqual(hosts(fromNs(base + vs('2026-01-01T00:00:00Z', '\n  exportTo: ["."]') + route('2025-01-01T00:00:00Z'), 'shop')), [['c', 100]]);
  });
});

describe('--gateway names a Gateway API Gateway too', () => {
  const istioGw = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: infra}\nspec:\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]\n---\n';
  const k8s = gateway() + service('a') + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]');

  it('enters through the Gateway API Gateway of that name on the listener of the URL\'s port', () => {
    assert.deepEqual(hosts(through(k8s, 'http://h/')), [['a', 100]]);
  });

  it('says so when an Istio Gateway has the same name, and lets a group prefix choose', () => {
    const snap = workspace(istioGw + k8s);
    const plain = sim(snap, { url: 'http://h/', gateway: 'infra/gw' });
    assert.ok(plain.trace.some((s) => s.message.includes('both an Istio Gateway and a Gateway API Gateway are named infra/gw')));
    assert.equal(plain.gatewayApiRoute, undefined);
    assert.deepEqual(hosts(sim(snap, { url: 'http://h/', gateway: 'gateway.networking.k8s.io/infra/gw' })), [['a', 100]]);
    assert.ok(sim(snap, { url: 'http://h/', gateway: 'networking.istio.io/infra/gw' }).trace.some((s) => s.message.includes('Gateway infra/gw server on port 80')));
  });

  it('-H Host overrides the URL\'s authority for the virtual host', () => {
    const snap = workspace(gateway() + service('a') + httpRoute('r', '  hostnames: [shop.example.com]\n  rules: [{backendRefs: [{name: a, port: 80}]}]'));
    assert.deepEqual(hosts(through(snap, 'http://10.0.0.9/', ['Host: shop.example.com'])), [['a', 100]]);
    assert.equal(through(snap, 'http://10.0.0.9/').status, 404);
  });
});

describe('simulate --json for a Gateway API answer', () => {
  it('names the route and its rule line, with virtualService and httpRouteIndex null', () => {
    const text = gateway() + service('a') + httpRoute('r', '  rules:\n  - matches: [{path: {value: /x}}]\n    backendRefs: [{name: a, port: 80}]\n  - matches: [{path: {value: /y}}, {path: {value: /z}}]\n    filters: [{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: X-A, value: "1"}]}}]\n    backendRefs: [{name: a, port: 80}]');
    const snap = workspace(text);
    const r = through(snap, 'http://h/z');
    const json = simulateJson(r, new Positions(snap));
    const ruleLine = text.split('\n').findIndex((l) => l.includes('/y')) + 1;
    assert.deepEqual(json.route, { kind: 'HTTPRoute', namespace: 'shop', name: 'r', file: 'fixture.yaml', line: ruleLine });
    assert.deepEqual([json.ruleIndex, json.matchIndex, json.virtualService, json.httpRouteIndex, json.action], [1, 1, null, null, 'route']);
    assert.deepEqual(json.requestHeaders, { host: 'h', 'x-a': '1' });
  });
});

describe('GAMMA details (istio/istio pilot/pkg/config/kube/gateway/route_collections.go HTTPRouteCollection mesh branch; pilot/pkg/model/virtualservice.go SelectVirtualServices)', () => {
  it('a consumer route beats the producer route for clients of its own namespace (generated VirtualServices of the client\'s namespace come first)', () => {
    const text = base + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]', ', creationTimestamp: "2020-01-01T00:00:00Z"')
      + gamma('c', 'client', '[{backendRefs: [{name: b, namespace: shop, port: 80}]}]', ', creationTimestamp: "2025-01-01T00:00:00Z"');
    assert.deepEqual(hosts(fromNs(text, 'client')), [['b', 100]]);
    assert.deepEqual(hosts(fromNs(text, 'third')), [['a', 100]]);
  });

  it('a generated VirtualService without routes for the port is skipped: the next candidate owns the host (core/route/route.go BuildSidecarVirtualHostWrapper)', () => {
    const text = service('svc-hello', 'shop', 8080).replace('ports: [{port: 8080, name: http}]', 'ports: [{port: 8080, name: http}, {port: 9090, name: http-admin}]') + service('a') + service('c')
      + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]', ', creationTimestamp: "2020-01-01T00:00:00Z"', ', port: 9090')
      + userVs(', creationTimestamp: "2025-01-01T00:00:00Z"');
    assert.deepEqual(hosts(fromNs(text, 'shop', 'http://svc-hello.shop.svc.cluster.local:8080/')), [['c', 100]]);
    assert.deepEqual(hosts(fromNs(text, 'shop', 'http://svc-hello.shop.svc.cluster.local:9090/')), [['a', 100]]);
  });

  it('mesh rules answer as gateway ones: 500 for weights summing to 0, a redirect to the Service port (conversion.go convertHTTPRoute, createRedirectFilter)', () => {
    const zero = base + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80, weight: 0}]}]');
    assert.deepEqual([fromNs(zero, 'shop').action, fromNs(zero, 'shop').status], ['directResponse', 500]);
    const redirect = service('svc-hello', 'shop', 8080) + gamma('p', 'shop', '[{filters: [{type: RequestRedirect, requestRedirect: {hostname: other.example.com}}]}]');
    assert.deepEqual(fromNs(redirect, 'shop', 'http://svc-hello.shop.svc.cluster.local:8080/p').redirect, { location: 'http://other.example.com:8080/p', status: 302 });
  });
});

describe('GAMMA ports (istio/istio pilot/pkg/config/kube/gateway/conversion.go augmentPortMatch; pilot/pkg/networking/core/httproute.go BuildSidecarOutboundVirtualHosts)', () => {
  it('without a parent port the route applies to the Service\'s HTTP ports, not to a TCP port', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: svc-hello, namespace: shop}\nspec: {selector: {app: svc-hello}, ports: [{port: 80, name: http}, {port: 5432, name: tcp-db}]}\n---\n';
    const text = svc + service('a') + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]');
    assert.deepEqual(hosts(fromNs(text, 'shop')), [['a', 100]]);
    const tcp = fromNs(text, 'shop', 'tcp://svc-hello.shop.svc.cluster.local:5432');
    assert.deepEqual([tcp.gatewayApiRoute ?? null, tcp.action], [null, 'defaultService']);
  });
});

describe('GAMMA routes follow the Host header (istio/istio pilot/pkg/networking/core/httproute.go BuildSidecarOutboundVirtualHosts; Istio runs its conformance with MeshClusterIPMatching off)', () => {
  const ip = (name: string, addr: string) => service(name).replace('spec: {selector', `spec: {clusterIP: ${addr}, selector`);

  it('a request to another Service\'s IP with the Host of svc-hello uses svc-hello\'s route', () => {
    const text = ip('svc-hello', '10.96.0.10') + ip('other', '10.96.0.20') + service('a') + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]');
    const r = sim(workspace(text), { url: 'http://10.96.0.20/', headers: ['Host: svc-hello.shop.svc.cluster.local'], source: { namespace: 'shop' } });
    assert.equal(r.gatewayApiRoute?.resource.meta.name, 'p');
  });

  it('a request to a pod IP names no Service: no Service-parent route applies, the request passes through', () => {
    const text = base + gamma('p', 'shop', '[{backendRefs: [{name: a, port: 80}]}]');
    const r = sim(workspace(text), { url: 'http://10.0.0.1/', source: { namespace: 'shop' } });
    assert.deepEqual([r.gatewayApiRoute ?? null, r.action], [null, 'passthrough']);
  });
});

describe('ServiceEntry parents (istio/istio pilot/pkg/config/kube/gateway/route_collections.go HTTPRouteCollection: the mesh VirtualService hosts are the ServiceEntry hosts)', () => {
  const serviceEntry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api, namespace: shop}
spec:
  hosts: [api.example.com, api2.example.com]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS
---
`;
  const seRoute = (ns: string, rules: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: se, namespace: ${ns}}
spec:
  parentRefs: [{group: networking.istio.io, kind: ServiceEntry, name: api, namespace: shop}]
  rules: ${rules}
---
`;

  it('routes sidecar traffic to each ServiceEntry host by the route, producer for every client, consumer for its own namespace', () => {
    const text = base + serviceEntry + seRoute('shop', '[{matches: [{path: {value: /v1}}], backendRefs: [{name: a, port: 80}]}]');
    const snap = workspace(text);
    for (const host of ['api.example.com', 'api2.example.com']) {
      const r = sim(snap, { url: `http://${host}/v1/x`, source: { namespace: 'other' } });
      assert.deepEqual([hosts(r), r.gatewayApiRoute?.resource.meta.name], [[['a', 100]], 'se'], host);
      assert.ok(r.trace.some((t) => t.message.includes(`VirtualService shop/shop~${host} for the mesh`)), `one generated VirtualService per host: ${host}`);
      assert.deepEqual([fromNs(text, 'other', `http://${host}/else`).status], [404], 'the route owns the host: no match is a 404');
    }
    const consumer = base + serviceEntry + seRoute('client', '[{backendRefs: [{name: b, namespace: shop, port: 80}]}]');
    assert.deepEqual(hosts(fromNs(consumer, 'client', 'http://api.example.com/')), [['b', 100]]);
    assert.notEqual(fromNs(consumer, 'third', 'http://api.example.com/').gatewayApiRoute?.resource.meta.name, 'se');
  });
});
