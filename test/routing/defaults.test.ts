/** No VirtualService, unknown hosts, outboundTrafficPolicy, TCP/TLS routes and protocol selection
 *  (route.go BuildDefaultHTTPOutboundRoute; httproute.go buildCatchAllVirtualHost; tls.go;
 *  pkg/config/kube/conversion.go ConvertProtocol; istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pods, sim, workspace } from '../helpers/workspace';
import { BASE, REVIEWS } from './base';

describe('default routing and unknown hosts', () => {
  it('no VirtualService: the service itself, weight 100, all its ready pods', () => {
    const r = sim(workspace(BASE), `${REVIEWS}/`);
    assert.equal(r.action, 'defaultService');
    assert.equal(r.destinations[0].weight, 100);
    assert.equal(r.destinations[0].loadBalancer, 'LEAST_REQUEST');
    assert.deepEqual(pods(r), ['default/reviews-v1', 'default/reviews-v2', 'default/reviews-v3']);
  });
  it('an unknown host passes through with ALLOW_ANY', () => {
    const r = sim(workspace(BASE), 'http://api.example.com/');
    assert.equal(r.action, 'passthrough');
    assert.deepEqual(r.destinations, []);
  });
  it('REGISTRY_ONLY (mesh) blackholes it with 502', () => {
    const r = sim(workspace(BASE, { outboundTrafficPolicy: 'REGISTRY_ONLY' }), 'http://api.example.com/');
    assert.equal(r.action, 'blackhole');
    assert.equal(r.status, 502);
  });
  it("a Sidecar's outboundTrafficPolicy overrides the mesh's", () => {
    const snap = workspace(BASE + `---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: default }
spec: { outboundTrafficPolicy: { mode: REGISTRY_ONLY } }
`);
    assert.equal(sim(snap, 'http://api.example.com/').action, 'blackhole');
    assert.equal(sim(snap, { url: 'http://api.example.com/', source: { namespace: 'other', labels: {} } }).action, 'passthrough');
  });
  it('a ServiceEntry host is a service', () => {
    const snap = workspace(BASE + `---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext, namespace: default }
spec:
  hosts: [api.example.com]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: DNS
`, { outboundTrafficPolicy: 'REGISTRY_ONLY' });
    const r = sim(snap, 'http://api.example.com/');
    assert.equal(r.action, 'defaultService');
    assert.equal(r.destinations[0].host, 'api.example.com');
  });
});

const TCP = `---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: default }
spec:
  selector: { app: db }
  ports: [{ name: tcp-db, port: 5432 }]
---
apiVersion: v1
kind: Pod
metadata: { name: db-0, namespace: default, labels: { app: db } }
---
apiVersion: v1
kind: Pod
metadata: { name: db-1, namespace: default, labels: { app: db, role: replica } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: db, namespace: default }
spec:
  hosts: [db]
  http:
  - route: [{ destination: { host: reviews } }]
  tcp:
  - match: [{ port: 5432, sourceLabels: { app: reports } }]
    route: [{ destination: { host: db, subset: replica } }]
  - route: [{ destination: { host: db } }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: db, namespace: default }
spec:
  host: db
  subsets: [{ name: replica, labels: { role: replica } }]
`;

describe('protocol selection and TCP routes', () => {
  it('a tcp- port uses tcp routes and never the http ones', () => {
    const r = sim(workspace(BASE + TCP), 'tcp://db.default.svc.cluster.local:5432');
    assert.equal(r.protocol, 'tcp');
    assert.equal(r.tcpRouteIndex, 1);
    assert.equal(r.httpRouteIndex, null);
    assert.equal(r.destinations[0].port, 5432, 'a tcp destination without port takes the service only port');
  });
  it('tcp match conditions are ANDed per client', () => {
    const r = sim(workspace(BASE + TCP), { url: 'tcp://db.default.svc.cluster.local:5432', source: { labels: { app: 'reports' } } });
    assert.equal(r.tcpRouteIndex, 0);
    assert.deepEqual(pods(r), ['default/db-1']);
  });
  it('an http:// request to a tcp port is still TCP', () => {
    assert.equal(sim(workspace(BASE + TCP), 'http://db.default.svc.cluster.local:5432/').protocol, 'tcp');
  });
  it('the Kubernetes protocol: TCP field does not make a port TCP; an unnamed port is sniffed', () => {
    const snap = workspace(BASE + `---
apiVersion: v1
kind: Service
metadata: { name: plain, namespace: default }
spec: { selector: { app: reviews }, ports: [{ port: 7000, protocol: TCP }] }
`);
    assert.equal(sim(snap, 'http://plain.default.svc.cluster.local:7000/').protocol, 'http');
    assert.equal(sim(snap, 'tcp://plain.default.svc.cluster.local:7000').protocol, 'tcp');
  });
  it('appProtocol wins over the name', () => {
    const snap = workspace(BASE + `---
apiVersion: v1
kind: Service
metadata: { name: ap, namespace: default }
spec: { selector: { app: reviews }, ports: [{ name: web, port: 7001, appProtocol: tcp }] }
`);
    assert.equal(sim(snap, 'http://ap.default.svc.cluster.local:7001/').protocol, 'tcp');
  });
});

describe('TLS routes by SNI', () => {
  const snap = workspace(BASE + `---
apiVersion: v1
kind: Service
metadata: { name: secure, namespace: default }
spec: { selector: { app: reviews }, ports: [{ name: https, port: 443 }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: secure, namespace: default }
spec:
  hosts: [secure]
  tls:
  - match: [{ sniHosts: [secure.default.svc.cluster.local], port: 443 }]
    route: [{ destination: { host: ratings, port: { number: 9080 } } }]
`);
  it('the matching SNI takes the tls route', () => {
    const r = sim(snap, 'tls://secure.default.svc.cluster.local:443');
    assert.equal(r.protocol, 'tls');
    assert.equal(r.tlsRouteIndex, 0);
    assert.equal(r.destinations[0].host, 'ratings.default.svc.cluster.local');
  });
  it('another SNI falls back to plain TCP proxying to the service', () => {
    const r = sim(snap, { url: 'tls://secure.default.svc.cluster.local:443', sni: 'other.example' });
    assert.equal(r.action, 'defaultService');
  });
});
