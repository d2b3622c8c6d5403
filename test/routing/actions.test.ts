/** Route actions (pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination, ApplyRedirect,
 *  ApplyDirectResponse, TranslateFault, MirrorPercent; route/retry/retry.go ConvertPolicy; Envoy
 *  RedirectAction newUri and prefix_rewrite; istio.io/latest/docs/reference/config/networking/virtual-service/). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shares, sim, workspace } from '../helpers/workspace';
import { REVIEWS, reviewsVirtualService as vs } from './base';

describe('weights', () => {
  it('a single destination gets 100 % whatever its weight', () => {
    const snap = workspace(vs('  - route: [{ destination: { host: ratings }, weight: 30 }]'));
    assert.deepEqual(shares(sim(snap, `${REVIEWS}/`)), { 'ratings.default.svc.cluster.local:9080': 100 });
  });
  it('weights are relative (they need not sum to 100) and weight 0 is dropped', () => {
    const snap = workspace(vs(`  - route:
    - { destination: { host: reviews }, weight: 1 }
    - { destination: { host: ratings }, weight: 3 }
    - { destination: { host: ratings, port: { number: 9080 } }, weight: 0 }`));
    const r = sim(snap, `${REVIEWS}/`);
    assert.equal(r.destinations.length, 2);
    assert.deepEqual(r.destinations.map((d) => d.weight), [25, 75]);
  });
  it('an omitted weight among several destinations is 0, so that destination is dropped', () => {
    const snap = workspace(vs(`  - route:
    - { destination: { host: reviews } }
    - { destination: { host: ratings }, weight: 50 }`));
    assert.deepEqual(shares(sim(snap, `${REVIEWS}/`)), { 'ratings.default.svc.cluster.local:9080': 100 });
  });
});

describe('redirect', () => {
  it('301 by default, keeps the Host header with its port and the query string', () => {
    const snap = workspace(vs('  - redirect: { uri: /new }'));
    const r = sim(snap, `${REVIEWS}/old?x=1`);
    assert.equal(r.action, 'redirect');
    assert.deepEqual(r.redirect, { location: 'http://reviews.default.svc.cluster.local:9080/new?x=1', status: 301 });
    assert.deepEqual(r.destinations, []);
  });
  it('a new authority drops the request port; redirectCode is kept', () => {
    const snap = workspace(vs('  - redirect: { authority: example.com, redirectCode: 302 }'));
    assert.deepEqual(sim(snap, `${REVIEWS}/p?q=1`).redirect, { location: 'http://example.com/p?q=1', status: 302 });
  });
  it('a uri with its own query replaces the query', () => {
    const snap = workspace(vs('  - redirect: { uri: "/n?a=b" }'));
    assert.equal(sim(snap, `${REVIEWS}/p?q=1`).redirect?.location, 'http://reviews.default.svc.cluster.local:9080/n?a=b');
  });
  it('scheme https with port 443: Istio drops the port, and Envoy then keeps the Host header port unless it was :80', () => {
    const snap = workspace(vs('  - redirect: { scheme: https, port: 443 }'));
    assert.equal(sim(snap, `${REVIEWS}/p`).redirect?.location, 'https://reviews.default.svc.cluster.local:9080/p');
    const port8080 = workspace(vs('  - redirect: { scheme: https, port: 8443 }'));
    assert.equal(sim(port8080, `${REVIEWS}/p`).redirect?.location, 'https://reviews.default.svc.cluster.local:8443/p');
  });
  it('derivePort FROM_REQUEST_PORT uses the listener port', () => {
    const snap = workspace(vs('  - redirect: { authority: other.example, derivePort: FROM_REQUEST_PORT }'));
    assert.equal(sim(snap, `${REVIEWS}/p`).redirect?.location, 'http://other.example:9080/p');
  });
});

describe('directResponse', () => {
  it('answers with the status and body, no upstream', () => {
    const snap = workspace(vs('  - directResponse: { status: 503, body: { string: "down" } }'));
    const r = sim(snap, `${REVIEWS}/`);
    assert.equal(r.action, 'directResponse');
    assert.deepEqual(r.directResponse, { status: 503, body: 'down' });
    assert.deepEqual(r.destinations, []);
  });
});

describe('rewrite (Envoy prefix_rewrite replaces exactly the matched part)', () => {
  const snap = workspace(vs(`  - match: [{ uri: { prefix: /v2 } }]
    rewrite: { uri: / }
    route: [{ destination: { host: ratings } }]
  - match: [{ uri: { exact: /old } }]
    rewrite: { uri: /new/path }
    route: [{ destination: { host: ratings } }]
  - match: [{ uri: { prefix: /re } }]
    rewrite: { uriRegexRewrite: { match: "^/re/([^/]+)/(.*)$", rewrite: "/\\\\2/by/\\\\1" }, authority: internal.example }
    route: [{ destination: { host: ratings } }]
  - rewrite: { uri: /api }
    route: [{ destination: { host: ratings } }]`));
  it('prefix /v2 with rewrite / turns /v2/foo into //foo (and /v2beta into /beta)', () => {
    assert.equal(sim(snap, `${REVIEWS}/v2/foo?q=1`).rewrite?.path, '//foo?q=1');
    assert.equal(sim(snap, `${REVIEWS}/v2beta`).rewrite?.path, '/beta');
    assert.equal(sim(snap, `${REVIEWS}/v2`).rewrite?.path, '/');
  });
  it('an exact match replaces the whole path, the query is kept', () => {
    assert.equal(sim(snap, `${REVIEWS}/old?key=value`).rewrite?.path, '/new/path?key=value');
  });
  it('uriRegexRewrite substitutes groups; authority rewrite is reported', () => {
    const r = sim(snap, `${REVIEWS}/re/svc/x/y`);
    assert.deepEqual(r.rewrite, { path: '/x/y/by/svc', authority: 'internal.example' });
  });
  it('with no uri match the leading / is replaced: /users → /apiusers', () => {
    assert.equal(sim(snap, `${REVIEWS}/users`).rewrite?.path, '/apiusers');
  });
});

describe('fault, timeout, retries, mirror', () => {
  it('fault: absent percentage means no request is faulted; the route still decides', () => {
    const snap = workspace(vs(`  - fault: { abort: { httpStatus: 500 }, delay: { fixedDelay: 2s, percentage: { value: 10 } } }
    route: [{ destination: { host: ratings } }]`));
    const r = sim(snap, `${REVIEWS}/`);
    assert.equal(r.action, 'route');
    assert.deepEqual(r.fault, { abort: { status: 500, percent: 0 }, delay: { duration: '2s', percent: 10 } });
  });
  it('an abort of 100 % decides the status the client sees', () => {
    const snap = workspace(vs(`  - fault: { abort: { httpStatus: 418, percentage: { value: 100 } } }
    route: [{ destination: { host: ratings } }]`));
    const r = sim(snap, `${REVIEWS}/`);
    assert.equal(r.action, 'route');
    assert.equal(r.status, 418);
  });
  it('timeout is none by default; retries default to 2 attempts', () => {
    const snap = workspace(vs('  - route: [{ destination: { host: ratings } }]'));
    const r = sim(snap, `${REVIEWS}/`);
    assert.equal(r.timeout, null);
    assert.deepEqual(r.retries, { attempts: 2, perTryTimeout: null, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes' });
  });
  it('attempts 0 disables retries; status codes in retryOn add retriable-status-codes', () => {
    const off = workspace(vs('  - { retries: { attempts: 0 }, route: [{ destination: { host: ratings } }] }'));
    assert.equal(sim(off, `${REVIEWS}/`).retries?.attempts, 0);
    const codes = workspace(vs('  - { timeout: 5s, retries: { attempts: 3, perTryTimeout: 1s, retryOn: "5xx,503" }, route: [{ destination: { host: ratings } }] }'));
    const r = sim(codes, `${REVIEWS}/`);
    assert.equal(r.timeout, '5s');
    assert.deepEqual(r.retries, { attempts: 3, perTryTimeout: '1s', retryOn: '5xx,retriable-status-codes', retriableStatusCodes: [503] });
    // parseRetryOn counts a number as a status code only if Go's http.StatusText names it.
    const unnamed = workspace(vs('  - { retries: { attempts: 1, retryOn: "599,503" }, route: [{ destination: { host: ratings } }] }'));
    assert.deepEqual(sim(unnamed, `${REVIEWS}/`).retries, { attempts: 1, perTryTimeout: null, retryOn: '599,retriable-status-codes', retriableStatusCodes: [503] });
  });
  it('retries.backoff is Envoy\'s retry back-off base interval, only with attempts (istio/istio pilot/pkg/networking/core/route/retry/retry.go ConvertPolicy RetryBackOff)', () => {
    const on = workspace(vs('  - { retries: { attempts: 3, backoff: 250ms }, route: [{ destination: { host: ratings } }] }'));
    assert.deepEqual(sim(on, `${REVIEWS}/`).retries, { attempts: 3, perTryTimeout: null, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', backoff: '250ms' });
    const off = workspace(vs('  - { retries: { attempts: 0, backoff: 250ms }, route: [{ destination: { host: ratings } }] }'));
    assert.equal(sim(off, `${REVIEWS}/`).retries?.backoff, undefined);
  });
  it('mirror: 100 % unless mirrorPercentage says otherwise; 0 % is no mirror', () => {
    const snap = workspace(vs(`  - match: [{ uri: { prefix: /a } }]
    mirror: { host: ratings }
    route: [{ destination: { host: reviews } }]
  - mirror: { host: ratings }
    mirrorPercentage: { value: 0 }
    route: [{ destination: { host: reviews } }]`));
    assert.deepEqual(sim(snap, `${REVIEWS}/a`).mirrors.map((m) => [m.host, m.percent]), [['ratings.default.svc.cluster.local', 100]]);
    assert.deepEqual(sim(snap, `${REVIEWS}/b`).mirrors, []);
  });
});
