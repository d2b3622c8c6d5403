/** Rules of Istio's Gateway API conversion not covered elsewhere: hard errors that drop a route,
 *  filter details, backend kinds, GRPCRoute matches and errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routeStatus } from '../../server/src/core/gatewayapi/status';
import { workspace } from '../helpers/workspace';
import { decidedBy, gateway, grpcRoute, hosts, httpRoute, service, through } from './helpers';

const one = (spec: string, extra = '') => workspace(gateway() + service('a') + service('b') + extra + httpRoute('r', spec));
const dropped = (spec: string) => {
  const snap = one(spec);
  const st = routeStatus(snap, snap.httpRoutes[0]);
  return [st.parents[0].accepted, st.gateway.dropped?.reason, st.gateway.dropped?.message, decidedBy(through(snap, 'http://h/'))];
};

describe('Hard errors drop the whole route while it stays Accepted (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute; route_collections.go computeRoute)', () => {
  it('a header value with a control character (conversion.go createHeadersFilter, isValidHeaderValue)', () => {
    assert.deepEqual(dropped('  rules: [{filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x, value: "a\\u0001b"}]}}], backendRefs: [{name: a, port: 80}]}]'),
      [true, 'InvalidFilter', 'header "x" value contains invalid characters', 'noRoute 404']);
  });

  it('a Service backend named by a dotted hostname, or a Hostname backend with a namespace (conversion.go buildDestination)', () => {
    assert.deepEqual(dropped('  rules: [{backendRefs: [{name: a.shop.svc.cluster.local, port: 80}]}]').slice(0, 2), [true, 'InvalidDestination']);
    assert.deepEqual(dropped('  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: api.example.com, namespace: shop, port: 80}]}]').slice(0, 3), [true, 'InvalidDestination', 'namespace may not be set with Hostname type']);
  });

  it('a backendRef filter other than a header modifier (conversion.go buildHTTPDestination)', () => {
    assert.deepEqual(dropped('  rules: [{backendRefs: [{name: a, port: 80, filters: [{type: URLRewrite, urlRewrite: {hostname: x}}]}]}]').slice(0, 3), [true, 'InvalidFilter', 'unsupported filter type "URLRewrite"']);
  });
});

describe('Filters (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute; pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination)', () => {
  it('a repeated filter type: the last one wins (convertHTTPRoute overwrites the VirtualService field)', () => {
    const r = through(one('  rules: [{filters: [{type: URLRewrite, urlRewrite: {hostname: first}}, {type: URLRewrite, urlRewrite: {hostname: second}}], backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.equal(r.rewrite?.authority, 'second');
  });

  it('ResponseHeaderModifier changes the response headers the same way (createHeadersFilter)', () => {
    const r = through(one('  rules: [{filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: X-Out, value: "1"}], remove: [Server]}}], backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.deepEqual(r.headers?.response, { set: { 'x-out': '1' }, add: {}, remove: ['server'] });
  });

  it('URLRewrite hostname wins over a Host set by RequestHeaderModifier on the same rule (applyHTTPRouteDestination)', () => {
    const r = through(one('  rules: [{filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: Host, value: by-header}]}}, {type: URLRewrite, urlRewrite: {hostname: by-rewrite}}], backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.equal(r.requestHeaders?.host, 'by-rewrite');
  });

  it('a rule with both RequestRedirect and URLRewrite redirects (convertHTTPRoute: the redirect is the route action)', () => {
    const r = through(one('  rules: [{filters: [{type: URLRewrite, urlRewrite: {hostname: x}}, {type: RequestRedirect, requestRedirect: {hostname: elsewhere}}], backendRefs: [{name: a, port: 80}]}]'), 'http://h/p');
    assert.deepEqual([r.action, r.redirect?.location], ['redirect', 'http://elsewhere/p']);
  });

  it('RequestMirror: percent, or fraction as numerator/denominator, else 100 % (conversion.go createMirrorFilter)', () => {
    const mirror = (m: string) => through(one(`  rules: [{filters: [{type: RequestMirror, requestMirror: {backendRef: {name: b, port: 80}${m}}}], backendRefs: [{name: a, port: 80}]}]`), 'http://h/').mirrors.map((x) => [x.host, x.percent]);
    assert.deepEqual(mirror(''), [['b.shop.svc.cluster.local', 100]]);
    assert.deepEqual(mirror(', percent: 30'), [['b.shop.svc.cluster.local', 30]]);
    assert.deepEqual(mirror(', fraction: {numerator: 1, denominator: 4}'), [['b.shop.svc.cluster.local', 25]]);
    assert.deepEqual(through(one('  rules: [{filters: [{type: RequestMirror, requestMirror: {backendRef: {name: nope, port: 80}}}], backendRefs: [{name: a, port: 80}]}]'), 'http://h/').mirrors, [], 'an invalid mirror target only drops the mirror');
  });
});

describe('Backend kinds (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildDestination)', () => {
  const entry = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: shop}\nspec: {hosts: [api.example.com], ports: [{number: 80, name: http, protocol: HTTP}], resolution: DNS, location: MESH_EXTERNAL}\n---\n';
  it('networking.istio.io Hostname names a ServiceEntry host; a host nobody declares is BackendNotFound', () => {
    assert.deepEqual(hosts(through(one('  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: api.example.com, port: 80}]}]', entry), 'http://h/')), [['api', 100]]);
    const snap = one('  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: other.example.com, port: 80}]}]');
    assert.equal(routeStatus(snap, snap.httpRoutes[0]).parents[0].resolvedRefs.reason, 'BackendNotFound');
  });

  it('a multicluster ServiceImport is the Service of that name in the cluster domain', () => {
    assert.deepEqual(hosts(through(one('  rules: [{backendRefs: [{group: multicluster.x-k8s.io, kind: ServiceImport, name: b, port: 80}]}]'), 'http://h/')), [['b', 100]]);
  });
});

describe('GRPCRoute (istio/istio pilot/pkg/config/kube/gateway/conversion.go createGRPCURIMatch, convertGRPCRoute)', () => {
  const grpc = (rules: string) => workspace(gateway() + service('a') + service('b') + grpcRoute(rules));
  const post = (snap: ReturnType<typeof grpc>, path: string) => decidedBy(through(snap, `http://h${path}`, [], 'POST'));

  it('a method alone matches it under any service; RegularExpression matches service and method as RE2', () => {
    const snap = grpc('[{matches: [{method: {method: Ping}}], backendRefs: [{name: a, port: 80}]}, {matches: [{method: {type: RegularExpression, service: "echo\\\\.V[0-9]+", method: "Get.*"}}], backendRefs: [{name: b, port: 80}]}]');
    assert.deepEqual(post(snap, '/any.Svc/Ping'), [0, 0]);
    assert.equal(post(snap, '/any.Svc/Pong'), 'noRoute 404');
    assert.deepEqual(post(snap, '/echo.V2/GetAll'), [1, 0]);
    assert.equal(post(snap, '/echo.Vx/GetAll'), 'noRoute 404');
  });

  it('a filter other than the header modifiers and RequestMirror drops the route; so does any mirror error', () => {
    const drop = (filter: string) => { const s = grpc(`[{filters: [${filter}], backendRefs: [{name: a, port: 80}]}]`); return routeStatus(s, s.grpcRoutes[0]).gateway.dropped?.reason; };
    assert.equal(drop('{type: URLRewrite, urlRewrite: {hostname: x}}'), 'InvalidFilter');
    assert.equal(drop('{type: RequestMirror, requestMirror: {backendRef: {name: nope, port: 80}}}'), 'BackendNotFound');
  });

  it('a rule whose weights sum to 0 answers 500; no match answers 404', () => {
    const snap = grpc('[{matches: [{method: {service: s}}], backendRefs: [{name: a, port: 80, weight: 0}]}]');
    assert.deepEqual(through(snap, 'http://h/s/M', [], 'POST').status, 500);
    assert.equal(post(snap, '/t/M'), 'noRoute 404');
  });
});
