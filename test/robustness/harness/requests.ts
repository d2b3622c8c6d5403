/** Requests the fuzzer sends through each mutated workspace: a fixed set that reaches every kind of
 *  outcome of the seed and mesh fixtures (sidecar and gateway, http, tcp and tls), and random ones. */
import fc from 'fast-check';
import type { RequestInput } from '../../../server/src/core/routing/request';

export const FIXED_REQUESTS: RequestInput[] = [
  { url: 'http://svc-hello.default.svc.cluster.local:8080/', source: { namespace: 'default', labels: { app: 'httpbin' } } },
  { url: 'http://svc-hello.default.svc.cluster.local:8080/v2', source: { workload: 'default/httpbin' } },
  { url: 'http://reviews.shop:9080/delegated/v2?v=2', headers: { 'x-user': '김철수', 'x-trace': 'deadbeef' }, source: { namespace: 'shop' } },
  { url: 'http://reviews.shop:9080/' + 'a'.repeat(2000) + '!', source: { namespace: 'shop' } },
  { url: 'http://shop.example.com/old', gateway: 'shop/public' },
  { url: 'https://shop.example.com/api', method: 'POST', gateway: 'shop/public' },
  { url: 'tcp://reviews.shop.svc.cluster.local:5432', source: { namespace: 'shop' } },
  { url: 'tcp://anything.example.com:31400', gateway: 'shop/public' },
  { url: 'tls://reviews.shop.svc.cluster.local:8443', source: { namespace: 'shop' } },
  { url: 'tls://x.example.com:15443', sni: 'x.example.com', gateway: 'shop/public' },
  { url: 'http://ratings.shop:8080/', headers: ['end-user: jason'], source: { namespace: 'shop' } },
  { url: 'http://db.external.example.com/', gateway: 'istio-system/missing' },
];

const host = fc.constantFrom(
  'svc-hello.default.svc.cluster.local', 'svc-hello', 'reviews.shop', 'reviews.shop.svc.cluster.local', 'shop.example.com',
  'x.wild.example.org', 'db.external.example.com', 'ratings.shop', 'unknown.example', '10.0.0.12', '[::1]', 'xn--3e0b707e.kr',
);
const port = fc.oneof(fc.constantFrom(80, 443, 8080, 9080, 5432, 8443, 15443, 31400), fc.integer({ min: 1, max: 65535 }));
const path = fc.oneof(
  fc.constantFrom('/', '/v2', '/api', '/old', '/teapot', '/rewrite/x/y', '/delegated', '/delegated/v2', '/%00', '/한국어/😀'),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => '/' + encodeURI(s)),
);
const headerValue = fc.oneof(
  fc.constantFrom('김철수', 'jason', 'deadbeef', 'a'.repeat(10_000) + '!', '🚀', ''),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

export const randomRequest: fc.Arbitrary<RequestInput> = fc.record({
  url: fc.tuple(fc.constantFrom('http', 'https', 'tcp', 'tls'), host, port, path).map(([s, h, p, pa]) => `${s}://${h}:${p}${s.startsWith('http') ? pa : ''}`),
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'get'),
  // Names that are Object.prototype members too: they must be headers like any other.
  headers: fc.dictionary(fc.constantFrom('x-user', 'x-trace', 'end-user', 'cookie', 'x-lang', 'constructor', '__proto__', 'toString', 'hasOwnProperty'), headerValue, { maxKeys: 3 }),
  gateway: fc.constantFrom('mesh', 'mesh', 'shop/public', 'public', 'istio-system/missing'),
  source: fc.record({ namespace: fc.constantFrom('default', 'shop', 'istio-system'), labels: fc.constantFrom<Record<string, string>>({}, { app: 'httpbin' }, { version: 'v2' }, { constructor: 'a', toString: 'b' }) }),
});

/** What people type into Simulate Request: curl-like words, quotes, flags, and noise. */
export const commandLine: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('GET', 'POST', 'http://svc-hello.default.svc.cluster.local:8080/v2', 'tcp://reviews.shop:5432', '-H', "'x-user: 김철수'", '"x-a: b"',
        '--from', 'default/httpbin', '--gateway', 'shop/public', '--sni', '--source-labels', 'a=b,c', '--count', '-1', "'", '"', '\\', '--', '-X'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    ),
    { maxLength: 8 },
  )
  .map((words) => words.join(' '));
