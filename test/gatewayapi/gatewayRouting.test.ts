/** Routing through a Gateway API Gateway: which Gateway, listener and virtual host a request meets,
 *  and the order of the routes in it, as Istio builds them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routeStatus } from '../../server/src/core/gatewayapi/status';
import { sim, workspace } from '../helpers/workspace';
import { decidedBy, gateway, hosts, httpRoute, service, through } from './helpers';

const ALL = 'allowedRoutes: {namespaces: {from: All}}';
const named = (r: ReturnType<typeof through>) => r.gatewayApiRoute?.resource.meta.name ?? `${r.action} ${r.status}`;

describe('Gateway proxies and parents (istio/istio pilot/pkg/config/kube/gatewaycommon/gateway_utils.go GetDefaultName; pilot/pkg/model/push_context.go mergeGateways; pilot/pkg/config/kube/gateway/conversion.go filteredReferences)', () => {
  it('each Gateway has its own proxy: a route on another Gateway with a listener on the same port is not served', () => {
    const other = gateway().replace('name: gw,', 'name: gw2,');
    const snap = workspace(gateway() + other + service('a')
      + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]').replace('{name: gw, namespace: infra}', '{name: gw2, namespace: infra}'));
    assert.equal(decidedBy(through(snap, 'http://h/')), 'noRoute 404');
    assert.equal(named(sim(snap, { url: 'http://h/', gateway: 'infra/gw2' })), 'r');
  });

  it('a parent that denies the route gets none of its rules (a sectionName naming no listener)', () => {
    const snap = workspace(gateway() + service('a') + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]').replace('namespace: infra}', 'namespace: infra, sectionName: nope}'));
    const r = through(snap, 'http://h/');
    assert.equal(decidedBy(r), 'noRoute 404');
    assert.ok(r.trace.some((s) => s.message.includes('is not attached to infra/gw: NoMatchingParent')));
  });

  it('a route with a Gateway and a Service parent is converted twice: the ReferenceGrant is needed through the Gateway only (route_collections.go buildMeshAndGatewayRoutes, computeRoute)', () => {
    const text = gateway() + service('svc') + service('api', 'backends') + httpRoute('r', '  rules: [{backendRefs: [{name: api, namespace: backends, port: 80}]}]')
      .replace('parentRefs: [{name: gw, namespace: infra}]', 'parentRefs: [{name: gw, namespace: infra}, {group: "", kind: Service, name: svc}]');
    const snap = workspace(text);
    const viaGateway = through(snap, 'http://h/');
    assert.deepEqual([viaGateway.action, viaGateway.status, viaGateway.destinations], ['route', 500, []], 'RefNotPermitted: the share answers 500');
    assert.deepEqual(hosts(sim(snap, { url: 'http://svc.shop.svc.cluster.local/', source: { namespace: 'shop' } })), [['api', 100]]);
    const st = routeStatus(snap, snap.httpRoutes[0]);
    assert.deepEqual(st.parents.map((p) => [p.parentRef.kind, p.resolvedRefs.reason]), [['Gateway', 'RefNotPermitted'], ['Service', 'ResolvedRefs']], 'each parent reports the error of its own conversion');
  });
});

describe('Virtual hosts of a port (istio/istio pilot/pkg/networking/core/gateway.go buildGatewayHTTPRouteConfig; pkg/config/host/names.go Intersection; Envoy virtual host selection)', () => {
  it('a route without hostnames on listener *.bar.com makes virtual host *.bar.com: any depth of labels, not bar.com itself, case-insensitive', () => {
    const snap = workspace(gateway(`{name: wild, port: 80, protocol: HTTP, hostname: "*.bar.com", ${ALL}}`) + service('a') + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]'));
    assert.equal(named(through(snap, 'http://a.b.bar.com/')), 'r');
    assert.equal(named(through(snap, 'http://x/', ['Host: X.BAR.com'])), 'r');
    assert.equal(named(through(snap, 'http://bar.com/')), 'noRoute 404');
  });

  it('listener *.example.com with route hostname *.com intersect to *.example.com; a specific route host under a wildcard listener is that host', () => {
    const snap = workspace(gateway(`{name: wild, port: 80, protocol: HTTP, hostname: "*.example.com", ${ALL}}`) + service('a') + service('b')
      + httpRoute('com', '  hostnames: ["*.com"]\n  rules: [{backendRefs: [{name: a, port: 80}]}]'));
    assert.equal(named(through(snap, 'http://x.example.com/')), 'com');
    assert.equal(named(through(snap, 'http://x.other.com/')), 'noRoute 404', 'only the intersection is a domain');
  });

  it('a route hostname on a wildcard listener is left to a listener of the same port and protocol whose hostname covers it (conversion.go hostnameAllowedByIsolation: BannedHostnames)', () => {
    const attached = (name: string, section: string, spec: string, ts: string) => httpRoute(name, `  parentRefs: [{name: gw, namespace: infra, sectionName: ${section}}]\n${spec}`, `, creationTimestamp: "${ts}"`).replace('  parentRefs: [{name: gw, namespace: infra}]\n', '');
    const snap = workspace(gateway(`{name: wild, port: 80, protocol: HTTP, hostname: "*.example.com", ${ALL}}`, `{name: foo, port: 80, protocol: HTTP, hostname: foo.example.com, ${ALL}}`) + service('a') + service('b')
      + attached('viaWild', 'wild', '  hostnames: [foo.example.com, bar.example.com]\n  rules: [{matches: [{path: {value: /a}}], backendRefs: [{name: a, port: 80}]}]', '2024-01-01T00:00:00Z')
      + attached('viaFoo', 'foo', '  rules: [{matches: [{path: {value: /b}}], backendRefs: [{name: b, port: 80}]}]', '2024-02-01T00:00:00Z'));
    assert.equal(named(through(snap, 'http://foo.example.com/a')), 'noRoute 404');
    assert.equal(named(through(snap, 'http://foo.example.com/b')), 'viaFoo');
    assert.equal(named(through(snap, 'http://bar.example.com/a')), 'viaWild', 'a hostname no other listener covers stays');
  });
});

describe('Route order inside a virtual host (istio/istio pilot/pkg/model/push_context.go VirtualServicesForGateway; pilot/pkg/networking/core/route/route.go SortVHostRoutes, IsCatchAllRoute)', () => {
  // On listener foo.example.com, route hostnames foo.example.com and *.example.com are two generated
  // VirtualServices that both land in virtual host foo.example.com.
  const listener = `{name: foo, port: 80, protocol: HTTP, hostname: foo.example.com, ${ALL}}`;

  it('concatenates the generated VirtualServices by age, not by Gateway API precedence: an older prefix beats a newer exact path of another hostname', () => {
    const snap = workspace(gateway(listener) + service('a') + service('b')
      + httpRoute('older', '  hostnames: ["*.example.com"]\n  rules: [{matches: [{path: {value: /api}}], backendRefs: [{name: a, port: 80}]}]', ', creationTimestamp: "2024-01-01T00:00:00Z"')
      + httpRoute('newer', '  hostnames: [foo.example.com]\n  rules: [{matches: [{path: {type: Exact, value: /api/x}}], backendRefs: [{name: b, port: 80}]}]', ', creationTimestamp: "2024-02-01T00:00:00Z"'));
    assert.equal(named(through(snap, 'http://foo.example.com/api/x')), 'older');
  });

  it('puts a generated VirtualService of the Gateway\'s namespace before older ones of other namespaces', () => {
    const inInfra = httpRoute('local', '  hostnames: [foo.example.com]\n  rules: [{matches: [{path: {value: /api}}], backendRefs: [{name: b, port: 80}]}]', ', creationTimestamp: "2025-01-01T00:00:00Z"').replace('namespace: shop', 'namespace: infra');
    const snap = workspace(gateway(listener) + service('a') + service('b', 'infra')
      + httpRoute('older', '  hostnames: ["*.example.com"]\n  rules: [{matches: [{path: {value: /api}}], backendRefs: [{name: a, port: 80}]}]', ', creationTimestamp: "2024-01-01T00:00:00Z"') + inInfra);
    assert.equal(named(through(snap, 'http://foo.example.com/api')), 'local');
  });

  it('moves only true catch-alls last: a `GET /` match has a method, so it keeps its place', () => {
    const snap = workspace(gateway(listener) + service('a') + service('b')
      + httpRoute('get', '  hostnames: ["*.example.com"]\n  rules: [{matches: [{method: GET}], backendRefs: [{name: a, port: 80}]}]', ', creationTimestamp: "2024-01-01T00:00:00Z"')
      + httpRoute('api', '  hostnames: [foo.example.com]\n  rules: [{matches: [{path: {value: /api}}], backendRefs: [{name: b, port: 80}]}]', ', creationTimestamp: "2024-02-01T00:00:00Z"'));
    assert.equal(named(through(snap, 'http://foo.example.com/api')), 'get');
    assert.equal(named(through(snap, 'http://foo.example.com/api', [], 'POST')), 'api');
  });
});

describe('Parents and listeners, more (istio/istio pilot/pkg/config/kube/gateway/conversion.go extractParentReferenceInfo, buildListener)', () => {
  it('a parentRef of a kind Istio does not attach to is ignored: no status entry, no traffic', () => {
    const snap = workspace(gateway() + service('a') + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]').replace('{name: gw, namespace: infra}', '{group: example.com, kind: Portal, name: gw, namespace: infra}'));
    assert.deepEqual(routeStatus(snap, snap.httpRoutes[0]).parents, []);
    assert.equal(decidedBy(through(snap, 'http://h/')), 'noRoute 404');
  });

  it('an HTTPS listener whose certificate is not in the workspace still gets its server: routes attach and requests route', () => {
    const snap = workspace(gateway(`{name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: no-such-secret}]}, ${ALL}}`) + service('a') + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]'));
    assert.deepEqual(hosts(through(snap, 'https://h/')), [['a', 100]]);
  });
});

describe('Header matches (istio/istio pilot/pkg/config/kube/gateway/conversion.go createHeadersMatch; pilot/pkg/networking/core/route/route.go translateHeaderMatch)', () => {
  it('names match case-insensitively; Foo and foo are two entries that must both hold; a regex is a full RE2 match', () => {
    const snap = workspace(gateway() + service('a') + httpRoute('r', '  rules: [{matches: [{headers: [{name: X-Env, value: prod}, {name: x-env, type: RegularExpression, value: "p.*"}]}], backendRefs: [{name: a, port: 80}]}]'));
    assert.deepEqual(decidedBy(through(snap, 'http://h/', ['x-env: prod'])), [0, 0]);
    assert.equal(decidedBy(through(snap, 'http://h/', ['x-env: pre'])), 'noRoute 404', 'the Exact entry X-Env must hold too');
    const regex = workspace(gateway() + service('a') + httpRoute('r', '  rules: [{matches: [{headers: [{name: x-env, type: RegularExpression, value: "pr.d"}]}], backendRefs: [{name: a, port: 80}]}]'));
    assert.deepEqual(decidedBy(through(regex, 'http://h/', ['X-ENV: prod'])), [0, 0]);
    assert.equal(decidedBy(through(regex, 'http://h/', ['x-env: production'])), 'noRoute 404', 'not a partial match');
    assert.equal(decidedBy(through(regex, 'http://h/')), 'noRoute 404', 'a missing header never matches');
  });
});
