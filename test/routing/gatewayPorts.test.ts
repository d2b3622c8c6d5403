/** Gateway ports are Service ports, TLS servers match on SNI, and a connection without an HTTP answer
 *  says so. istio/istio pilot/pkg/model/gateway.go MergeGateways/resolvePorts (a server port that is a
 *  port of the gateway's Service listens on its targetPort; other numbers as written) and
 *  GetSNIHostsForServer; pilot/pkg/networking/core/gateway.go buildGatewayListeners (one filter chain
 *  per TLS server, matched by SNI; no match: Envoy closes the connection). Bookinfo's Gateway listens
 *  on 8080 behind the ingress Service's 80→8080 (samples/bookinfo/networking/bookinfo-gateway.yaml). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, workspace } from '../helpers/workspace';

const INGRESS = `
#- file: ingress.yaml
apiVersion: apps/v1
kind: Deployment
metadata: { name: istio-ingressgateway, namespace: istio-system }
spec:
  template:
    metadata: { labels: { istio: ingressgateway, app: istio-ingressgateway } }
    spec: { containers: [{ name: istio-proxy, image: proxyv2, ports: [{ containerPort: 8080 }, { containerPort: 8443 }] }] }
`;
const INGRESS_SERVICE = `
#- file: ingress-service.yaml
apiVersion: v1
kind: Service
metadata: { name: istio-ingressgateway, namespace: istio-system }
spec:
  type: LoadBalancer
  selector: { istio: ingressgateway }
  ports: [{ name: http2, port: 80, targetPort: 8080 }, { name: https, port: 443, targetPort: 8443 }]
`;
const APP = `
#- file: productpage.yaml
apiVersion: v1
kind: Service
metadata: { name: productpage, namespace: default }
spec: { selector: { app: productpage }, ports: [{ name: http, port: 9080 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: productpage-v1, namespace: default, labels: { app: productpage } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: bookinfo, namespace: default }
spec:
  hosts: ['*']
  gateways: [bookinfo-gateway]
  http:
  - match: [{ uri: { exact: /productpage } }]
    route: [{ destination: { host: productpage, port: { number: 9080 } } }]
`;
const gateway = (port: number) => `
#- file: gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: ${port}, name: http, protocol: HTTP }, hosts: ['*'] }]
`;
const at = (text: string, url: string, extra: object = {}) => sim(workspace(text), { url, gateway: 'default/bookinfo-gateway', ...extra });

describe('gateway ports are Service ports (resolvePorts)', () => {
  it("Bookinfo: a request to the ingress Service's port 80 reaches the server on 8080 (targetPort)", () => {
    const r = at(INGRESS + INGRESS_SERVICE + APP + gateway(8080), 'http://192.0.2.10/productpage');
    assert.equal(r.action, 'route');
    assert.deepEqual(r.destinations.map((d) => d.host), ['productpage.default.svc.cluster.local']);
    assert.ok(r.trace.some((s) => s.message.includes("port 80 of Service istio-system/istio-ingressgateway (the gateway workload's) sends the connection to the gateway pod's port 8080")));
  });

  it('a server on a Service port listens on its targetPort: port 80 binds 8080', () => {
    const r = at(INGRESS + INGRESS_SERVICE + APP + gateway(80), 'http://192.0.2.10/productpage');
    assert.equal(r.action, 'route');
    assert.ok(r.trace.some((s) => s.message.includes('the server on port 80 listens on 8080')));
  });

  it("without the gateway's Service, ports are taken as written and the trace says so", () => {
    const r = at(INGRESS + APP + gateway(8080), 'http://192.0.2.10/productpage');
    assert.equal(r.action, 'noRoute');
    assert.equal(r.connection, 'refused');
    assert.equal(r.status, null);
    assert.ok(r.trace.some((s) => s.message.startsWith('no Service in the workspace selects the gateway workload')));
    assert.equal(at(INGRESS + APP + gateway(8080), 'http://192.0.2.10:8080/productpage').action, 'route');
  });
});

const TLS_GATEWAY = `
#- file: gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 443, name: https-a, protocol: HTTPS }
    tls: { mode: SIMPLE, credentialName: a-cert }
    hosts: [a.example.com]
  - port: { number: 443, name: https-b, protocol: HTTPS }
    tls: { mode: SIMPLE, credentialName: b-cert }
    hosts: [b.example.com]
`;
const TLS_APP = APP.replace("hosts: ['*']", 'hosts: [a.example.com, b.example.com]');

describe('TLS servers match on SNI (a filter chain per server)', () => {
  it('the SNI picks the server; a Host of another server is not among its virtual hosts', () => {
    const text = INGRESS + INGRESS_SERVICE + TLS_APP + TLS_GATEWAY;
    assert.equal(at(text, 'https://a.example.com/productpage').action, 'route');
    assert.equal(at(text, 'https://b.example.com/productpage').action, 'route');
    const crossed = at(text, 'https://a.example.com/productpage', { headers: ['Host: b.example.com'] });
    assert.equal(crossed.status, 404, 'the chain of a.example.com serves only its own hosts');
  });

  it('a connection whose SNI matches no server is closed, with no HTTP status', () => {
    const r = at(INGRESS + INGRESS_SERVICE + TLS_APP + TLS_GATEWAY, 'https://c.example.com/productpage');
    assert.equal(r.connection, 'closed');
    assert.equal(r.status, null);
    assert.match(r.trace[r.trace.length - 1].message, /SNI "c\.example\.com": Envoy finds no filter chain and closes the connection/);
  });
});

describe('connections that never get an HTTP answer', () => {
  it('a TCP connection to a cluster that does not exist is closed, not a 503', () => {
    const text = `
#- file: db.yaml
apiVersion: v1
kind: Service
metadata: { name: db, namespace: default }
spec: { selector: { app: db }, ports: [{ name: tcp-db, port: 5432 }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: db, namespace: default }
spec:
  hosts: [db]
  tcp: [{ route: [{ destination: { host: db-replica, port: { number: 5432 } } }] }]
`;
    const r = sim(workspace(text), 'tcp://db.default.svc.cluster.local:5432');
    assert.equal(r.connection, 'closed');
    assert.equal(r.status, null);
  });
});
