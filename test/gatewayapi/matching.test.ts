/** Requests through a Gateway API Gateway: matches, precedence and virtual hosts as Istio configures
 *  Envoy for them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workspace } from '../helpers/workspace';
import { decidedBy, gateway, httpRoute, service, through } from './helpers';

describe('Gateway API matching (istio/istio pilot/pkg/config/kube/gateway/conversion.go createURIMatch; core/route/route.go TranslateRouteMatch)', () => {
  const snap = workspace(gateway() + service('a') + httpRoute('r', `  rules:
  - matches: [{path: {type: PathPrefix, value: /v2/}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{path: {type: Exact, value: /exact}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{path: {type: RegularExpression, value: "/re/[0-9]+"}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{headers: [{name: X-Team, value: blue}, {name: X-Team, value: red}], path: {value: /h}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{queryParams: [{name: Animal, value: cat}], path: {value: /q}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{method: POST, path: {value: /m}}]
    backendRefs: [{name: a, port: 80}]`));

  it('a PathPrefix other than / matches whole segments, its trailing / ignored (Envoy path_separated_prefix)', () => {
    for (const p of ['/v2', '/v2/', '/v2/x']) assert.deepEqual(decidedBy(through(snap, `http://x${p}`)), [0, 0], p);
    for (const p of ['/v2x', '/V2/x']) assert.equal(decidedBy(through(snap, `http://x${p}`)), 'noRoute 404', p);
  });

  it('Exact compares the path without its query, case-sensitively', () => {
    assert.deepEqual(decidedBy(through(snap, 'http://x/exact?a=1')), [1, 0]);
    assert.equal(decidedBy(through(snap, 'http://x/exact/')), 'noRoute 404');
    assert.equal(decidedBy(through(snap, 'http://x/Exact')), 'noRoute 404');
  });

  it('RegularExpression is a full RE2 match of the path', () => {
    assert.deepEqual(decidedBy(through(snap, 'http://x/re/42')), [2, 0]);
    assert.equal(decidedBy(through(snap, 'http://x/re/42/more')), 'noRoute 404');
  });

  it('a second header match of the identical name replaces the first (conversion.go createHeadersMatch keys a map by name)', () => {
    assert.deepEqual(decidedBy(through(snap, 'http://x/h', ['x-team: red'])), [3, 0]);
    assert.equal(decidedBy(through(snap, 'http://x/h', ['x-team: blue'])), 'noRoute 404');
  });

  it('query parameter names are case-sensitive (conversion.go createQueryParamsMatch)', () => {
    assert.deepEqual(decidedBy(through(snap, 'http://x/q?Animal=cat')), [4, 0]);
    assert.equal(decidedBy(through(snap, 'http://x/q?animal=cat')), 'noRoute 404');
  });

  it('method is an exact match on :method (conversion.go createMethodMatch)', () => {
    assert.deepEqual(decidedBy(through(snap, 'http://x/m', [], 'POST')), [5, 0]);
    assert.equal(decidedBy(through(snap, 'http://x/m')), 'noRoute 404');
  });
});

describe('Gateway API precedence (istio/istio pilot/pkg/config/kube/gateway/conversion.go sortHTTPRoutes, getURIRank, getURILength)', () => {
  it('orders Exact over PathPrefix over RegularExpression, then longer paths, a method, more headers, more query parameters', () => {
    const snap = workspace(gateway() + service('a') + httpRoute('r', `  rules:
  - matches: [{path: {type: RegularExpression, value: "/api/.*"}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{path: {value: /api}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{path: {value: /api/v1}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{path: {type: Exact, value: /api/v1/x}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{path: {value: /api}, headers: [{name: x, value: "1"}]}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{path: {value: /api}, method: GET}]
    backendRefs: [{name: a, port: 80}]`));
    assert.deepEqual(decidedBy(through(snap, 'http://h/api/v1/x')), [3, 0]);
    assert.deepEqual(decidedBy(through(snap, 'http://h/api/v1/y')), [2, 0]);
    assert.deepEqual(decidedBy(through(snap, 'http://h/api/z', ['x: 1'])), [5, 0], 'a method ranks before more headers');
    assert.deepEqual(decidedBy(through(snap, 'http://h/api/z', ['x: 1'], 'PUT')), [4, 0]);
    assert.deepEqual(decidedBy(through(snap, 'http://h/api/z', [], 'PUT')), [1, 0], 'the regex ranks below every prefix');
  });

  it('merges rules of several routes on a listener and hostname, ties going to the older route, then namespace, then name (conversion.go sortRoutesByCreationTime)', () => {
    const rule = '  rules: [{matches: [{path: {value: /same}}], backendRefs: [{name: a, port: 80}]}]';
    const snap = workspace(gateway() + service('a') + httpRoute('b-route', rule) + httpRoute('a-route', rule));
    assert.equal(through(snap, 'http://h/same').gatewayApiRoute?.resource.meta.name, 'a-route');
    const aged = workspace(gateway() + service('a') + httpRoute('b-route', rule, ', creationTimestamp: "2024-01-01T00:00:00Z"') + httpRoute('a-route', rule, ', creationTimestamp: "2025-01-01T00:00:00Z"'));
    assert.equal(through(aged, 'http://h/same').gatewayApiRoute?.resource.meta.name, 'b-route');
  });

  it('drops every route after a catch-all PathPrefix / of the same listener and hostname: a regex rule behind it never matches (core/route/route.go BuildHTTPRoutesForVirtualService)', () => {
    const snap = workspace(gateway() + service('a') + service('b') + httpRoute('r', `  rules:
  - backendRefs: [{name: a, port: 80}]
  - matches: [{path: {type: RegularExpression, value: "/re/.*"}}]
    backendRefs: [{name: b, port: 80}]`));
    const r = through(snap, 'http://h/re/x');
    assert.deepEqual(decidedBy(r), [0, null]);
    assert.ok(r.trace.some((s) => s.message.includes('ranks after a catch-all')));
  });

  it('keeps a route with a regex reachable when the catch-all comes from another hostname\'s routes merged into the virtual host, moved last (core/route/route.go SortVHostRoutes)', () => {
    // Route hostnames *.example.com and foo.example.com are two generated VirtualServices; on listener
    // foo.example.com both intersect to the virtual host foo.example.com.
    const snap = workspace(gateway('{name: foo, port: 80, protocol: HTTP, hostname: foo.example.com, allowedRoutes: {namespaces: {from: All}}}') + service('a') + service('b')
      + httpRoute('all', '  hostnames: ["*.example.com"]\n  rules: [{backendRefs: [{name: a, port: 80}]}]')
      + httpRoute('re', '  hostnames: [foo.example.com]\n  rules: [{matches: [{path: {type: RegularExpression, value: "/re/.*"}}], backendRefs: [{name: b, port: 80}]}]', ', creationTimestamp: "2030-01-01T00:00:00Z"'));
    assert.equal(through(snap, 'http://foo.example.com/re/x').gatewayApiRoute?.resource.meta.name, 're');
    assert.equal(through(snap, 'http://foo.example.com/other').gatewayApiRoute?.resource.meta.name, 'all');
  });
});

describe('Gateway API virtual hosts (istio/istio pilot/pkg/networking/core/gateway.go buildGatewayHTTPRouteConfig; pkg/config/host/names.go Intersection)', () => {
  it('chooses one virtual host per request and never falls through: a route for foo.example.com hides a hostname-less route for that host', () => {
    const snap = workspace(gateway() + service('a') + service('b')
      + httpRoute('foo', '  hostnames: [foo.example.com]\n  rules: [{matches: [{path: {value: /foo}}], backendRefs: [{name: a, port: 80}]}]')
      + httpRoute('any', '  rules: [{backendRefs: [{name: b, port: 80}]}]'));
    assert.equal(decidedBy(through(snap, 'http://foo.example.com/other')), 'noRoute 404');
    assert.equal(through(snap, 'http://bar.example.com/other').gatewayApiRoute?.resource.meta.name, 'any');
    assert.equal(through(snap, 'http://foo.example.com:80/foo').gatewayApiRoute?.resource.meta.name, 'foo', 'the port of the Host header is ignored');
  });

  it('names a virtual host by the more specific of listener and route hostname; a route hostname outside the listener gets none', () => {
    const snap = workspace(gateway('{name: http, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}') + service('a')
      + httpRoute('r', '  hostnames: [very.example.com, non.matching.org]\n  rules: [{backendRefs: [{name: a, port: 80}]}]'));
    assert.deepEqual(decidedBy(through(snap, 'http://very.example.com/')), [0, null]);
    assert.equal(decidedBy(through(snap, 'http://non.matching.org/')), 'noRoute 404');
    assert.equal(decidedBy(through(snap, 'http://other.example.com/')), 'noRoute 404');
  });

  it('leaves a route hostname to a more specific listener on the same port (conversion.go hostnameAllowedByIsolation)', () => {
    const snap = workspace(gateway(
      '{name: any, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}',
      '{name: wild, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}',
    ) + service('a') + service('b')
      + httpRoute('r', '  parentRefs: [{name: gw, namespace: infra, sectionName: any}]\n  hostnames: [bar.com, foo.example.com]\n  rules: [{backendRefs: [{name: a, port: 80}]}]'.replace('  parentRefs: [{name: gw, namespace: infra}]\n', '')));
    assert.deepEqual(decidedBy(through(snap, 'http://bar.com/')), [0, null]);
    assert.equal(decidedBy(through(snap, 'http://foo.example.com/')), 'noRoute 404', 'foo.example.com belongs to listener wild, where the route is not attached');
  });

  it('refuses a connection on a port without listener, and answers 404 on a port with no attached route', () => {
    const snap = workspace(gateway() + service('a'));
    const refused = through(snap, 'http://h:8080/');
    assert.deepEqual([refused.action, refused.status, refused.connection], ['noRoute', null, 'refused']);
    assert.equal(decidedBy(through(snap, 'http://h/')), 'noRoute 404');
  });
});
