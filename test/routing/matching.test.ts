/** HTTP match semantics (pilot/pkg/networking/core/route/route.go TranslateRouteMatch, sourceMatchHTTP,
 *  BuildHTTPRoutesForVirtualService; Envoy RouteMatch; istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, workspace } from '../helpers/workspace';
import { REVIEWS, reviewsVirtualService as vs } from './base';
import { cpuMs } from '../helpers/cpu';

const route = (host: string) => `    route: [{ destination: { host: ${host} } }]`;

describe('http routes: first match wins; match blocks ORed, conditions ANDed', () => {
  const snap = workspace(vs(`
  - match:
    - headers: { end-user: { exact: jason } }
      uri: { prefix: /api }
    - queryParams: { debug: { exact: "1" } }
${route('ratings')}
  - match:
    - uri: { prefix: /api }
${route('reviews')}
`));
  it('AND inside one block: both header and uri needed', () => {
    assert.equal(sim(snap, { url: `${REVIEWS}/api/x`, headers: ['end-user: jason'] }).httpRouteIndex, 0);
    assert.equal(sim(snap, { url: `${REVIEWS}/api/x` }).httpRouteIndex, 1);
  });
  it('OR across blocks: the query block alone is enough', () => {
    const r = sim(snap, `${REVIEWS}/other?debug=1`);
    assert.equal(r.httpRouteIndex, 0);
    assert.equal(r.matchIndex, 1);
  });
  it('no route matches → 404 (NR)', () => {
    const r = sim(snap, `${REVIEWS}/nothing`);
    assert.equal(r.action, 'noRoute');
    assert.equal(r.status, 404);
    assert.equal(r.virtualService?.meta.name, 'reviews');
  });
});

describe('uri matching (Envoy path/prefix/safe_regex)', () => {
  const snap = workspace(vs(`
  - match: [{ uri: { exact: /v2 } }]
${route('ratings')}
  - match: [{ uri: { regex: "/v[0-9]" } }]
${route('ratings')}
  - match: [{ uri: { prefix: /v2 } }]
${route('reviews')}
`));
  it('exact ignores the query string and is exact (/v2 ≠ /v2/)', () => {
    assert.equal(sim(snap, `${REVIEWS}/v2?x=1`).httpRouteIndex, 0);
    assert.equal(sim(snap, `${REVIEWS}/v2/`).httpRouteIndex, 2);
  });
  it('regex is an RE2 full match: /v[0-9] matches /v3 but not /v12 or /v1/x', () => {
    assert.equal(sim(snap, `${REVIEWS}/v3`).httpRouteIndex, 1);
    assert.equal(sim(snap, `${REVIEWS}/v12`).action, 'noRoute');
    assert.equal(sim(snap, `${REVIEWS}/v1/x`).action, 'noRoute');
  });
  it('prefix is a plain string prefix: /v2 matches /v2beta', () => {
    assert.equal(sim(snap, `${REVIEWS}/v2beta`).httpRouteIndex, 2);
  });
  it('a regex alternation is anchored as a whole (not ^a|b$)', () => {
    const s = workspace(vs(`
  - match: [{ uri: { regex: "/a|/b" } }]
${route('ratings')}
`));
    assert.equal(sim(s, `${REVIEWS}/ab`).action, 'noRoute');
    assert.equal(sim(s, `${REVIEWS}/b`).httpRouteIndex, 0);
  });
});

describe('regexes longer than Istio accepts (pkg/config/validation: 1024 characters) never match', () => {
  it('a 2,000-character pattern is not compiled', () => {
    const long = '/' + 'a'.repeat(2000);
    const snap = workspace(vs(`
  - match: [{ uri: { regex: "${long}" } }]
${route('ratings')}
`));
    const { result, ms } = cpuMs(() => sim(snap, `${REVIEWS}${long}`));
    assert.equal(result.action, 'noRoute');
    assert.ok(ms < 1000, `${ms} ms of CPU`);
  });
});

describe('ignoreUriCase applies to exact and prefix, not regex (Envoy RouteMatch.case_sensitive)', () => {
  const snap = workspace(vs(`
  - match: [{ uri: { prefix: /API }, ignoreUriCase: true }]
${route('ratings')}
  - match: [{ uri: { regex: "/ADMIN" }, ignoreUriCase: true }]
${route('ratings')}
`));
  it('prefix ignores case', () => assert.equal(sim(snap, `${REVIEWS}/api/v1`).httpRouteIndex, 0));
  it('regex stays case sensitive', () => assert.equal(sim(snap, `${REVIEWS}/admin`).action, 'noRoute'));
});

describe('headers, method, authority, scheme', () => {
  const snap = workspace(vs(`
  - match: [{ headers: { X-User: { regex: "jas.*" } } }]
${route('ratings')}
  - match: [{ headers: { x-canary: {} } }]
${route('ratings')}
  - match: [{ method: { exact: POST } }]
${route('ratings')}
  - match: [{ authority: { exact: reviews.default.svc.cluster.local } }]
${route('ratings')}
  - match: [{ authority: { prefix: reviews.default.svc.cluster.local } }]
${route('reviews')}
`));
  it('header names are case-insensitive, regex values fully matched', () => {
    assert.equal(sim(snap, { url: `${REVIEWS}/`, headers: ['x-user: jason'] }).httpRouteIndex, 0);
    assert.equal(sim(snap, { url: `${REVIEWS}/`, headers: ['x-user: xjason'] }).httpRouteIndex, 4);
  });
  it('an empty match is a presence match', () => {
    assert.equal(sim(snap, { url: `${REVIEWS}/`, headers: ['x-canary: '] }).httpRouteIndex, 1);
  });
  it('method is the :method header', () => {
    assert.equal(sim(snap, { url: `${REVIEWS}/`, method: 'POST' }).httpRouteIndex, 2);
  });
  it(':authority includes the port, so an exact authority without it does not match', () => {
    assert.equal(sim(snap, `${REVIEWS}/`).httpRouteIndex, 4);
  });
});

describe('withoutHeaders (inverted, missing header treated as empty)', () => {
  const snap = workspace(vs(`
  - match: [{ withoutHeaders: { x-canary: { exact: "true" } } }]
${route('ratings')}
  - match: [{ withoutHeaders: { x-debug: {} } }]
${route('reviews')}
`));
  it('matches when the header is absent', () => assert.equal(sim(snap, `${REVIEWS}/`).httpRouteIndex, 0));
  it('matches when the header has another value', () => assert.equal(sim(snap, { url: `${REVIEWS}/`, headers: ['x-canary: false'] }).httpRouteIndex, 0));
  it('does not match when the value matches', () => assert.equal(sim(snap, { url: `${REVIEWS}/`, headers: ['x-canary: true'] }).httpRouteIndex, 1));
  it('presence form matches only when absent', () => {
    assert.equal(sim(snap, { url: `${REVIEWS}/`, headers: ['x-canary: true', 'x-debug: 1'] }).action, 'noRoute');
  });
});

describe('queryParams', () => {
  const snap = workspace(vs(`
  - match: [{ queryParams: { v: { exact: "2" } } }]
${route('ratings')}
  - match: [{ queryParams: { v: { regex: "[0-9]+" } } }]
${route('reviews')}
`));
  it('exact on the value', () => assert.equal(sim(snap, `${REVIEWS}/?v=2`).httpRouteIndex, 0));
  it('regex fully matched', () => {
    assert.equal(sim(snap, `${REVIEWS}/?v=22`).httpRouteIndex, 1);
    assert.equal(sim(snap, `${REVIEWS}/?v=2x`).action, 'noRoute');
  });
  it('a missing parameter never matches', () => assert.equal(sim(snap, `${REVIEWS}/`).action, 'noRoute'));
});

describe('static conditions are decided per client before any request (route.go sourceMatchHTTP)', () => {
  const snap = workspace(vs(`
  - match: [{ sourceLabels: { app: client } }]
${route('ratings')}
  - match: [{ sourceNamespace: other }]
${route('ratings')}
  - match: [{ port: 9999 }]
${route('ratings')}
  - match: [{ uri: { prefix: /only } }]
${route('reviews')}
`));
  it('sourceLabels must be a subset of the client labels', () => {
    assert.equal(sim(snap, { url: `${REVIEWS}/x`, source: { labels: { app: 'client', version: 'v1' } } }).httpRouteIndex, 0);
  });
  it('sourceNamespace must equal the client namespace', () => {
    assert.equal(sim(snap, { url: `${REVIEWS}/x`, source: { namespace: 'other', labels: {} } }).httpRouteIndex, 1);
  });
  it('other clients get 404 when at least one route survives', () => {
    const r = sim(snap, `${REVIEWS}/x`);
    assert.equal(r.action, 'noRoute');
    assert.equal(r.status, 404);
  });
  it('a second client like the first gets the same routes and the same trace, left-out matches included', () => {
    // Routes are built once per snapshot and client; the steps that built them are said again.
    const first = sim(snap, `${REVIEWS}/only/x`);
    const again = sim(snap, `${REVIEWS}/only/x`);
    assert.equal(again.httpRouteIndex, 3);
    assert.ok(first.trace.some((s) => s.message.includes('http[0].match[0] is left out for this client')));
    assert.deepEqual(again.trace, first.trace);
    assert.equal(sim(snap, { url: `${REVIEWS}/only/x`, source: { labels: { app: 'client' } } }).httpRouteIndex, 0);
  });
  it('if every route is dropped for this client, the host falls back to default Service routing', () => {
    const s = workspace(vs(`
  - match: [{ sourceLabels: { app: client } }]
${route('ratings')}
`));
    const r = sim(s, `${REVIEWS}/x`);
    assert.equal(r.action, 'defaultService');
    assert.equal(r.destinations[0].host, 'reviews.default.svc.cluster.local');
    assert.equal(sim(s, { url: `${REVIEWS}/x`, source: { labels: { app: 'client' } } }).action, 'route');
  });
  it('match-level gateways decide alone: sourceLabels are then not checked', () => {
    const s = workspace(vs(`
  - match: [{ gateways: [mesh], sourceLabels: { app: nobody } }]
${route('ratings')}
`));
    const r = sim(s, `${REVIEWS}/x`);
    assert.equal(r.action, 'route');
    assert.equal(r.destinations[0].host, 'ratings.default.svc.cluster.local');
  });
});
