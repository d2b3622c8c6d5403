/** The route model's provenance in `simulate --json`: `route` {kind, namespace, name, file, line},
 *  `ruleIndex` and `matchIndex` name the rule and match block that decided, for any source; for a
 *  VirtualService, `ruleIndex` is the http, tcp or tls index and `line` the rule's line. And the
 *  segment-aware prefix match Envoy offers as `path_separated_prefix` (envoyproxy/envoy
 *  api/envoy/config/route/v3/route_components.proto RouteMatch), which Istio writes for a Gateway
 *  API `PathPrefix` (istio/istio pilot/pkg/config/kube/gateway/conversion.go createURIMatch). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulateJson } from '../../server/src/core/routing/json';
import { pathMatches, whyNotMatched } from '../../server/src/core/routing/match';
import { parseRequest } from '../../server/src/core/routing/request';
import { Positions } from '../../server/src/core/workspace/positions';
import { sim, workspace } from '../helpers/workspace';

const FILES = `#- file: svc.yaml
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  ports:
  - { port: 80, name: http }
  - { port: 5432, name: tcp-db }
  - { port: 443, name: tls }
#- file: vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: shop }
spec:
  hosts: [web]
  http:
  - match:
    - uri: { exact: /a }
    - uri: { prefix: /b }
    route:
    - destination: { host: web }
  - match:
    - uri: { prefix: /team }
    delegate: { name: team }
  tcp:
  - match: [{ port: 5432 }]
    route:
    - destination: { host: web, port: { number: 5432 } }
  tls:
  - match: [{ port: 443, sniHosts: [web.shop.svc.cluster.local] }]
    route:
    - destination: { host: web, port: { number: 443 } }
#- file: team.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: team, namespace: shop }
spec:
  http:
  - match: [{ uri: { prefix: /team/x } }]
    directResponse: { status: 418 }
  - route:
    - destination: { host: web }
`;

function json(url: string, sni?: string) {
  const snap = workspace(FILES);
  return simulateJson(sim(snap, { url, sni, source: { namespace: 'shop', labels: {} } }), new Positions(snap)) as Record<string, unknown>;
}

describe('simulate --json names the route that decided', () => {
  it('an http rule and match of a VirtualService: route, ruleIndex, matchIndex, line of the rule', () => {
    const out = json('http://web.shop.svc.cluster.local/b/c');
    assert.deepEqual(out.route, { kind: 'VirtualService', namespace: 'shop', name: 'web', file: 'vs.yaml', line: 7 });
    assert.equal(out.ruleIndex, 0);
    assert.equal(out.matchIndex, 1);
    assert.equal(out.httpRouteIndex, 0);
  });

  it('a delegated rule: the delegate and its rule', () => {
    const out = json('http://web.shop.svc.cluster.local/team/x/1');
    assert.equal(out.action, 'directResponse');
    assert.deepEqual(out.route, { kind: 'VirtualService', namespace: 'shop', name: 'team', file: 'team.yaml', line: 6 });
    assert.equal(out.ruleIndex, 0);
    const rest = json('http://web.shop.svc.cluster.local/team/y');
    assert.equal(rest.ruleIndex, 1);
    assert.equal((rest.route as { line: number }).line, 8);
    assert.equal((rest.rootVirtualService as { httpRouteIndex: number }).httpRouteIndex, 1);
  });

  it('tcp and tls rules: ruleIndex is their index, matchIndex stays null', () => {
    const tcp = json('tcp://web.shop.svc.cluster.local:5432');
    assert.deepEqual([tcp.ruleIndex, tcp.tcpRouteIndex, tcp.matchIndex, (tcp.route as { line: number }).line], [0, 0, null, 16]);
    const tls = json('tls://web.shop.svc.cluster.local:443');
    assert.deepEqual([tls.ruleIndex, tls.tlsRouteIndex, (tls.route as { line: number }).line], [0, 0, 20]);
  });

  it('no rule decided (no route matches, or no VirtualService): route and ruleIndex are null', () => {
    const miss = json('http://web.shop.svc.cluster.local/zzz');
    assert.equal(miss.action, 'noRoute');
    assert.deepEqual([miss.route, miss.ruleIndex], [null, null]);
    assert.equal((miss.virtualService as { name: string }).name, 'web', 'the 404 still names the VirtualService that owns the host');
  });
});

describe('segment-aware prefix match (Envoy path_separated_prefix)', () => {
  const m = { kind: 'pathSeparatedPrefix' as const, value: '/v2' };
  it('matches the prefix itself and what continues it with /', () => {
    for (const p of ['/v2', '/v2/', '/v2/x']) assert.ok(pathMatches(m, p), p);
  });
  it('does not match a longer segment, another case or a shorter path', () => {
    for (const p of ['/v2x', '/v2example', '/V2', '/v', '/']) assert.ok(!pathMatches(m, p), p);
  });
  it('is checked on the path without its query, and said in words when it fails', () => {
    const route = { path: m, ignoreCase: false, headers: [], queryParams: [] };
    assert.equal(whyNotMatched(route, parseRequest({ url: 'http://a/v2?x=1' })), undefined);
    assert.match(whyNotMatched(route, parseRequest({ url: 'http://a/v2x' })) ?? '', /whole segments/);
  });
});
