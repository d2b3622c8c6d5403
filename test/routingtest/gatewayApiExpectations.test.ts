/** Routing-test expectations that name a Gateway API rule and the request headers the backend
 *  receives: they pass on the real result and fail with the differing field when wrong. The headers
 *  follow the rule's RequestHeaderModifier (names lower-cased, `add` appends with a comma: istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go createHeadersFilter; core/route/route.go
 *  TranslateHeadersOperations). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findTestDocuments, runTestDocument } from '../../server/src/core/testing/run';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const FILES: [string, string][] = ['examples/hello/workload.yaml', 'examples/gateway-api/ingress/gateway.yaml'].map((f) => [f, readFileSync(f, 'utf8')]);

function failures(expect: string): Record<string, { expected: unknown; actual: unknown }> {
  const test = `apiVersion: lens.istio-lens.dev/v1alpha1
kind: RoutingTest
metadata: {name: t, namespace: default}
spec:
  cases:
  - name: c
    request: {url: "http://hello.example.com/v2/hello", gateway: default/hello-gw, headers: {x-entry: client}}
    expect:
${expect.trim().split('\n').map((l) => `      ${l}`).join('\n')}
`;
  const snap = buildSnapshot([...FILES, ['t.yaml', test]]);
  const [doc] = findTestDocuments(snap);
  const [r] = runTestDocument(snap, doc).cases;
  for (const f of r.failures) assert.equal(f.error, undefined, f.error);
  return Object.fromEntries(r.failures.map((f) => [f.field, { expected: f.expected, actual: f.actual }]));
}

describe('Gateway API expectations of routing tests', () => {
  it('pass when they name the deciding HTTPRoute rule and the headers the backend receives', () => {
    assert.deepEqual(failures(`
route: HTTPRoute/hello-ingress
ruleIndex: 0
matchIndex: 0
requestHeaders: {X-Entry: "client,hello-gw", host: hello.example.com, x-missing: null}`), {});
  });

  it('fail with the route, rule and header that differ', () => {
    assert.deepEqual(failures(`
route: {kind: GRPCRoute, name: hello-ingress}
ruleIndex: 2
requestHeaders: {x-entry: hello-gw, host: null}`), {
      route: { expected: 'GRPCRoute/default/hello-ingress', actual: 'HTTPRoute/default/hello-ingress' },
      ruleIndex: { expected: 2, actual: 0 },
      'requestHeaders.x-entry': { expected: 'hello-gw', actual: 'client,hello-gw' },
      'requestHeaders.host': { expected: null, actual: 'hello.example.com' },
    });
  });
});
