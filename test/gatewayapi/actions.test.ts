/** What a matched Gateway API rule does: filters, backends, the 500s, timeouts and retries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { workspace } from '../helpers/workspace';
import { decidedBy, gateway, grpcRoute, hosts, httpRoute, service, through } from './helpers';

const one = (spec: string) => workspace(gateway() + service('a') + service('b') + service('c') + httpRoute('r', spec));

describe('Gateway API filters (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute)', () => {
  it('RequestHeaderModifier: names lower-cased, the first of duplicates kept, set overwrites, add appends, remove deletes; a set Host is the authority (conversion.go createHeadersFilter, headerListToMap)', () => {
    const snap = one(`  rules:
  - filters:
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set: [{name: X-Set, value: first}, {name: x-set, value: second}, {name: Host, value: inner.example.com}]
        add: [{name: X-Add, value: new}]
        remove: [X-Gone]
    backendRefs: [{name: a, port: 80}]`);
    const r = through(snap, 'http://h/', ['x-add: old', 'x-gone: 1', 'x-keep: k']);
    assert.deepEqual(r.requestHeaders, { 'x-add': 'old,new', 'x-keep': 'k', host: 'inner.example.com', 'x-set': 'first' });
    assert.deepEqual(r.headers?.request?.set, { 'x-set': 'first', host: 'inner.example.com' });
  });

  it('a backend\'s own RequestHeaderModifier applies when the rule has that one backend (core/route/route.go processDestination)', () => {
    const snap = one('  rules:\n  - backendRefs: [{name: a, port: 80, filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-backend, value: a}]}}]}]');
    assert.equal(through(snap, 'http://h/').requestHeaders?.['x-backend'], 'a');
  });

  it('with several weighted backends, each backendRef\'s header filters apply only to the requests sent to it, before the rule\'s (core/route/route.go processWeightedDestination; Envoy WeightedCluster.ClusterWeight request_headers_to_add)', () => {
    const snap = one(`  rules:
  - filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-order, value: route}], remove: [x-gone]}}]
    backendRefs:
    - name: a
      port: 80
      weight: 3
      filters:
      - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-backend, value: a}, {name: x-order, value: a}, {name: host, value: a.internal}], add: [{name: x-add, value: a}]}}
      - {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: x-served-by, value: a}]}}
    - {name: b, port: 80, weight: 1}`);
    const r = through(snap, 'http://h/', ['x-add: old', 'x-gone: 1']);
    const byHost = Object.fromEntries(r.destinations.map((d) => [d.host.split('.')[0], d]));
    assert.deepEqual(byHost.a.requestHeaders, { 'x-add': 'old,a', host: 'a.internal', 'x-backend': 'a', 'x-order': 'route' });
    assert.deepEqual(byHost.b.requestHeaders, { 'x-add': 'old', host: 'h', 'x-order': 'route' });
    assert.deepEqual(byHost.a.headers?.response?.set, { 'x-served-by': 'a' });
    assert.equal(byHost.b.headers, undefined);
    // The rule's own result carries no backend's filters: no single backend receives them all.
    assert.deepEqual(r.requestHeaders, { 'x-add': 'old', host: 'h', 'x-order': 'route' });
    assert.deepEqual(r.destinations.map((d) => d.weight), [75, 25]);
  });

  it('a single backend\'s filters join the rule\'s in one Envoy header parser: every remove first, then the adds in order; the rule\'s Host wins (core/route/route.go processDestination)', () => {
    const snap = one(`  rules:
  - filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-order, value: route}, {name: x-kept, value: route}, {name: host, value: route.internal}]}}]
    backendRefs:
    - name: a
      port: 80
      filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-order, value: a}, {name: host, value: a.internal}], remove: [x-kept]}}]`);
    const r = through(snap, 'http://h/');
    assert.deepEqual(r.requestHeaders, { host: 'route.internal', 'x-order': 'a', 'x-kept': 'route' });
    assert.deepEqual(r.destinations[0].requestHeaders, r.requestHeaders);
  });

  it('URLRewrite ReplacePrefixMatch swaps the matched whole-segment prefix; / removes it; after PathPrefix / it is glued on (conversion.go createRewriteFilter; core/route/route.go applyHTTPRouteDestination)', () => {
    const rw = (match: string, to: string) => one(`  rules:
  - matches: [{path: {value: ${match}}}]
    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: ${to}}}}]
    backendRefs: [{name: a, port: 80}]`);
    assert.deepEqual(through(rw('/prefix/one', '/one'), 'http://h/prefix/one/two?q=1').rewrite, { path: '/one/two?q=1' });
    assert.deepEqual(through(rw('/foo', '/xyz/'), 'http://h/foo/').rewrite, { path: '/xyz/' });
    assert.deepEqual(through(rw('/strip', '/'), 'http://h/strip/three').rewrite, { path: '/three' });
    assert.deepEqual(through(rw('/strip', '/'), 'http://h/strip').rewrite, { path: '/' });
    assert.deepEqual(through(rw('/', '/xyz'), 'http://h/bar').rewrite, { path: '/xyzbar' });
  });

  it('URLRewrite ReplaceFullPath replaces the whole path and keeps the query; hostname rewrites the authority only', () => {
    const snap = one(`  rules:
  - filters: [{type: URLRewrite, urlRewrite: {hostname: upstream.example.com, path: {type: ReplaceFullPath, replaceFullPath: /full}}}]
    backendRefs: [{name: a, port: 80}]`);
    const r = through(snap, 'http://h/any/thing?x=1');
    assert.deepEqual(r.rewrite, { path: '/full?x=1', authority: 'upstream.example.com' });
    assert.equal(r.requestHeaders?.host, 'upstream.example.com');
    const host = one('  rules:\n  - filters: [{type: URLRewrite, urlRewrite: {hostname: up}}]\n    backendRefs: [{name: a, port: 80}]');
    assert.deepEqual(through(host, 'http://h/p').rewrite, { authority: 'up' });
  });

  it('RequestRedirect: 302 unless set; the listener port unless a scheme or port is given; the query kept (conversion.go createRedirectFilter; core/route/route.go ApplyRedirect)', () => {
    const rd = (r: string, listener = 80) => workspace(gateway(`{name: http, port: ${listener}, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}`)
      + httpRoute('r', `  rules:\n  - filters: [{type: RequestRedirect, requestRedirect: ${r}}]`));
    const at = (r: string, url: string, listener = 80) => through(rd(r, listener), url).redirect;
    assert.deepEqual(at('{hostname: example.org}', 'http://gw/p?q=1'), { location: 'http://example.org/p?q=1', status: 302 });
    assert.deepEqual(at('{port: 8083}', 'http://gw/p'), { location: 'http://gw:8083/p', status: 302 });
    assert.deepEqual(at('{scheme: https, statusCode: 301}', 'http://gw/p'), { location: 'https://gw/p', status: 301 });
    assert.deepEqual(at('{hostname: example.org}', 'http://gw:8080/p', 8080), { location: 'http://example.org:8080/p', status: 302 });
    assert.deepEqual(at('{scheme: https, port: 443, hostname: example.org}', 'http://gw/p'), { location: 'https://example.org/p', status: 302 });
    assert.deepEqual(at('{path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}', 'http://gw/old/x'), { location: 'http://gw/newold/x', status: 302 }, 'after PathPrefix /, the prefix swapped is `/`');
    const prefixed = (to: string) => through(workspace(gateway() + httpRoute('r', `  rules:\n  - matches: [{path: {value: /old}}]\n    filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: ${to}}}}]`)), 'http://gw/old/x').redirect?.location;
    assert.equal(prefixed('/new'), 'http://gw/new/x');
    assert.equal(prefixed('/new/'), 'http://gw/new//x', 'a redirect prefix is used as written, unlike URLRewrite');
  });

  it('CORS becomes the route\'s corsPolicy: `*` a strict origin regex, a trailing `*` a prefix, another `*` a regex, maxAge 5s by default, unmatchedPreflights IGNORE (conversion.go createCorsFilter; gateway-api apis/v1/httproute_types.go HTTPCORSFilter.MaxAge)', () => {
    const snap = one(`  rules:
  - filters:
    - type: CORS
      cors:
        allowOrigins: ["https://shop.example.com", "https://*.example.com", "http://localhost:*", "https://a.b(c)"]
        allowMethods: [GET, POST]
        allowHeaders: [x-user]
        exposeHeaders: [x-trace]
        allowCredentials: true
    backendRefs: [{name: a, port: 80}]`);
    const r = through(snap, 'http://h/', ['origin: https://shop.example.com']);
    assert.deepEqual(r.corsPolicy, {
      allowOrigins: [{ exact: 'https://shop.example.com' }, { regex: '^https://.*\\.example\\.com$' }, { prefix: 'http://localhost:' }, { exact: 'https://a.b(c)' }],
      allowMethods: ['GET', 'POST'], allowHeaders: ['x-user'], exposeHeaders: ['x-trace'], maxAge: '5s', allowCredentials: true, unmatchedPreflights: 'IGNORE',
    });
    assert.ok(r.trace.some((t) => t.message.startsWith('CORS: Istio writes the filter as the route\'s corsPolicy')));
    const star = through(one('  rules: [{filters: [{type: CORS, cors: {allowOrigins: ["*"], maxAge: 60}}], backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.deepEqual(star.corsPolicy, { allowOrigins: [{ regex: '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+$' }], maxAge: '60s', unmatchedPreflights: 'IGNORE' }, 'credentials only when true');
    const regexOf = (origin: string) => (through(one(`  rules: [{filters: [{type: CORS, cors: {allowOrigins: ["${origin}"]}}], backendRefs: [{name: a, port: 80}]}]`), 'http://h/').corsPolicy?.allowOrigins as { regex?: string }[])[0].regex;
    assert.equal(regexOf('https://*.a+b.com:*'), '^https://.*\\.a\\+b\\.com:.*$', 'the origin quoted as Go regexp.QuoteMeta does, each * then .*');
    const redirect = through(workspace(gateway() + httpRoute('r', '  rules: [{filters: [{type: CORS, cors: {allowOrigins: [https://x]}}, {type: RequestRedirect, requestRedirect: {scheme: https}}]}]')), 'http://h/');
    assert.deepEqual([redirect.action, (redirect.corsPolicy?.allowOrigins as unknown[])?.length], ['redirect', 1], 'the policy stays on a redirect route');
    const checked = analyze(snap).filter((f) => f.resource.name === 'r');
    assert.deepEqual(checked.map((f) => f.code), [], 'the schema and the route checks accept the filter');
  });

  it('an unsupported filter drops the whole route: the request falls to whatever else is configured (conversion.go convertHTTPRoute default case)', () => {
    const snap = workspace(gateway() + service('a')
      + httpRoute('ext', '  hostnames: [h]\n  rules:\n  - backendRefs: [{name: a, port: 80}]\n  - matches: [{path: {value: /x}}]\n    filters: [{type: ExtensionRef, extensionRef: {group: g, kind: k, name: n}}]\n    backendRefs: [{name: a, port: 80}]'));
    const r = through(snap, 'http://h/');
    assert.equal(decidedBy(r), 'noRoute 404');
    assert.ok(r.trace.some((s) => s.message.includes('Istio drops all its rules: InvalidFilter')));
  });
});

describe('Gateway API backends (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildHTTPDestination, buildDestination)', () => {
  it('shares traffic by weight / total, drops weight 0, and gives one backend all traffic', () => {
    assert.deepEqual(hosts(through(one('  rules: [{backendRefs: [{name: a, port: 80, weight: 70}, {name: b, port: 80, weight: 30}, {name: c, port: 80, weight: 0}]}]'), 'http://h/')), [['a', 70], ['b', 30]]);
    assert.deepEqual(hosts(through(one('  rules: [{backendRefs: [{name: a, port: 80, weight: 7}]}]'), 'http://h/')), [['a', 100]]);
  });

  it('answers 500 itself for a rule without backendRefs or with weights summing to 0, even with filters (convertHTTPRoute)', () => {
    for (const rule of ['{}', '{backendRefs: []}', '{backendRefs: [{name: a, port: 80, weight: 0}]}', '{filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}}]}']) {
      const r = through(one(`  rules: [${rule}]`), 'http://h/');
      assert.deepEqual([r.action, r.status, r.directResponse], ['directResponse', 500, { status: 500, body: null }], rule);
    }
  });

  it('routes with no destinations and status 500 when every backend is invalid; lists only the valid ones otherwise (core/route/route.go applyHTTPRouteDestination)', () => {
    const all = through(one('  rules: [{backendRefs: [{name: missing, port: 80}]}]'), 'http://h/');
    assert.deepEqual([all.action, all.status, all.destinations], ['route', 500, []]);
    const some = through(one('  rules: [{backendRefs: [{name: missing, port: 80}, {name: a, port: 80, weight: 3}]}]'), 'http://h/');
    assert.deepEqual([some.action, hosts(some)], ['route', [['a', 75]]]);
    assert.ok(some.trace.some((s) => s.message.includes('Envoy answers 500 for its 25% of requests')));
  });

  it('a backendRef to a port its Service lacks stays resolved, but its cluster does not exist: Envoy answers 500, not 503 (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildDestination checks only that the Service exists; pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination sets cluster_not_found_response_code INTERNAL_SERVER_ERROR under gateway semantics)', () => {
    const r = through(one('  rules: [{backendRefs: [{name: a, port: 8080}]}]'), 'http://h/');
    assert.deepEqual([r.action, r.status, r.destinations.map((d) => [d.cluster, d.missing !== undefined])], ['route', 500, [['outbound|8080||a.shop.svc.cluster.local', true]]]);
    assert.ok(r.trace.some((s) => s.message.includes('does not exist') && s.message.includes('Envoy answers 500 (NC)')));
    const half = through(one('  rules: [{backendRefs: [{name: a, port: 8080}, {name: b, port: 80}]}]'), 'http://h/');
    assert.deepEqual([half.status, hosts(half)], [null, [['a', 50], ['b', 50]]], 'the other half is served');
  });

  it('a valid Service without ready endpoints answers 503, not 500', () => {
    const snap = workspace(gateway() + 'apiVersion: v1\nkind: Service\nmetadata: {name: empty, namespace: shop}\nspec: {ports: [{port: 80}]}\n---\n' + httpRoute('r', '  rules: [{backendRefs: [{name: empty, port: 80}]}]'));
    assert.equal(through(snap, 'http://h/').status, 503);
  });
});

describe('Gateway API timeouts and retries (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute; core/route/retry/retry.go defaultRetryOn, ConvertPolicy)', () => {
  it('applies Istio\'s default retry policy without a retry stanza', () => {
    assert.deepEqual(through(one('  rules: [{backendRefs: [{name: a, port: 80}]}]'), 'http://h/').retries, { attempts: 2, perTryTimeout: null, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes' });
  });

  it('backendRequest replaces the request timeout without retry, and is the per-try timeout with one', () => {
    const no = through(one('  rules: [{timeouts: {request: 10s, backendRequest: 2s}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.equal(no.timeout, '2s');
    const retry = through(one('  rules: [{timeouts: {request: 10s, backendRequest: 2s}, retry: {codes: [503], attempts: 3}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.deepEqual([retry.timeout, retry.retries?.perTryTimeout], ['10s', '2s']);
    assert.equal(through(one('  rules: [{timeouts: {request: 0s}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/').timeout, null, '0s disables it');
  });

  it('retry codes are written into the VirtualService retryOn and become Envoy\'s retriable_status_codes with retriable-status-codes added (conversion.go convertHTTPRoute; core/route/retry/retry.go ConvertPolicy, parseRetryOn)', () => {
    const r = through(one('  rules: [{retry: {codes: [503, 502], attempts: 3}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.deepEqual(r.retries, { attempts: 3, perTryTimeout: null, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', retriableStatusCodes: [503, 502] });
    assert.deepEqual(through(one('  rules: [{retry: {}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/').retries, { attempts: 2, perTryTimeout: null, retryOn: 'connect-failure,refused-stream,unavailable,cancelled' }, 'without codes: attempts 2 and no status-code retries');
    // A code Go's http.StatusText does not name stays a word of retryOn (parseRetryOn).
    assert.deepEqual(through(one('  rules: [{retry: {codes: [599]}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/').retries?.retryOn, 'connect-failure,refused-stream,unavailable,cancelled,599');
  });

  it('retry backoff is Envoy\'s retry back-off base interval; with 0 attempts there is no policy to carry it (conversion.go convertHTTPRoute; core/route/retry/retry.go ConvertPolicy RetryBackOff)', () => {
    const r = through(one('  rules: [{retry: {codes: [503], backoff: 100ms}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.equal(r.retries?.backoff, '100ms');
    assert.ok(r.trace.some((s) => s.message.includes('back-off base interval 100ms')));
    assert.equal(through(one('  rules: [{retry: {attempts: 0, backoff: 100ms}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/').retries?.backoff, undefined);
    assert.equal(through(one('  rules: [{retry: {codes: [503]}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/').retries?.backoff, undefined, 'not set: Envoy\'s own default, not reported');
  });

  it('retry attempts 0 means no retry policy, and backendRequest then sets no timeout at all (convertHTTPRoute puts it in the dropped policy; retry.go ConvertPolicy returns nil)', () => {
    const r = through(one('  rules: [{timeouts: {backendRequest: 2s}, retry: {attempts: 0, codes: [503]}, backendRefs: [{name: a, port: 80}]}]'), 'http://h/');
    assert.deepEqual([r.timeout, r.retries], [null, { attempts: 0, perTryTimeout: null, retryOn: null }]);
  });
});

describe('GRPCRoute (istio/istio pilot/pkg/config/kube/gateway/conversion.go createGRPCURIMatch, convertGRPCRoute)', () => {
  const grpc = (rules: string) => workspace(gateway() + service('a') + service('b') + grpcRoute(rules));

  it('matches service and method as the path /service/method; a service alone as a whole-segment prefix', () => {
    const snap = grpc(`  - matches: [{method: {service: echo.Echo, method: Ping}}]
    backendRefs: [{name: a, port: 80}]
  - matches: [{method: {service: echo.Echo}}]
    backendRefs: [{name: b, port: 80}]`);
    assert.deepEqual(hosts(through(snap, 'http://h/echo.Echo/Ping', [], 'POST')), [['a', 100]]);
    assert.deepEqual(hosts(through(snap, 'http://h/echo.Echo/Other', [], 'POST')), [['b', 100]]);
    assert.equal(decidedBy(through(snap, 'http://h/echo.EchoX/Ping', [], 'POST')), 'noRoute 404');
  });

  it('ranks a header-only match below an HTTPRoute catch-all of the same hostname, which drops it', () => {
    const snap = workspace(gateway() + service('a') + service('b') + httpRoute('catch', '  rules: [{backendRefs: [{name: a, port: 80}]}]') + `apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: g, namespace: shop}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  rules: [{matches: [{headers: [{name: x, value: "1"}]}], backendRefs: [{name: b, port: 80}]}]
`);
    assert.equal(through(snap, 'http://h/any', ['x: 1']).gatewayApiRoute?.resource.meta.name, 'catch');
  });
});
