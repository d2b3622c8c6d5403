/** An HTTPRoute CORS filter at run time: Istio writes it as a corsPolicy with unmatchedPreflights
 *  IGNORE (istio/istio pilot/pkg/config/kube/gateway/conversion.go createCorsFilter), which becomes
 *  Envoy's forward_not_matching_preflights false (pilot/pkg/networking/core/route/route.go
 *  forwardNotMatchingPreflights); Envoy's CORS filter then answers every preflight on the route
 *  itself (envoyproxy/envoy source/extensions/filters/http/cors/cors_filter.cc CorsFilter::decodeHeaders). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workspace } from '../helpers/workspace';
import { decidedBy, gateway, hosts, httpRoute, service, through } from './helpers';

const snap = workspace(gateway() + service('a') + httpRoute('r', `  rules:
  - filters:
    - type: CORS
      cors:
        allowOrigins: ["https://shop.example.com", "https://*.cdn.example.com"]
        allowMethods: [GET, PUT]
        allowHeaders: [x-user]
        exposeHeaders: [x-trace]
        maxAge: 600
    backendRefs: [{name: a, port: 80}]`));

const preflight = (origin: string) => through(snap, 'http://h/cart', [`origin: ${origin}`, 'access-control-request-method: PUT'], 'OPTIONS');

describe('HTTPRoute CORS filter: preflights and simple requests (cors_filter.cc CorsFilter::decodeHeaders, encodeHeaders)', () => {
  it('a preflight from an allowed origin is answered 200 by Envoy with the allow headers; no backend sees it', () => {
    const r = preflight('https://img.cdn.example.com');
    assert.deepEqual([r.action, r.status, hosts(r), decidedBy(r)], ['directResponse', 200, [], [0, null]]);
    assert.deepEqual(r.cors?.responseHeaders, {
      'access-control-allow-origin': 'https://img.cdn.example.com', 'access-control-allow-methods': 'GET,PUT', 'access-control-allow-headers': 'x-user',
      'access-control-max-age': '600', 'access-control-expose-headers': 'x-trace',
    });
  });

  it('[!] a preflight from another origin is not passed to the backend: Envoy answers 200 without access-control-allow-origin', () => {
    const r = preflight('https://evil.example.com');
    assert.deepEqual([r.action, r.status, hosts(r)], ['directResponse', 200, []]);
    assert.equal(r.cors?.originAllowed, false);
    assert.equal(r.cors?.responseHeaders['access-control-allow-origin'], undefined);
    assert.ok(r.trace.some((s) => s.message.includes('unmatchedPreflights IGNORE')));
  });

  it('a simple request from an allowed origin goes to the backend and the response gets access-control-allow-origin', () => {
    const r = through(snap, 'http://h/cart', ['origin: https://shop.example.com']);
    assert.deepEqual(hosts(r), [['a', 100]]);
    assert.deepEqual(r.cors?.responseHeaders, { 'access-control-allow-origin': 'https://shop.example.com', 'access-control-expose-headers': 'x-trace' });
    assert.equal(r.requestHeaders?.origin, 'https://shop.example.com', 'the Origin header is forwarded as sent');
  });

  it('allowOrigins ["*"] is a strict origin regex: "null" is not an origin it allows', () => {
    const star = workspace(gateway() + service('a') + httpRoute('r', '  rules: [{filters: [{type: CORS, cors: {allowOrigins: ["*"]}}], backendRefs: [{name: a, port: 80}]}]'));
    assert.equal(through(star, 'http://h/', ['origin: https://x.test:8443']).cors?.originAllowed, true);
    assert.equal(through(star, 'http://h/', ['origin: null']).cors?.originAllowed, false);
  });

  it('a rule without backends is a direct response 500: the CORS filter does not act on it', () => {
    const none = workspace(gateway() + httpRoute('r', '  rules: [{filters: [{type: CORS, cors: {allowOrigins: ["https://shop.example.com"]}}]}]'));
    const r = through(none, 'http://h/', ['origin: https://shop.example.com', 'access-control-request-method: GET'], 'OPTIONS');
    assert.deepEqual([r.action, r.status, r.cors], ['directResponse', 500, undefined]);
  });
});
