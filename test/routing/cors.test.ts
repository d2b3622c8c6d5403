/** Envoy's CORS filter on a VirtualService route (envoyproxy/envoy
 *  source/extensions/filters/http/cors/cors_filter.cc CorsFilter::decodeHeaders, encodeHeaders,
 *  isOriginAllowed), with the policy Istio writes (istio/istio
 *  pilot/pkg/networking/core/route/route.go TranslateCORSPolicy, forwardNotMatchingPreflights). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulateJson } from '../../server/src/core/routing/json';
import type { SimResult } from '../../server/src/core/routing/result';
import { sim, workspace } from '../helpers/workspace';
import { REVIEWS, reviewsVirtualService } from './base';

const cors = (policy: string, extra = '') => workspace(reviewsVirtualService(`  - corsPolicy: ${policy}
${extra}    route: [{ destination: { host: reviews } }]
`));

const preflight = (origin: string, more: string[] = []) => ({ url: `${REVIEWS}/`, method: 'OPTIONS', headers: [`origin: ${origin}`, 'access-control-request-method: POST', ...more] });

const upstream = (r: SimResult) => r.destinations.map((d) => d.host);

describe('CORS preflights on a VirtualService route (cors_filter.cc CorsFilter::decodeHeaders)', () => {
  const policy = '{ allowOrigins: [{ exact: "https://app.example.com" }, { prefix: "http://localhost:" }], allowMethods: [GET, POST], allowHeaders: [x-token], exposeHeaders: [x-trace], maxAge: "24h", allowCredentials: true }';

  it('an allowed origin: the filter answers 200 itself with the allow headers, maxAge in seconds; no upstream', () => {
    const r = sim(cors(policy), preflight('https://app.example.com'));
    assert.deepEqual([r.action, r.status, upstream(r)], ['directResponse', 200, []]);
    assert.deepEqual(r.cors, {
      kind: 'preflight', origin: 'https://app.example.com', originAllowed: true, answered: true,
      responseHeaders: {
        'access-control-allow-origin': 'https://app.example.com', 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': 'x-token', 'access-control-max-age': '86400', 'access-control-expose-headers': 'x-trace',
      },
    });
    assert.ok(r.trace.some((s) => s.message.startsWith('CORS preflight: origin https://app.example.com is allowed') && s.message.includes('answers 200 itself')));
    assert.equal(sim(cors(policy), preflight('http://localhost:3000')).status, 200, 'a prefix match');
  });

  it('an origin the policy does not allow: the preflight is forwarded to the route\'s backends (forward_not_matching_preflights true, Istio\'s and Envoy\'s default)', () => {
    const r = sim(cors(policy), preflight('https://evil.example.com'));
    assert.equal(r.action, 'route');
    assert.deepEqual(upstream(r), ['reviews.default.svc.cluster.local']);
    assert.deepEqual([r.cors?.answered, r.cors?.originAllowed, r.cors?.responseHeaders], [false, false, {}]);
  });

  it('unmatchedPreflights: IGNORE: Envoy answers the unmatched preflight itself, without access-control-allow-origin', () => {
    const r = sim(cors(policy.replace('allowCredentials: true', 'allowCredentials: true, unmatchedPreflights: IGNORE')), preflight('https://evil.example.com'));
    assert.deepEqual([r.action, r.status, upstream(r)], ['directResponse', 200, []]);
    assert.deepEqual(r.cors?.responseHeaders, { 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'GET,POST', 'access-control-allow-headers': 'x-token', 'access-control-max-age': '86400' });
  });

  it('a matcher that matches the literal "*" allows every origin; allowMethods and allowHeaders "*" echo the request\'s (isOriginAllowed)', () => {
    const r = sim(cors('{ allowOrigins: [{ exact: "*" }], allowMethods: ["*"], allowHeaders: ["*"] }'), preflight('https://anyone.test', ['access-control-request-headers: x-a,x-b']));
    assert.equal(r.status, 200);
    assert.deepEqual(r.cors?.responseHeaders, { 'access-control-allow-origin': 'https://anyone.test', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'x-a,x-b' });
  });

  it('the deprecated allowOrigin list is a list of exact origins', () => {
    const s = cors('{ allowOrigin: ["https://old.example.com"] }');
    assert.equal(sim(s, preflight('https://old.example.com')).status, 200);
    assert.equal(sim(s, preflight('https://old.example.com.evil')).action, 'route');
  });

  it('not a preflight without Access-Control-Request-Method, nor without an Origin: the request goes upstream', () => {
    const noMethod = sim(cors(policy), { url: `${REVIEWS}/`, method: 'OPTIONS', headers: ['origin: https://app.example.com'] });
    assert.deepEqual([noMethod.action, noMethod.cors?.kind], ['route', 'simple']);
    const noOrigin = sim(cors(policy), { url: `${REVIEWS}/`, method: 'OPTIONS', headers: ['access-control-request-method: POST'] });
    assert.deepEqual([noOrigin.action, noOrigin.cors], ['route', undefined]);
  });

  it('the fault filter runs before the CORS filter: an abort of every request answers the preflight (pilot/pkg/networking/core/listener_builder.go)', () => {
    const r = sim(cors(policy, '    fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }\n'), preflight('https://app.example.com'));
    assert.deepEqual([r.action, r.status, r.cors], ['route', 503, undefined]);
  });

  it('a redirect route has no route entry for the filter: a preflight is redirected', () => {
    const r = sim(workspace(reviewsVirtualService(`  - corsPolicy: ${policy}\n    redirect: { uri: /elsewhere }\n`)), preflight('https://app.example.com'));
    assert.deepEqual([r.action, r.status, r.cors], ['redirect', 301, undefined]);
  });
});

describe('CORS on other requests (cors_filter.cc CorsFilter::encodeHeaders)', () => {
  const policy = '{ allowOrigins: [{ regex: "https://.*\\\\.example\\\\.com" }], exposeHeaders: [x-trace, x-id], allowCredentials: true }';

  it('an allowed origin goes upstream and the response gets allow-origin, credentials and expose headers; also in simulate --json', () => {
    const r = sim(cors(policy), { url: `${REVIEWS}/`, method: 'POST', headers: ['origin: https://app.example.com'] });
    assert.deepEqual(upstream(r), ['reviews.default.svc.cluster.local']);
    assert.deepEqual(r.cors, { kind: 'simple', origin: 'https://app.example.com', originAllowed: true, answered: false, responseHeaders: { 'access-control-allow-origin': 'https://app.example.com', 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-trace,x-id' } });
    const json = simulateJson(r, { line: () => 1 } as never);
    assert.deepEqual(json.cors, r.cors);
  });

  it('an origin the regex does not fully match gets no CORS headers', () => {
    const r = sim(cors(policy), { url: `${REVIEWS}/`, headers: ['origin: https://app.example.com.evil.net'] });
    assert.deepEqual([r.action, r.cors?.originAllowed, r.cors?.responseHeaders], ['route', false, {}]);
    assert.equal(simulateJson(sim(cors(policy), `${REVIEWS}/`), { line: () => 1 } as never).cors, undefined, 'no field without an Origin');
  });
});
