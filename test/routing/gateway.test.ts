/** Ingress through an Istio Gateway (pilot/pkg/networking/core/gateway.go buildGatewayRoutes;
 *  route.go SortVHostRoutes/IsCatchAllRoute; istio.io/latest/docs/reference/config/networking/gateway/). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pods, sim, workspace } from '../helpers/workspace';
import { BASE } from './base';

const GW = `---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: public, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*/bookinfo.example.com", "default/*.shop.example.com"]
  - port: { number: 8080, name: http-redirect, protocol: HTTP }
    hosts: ["*"]
    tls: { httpsRedirect: true }
`;
const vs = (name: string, created: string, http: string, hosts = '[bookinfo.example.com]') => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${name}, namespace: default, creationTimestamp: "${created}" }
spec:
  hosts: ${hosts}
  gateways: [istio-system/public]
  http:
${http}
`;

const OLD_CATCH_ALL = vs('old', '2024-01-01T00:00:00Z', `  - route: [{ destination: { host: reviews } }]`);
const NEW_SPECIFIC = vs('new', '2025-01-01T00:00:00Z', `  - match: [{ uri: { prefix: /ratings } }]
    route: [{ destination: { host: ratings } }]`);

describe('gateway routes', () => {
  const snap = workspace(BASE + GW + OLD_CATCH_ALL + NEW_SPECIFIC);
  const at = (url: string) => sim(snap, { url, gateway: 'istio-system/public' });

  it('VirtualServices on one gateway host are merged and catch-all routes move last', () => {
    const r = at('http://bookinfo.example.com/ratings/1');
    assert.equal(r.virtualService?.meta.name, 'new');
    assert.deepEqual(pods(r), ['default/ratings-v1']);
    assert.equal(at('http://bookinfo.example.com/other').virtualService?.meta.name, 'old');
  });
  it('a destination without port takes the service only port (gateways look up the full service)', () => {
    const r = at('http://bookinfo.example.com/');
    assert.equal(r.destinations[0].port, 9080);
    assert.equal(r.destinations[0].cluster, 'outbound|9080||reviews.default.svc.cluster.local');
  });
  it('a host that no bound VirtualService serves gets 404', () => {
    const r = at('http://unknown.example.com/');
    assert.equal(r.action, 'noRoute');
    assert.equal(r.status, 404);
  });
  it('server hosts restrict namespaces: default/*.shop.example.com admits VirtualServices of default only', () => {
    const shop = vs('shop', '2024-01-01T00:00:00Z', '  - route: [{ destination: { host: reviews.default.svc.cluster.local } }]', '[www.shop.example.com]');
    const admitted = workspace(BASE + GW + shop);
    assert.equal(sim(admitted, { url: 'http://www.shop.example.com/', gateway: 'istio-system/public' }).action, 'route');
    const refused = workspace(BASE + GW + shop.replace('namespace: default', 'namespace: other'));
    const r = sim(refused, { url: 'http://www.shop.example.com/', gateway: 'istio-system/public' });
    assert.equal(r.action, 'noRoute');
    assert.equal(r.status, 404);
  });
  it('httpsRedirect answers 301 to https', () => {
    const r = at('http://bookinfo.example.com:8080/a?b=1');
    assert.deepEqual(r.redirect, { location: 'https://bookinfo.example.com/a?b=1', status: 301 });
  });
  it('sidecars do not see a gateway-only VirtualService', () => {
    assert.equal(sim(snap, 'http://reviews.default.svc.cluster.local:9080/ratings').action, 'defaultService');
  });
  it('a port without server refuses the connection', () => {
    assert.equal(at('http://bookinfo.example.com:9999/').action, 'noRoute');
  });
});
