/** istio-config-validator's test files (getyourguide/istio-config-validator docs/test-cases.md,
 *  internal/pkg/parser/testcase.go, internal/pkg/unit/unit.go) run with this engine's semantics. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { TestDocumentResult } from '../../server/src/core/testing/model';
import { findTestDocuments, runTestDocument } from '../../server/src/core/testing/run';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const DIR = 'test/routingtest/fixtures/validator';
const CONFIG = readFileSync(`${DIR}/config.yaml`, 'utf8');

function run(tests: string, config = CONFIG): TestDocumentResult {
  const snap = buildSnapshot([['config.yaml', config], ['tests.yaml', tests]]);
  const docs = findTestDocuments(snap);
  assert.equal(docs.length, 1);
  return runTestDocument(snap, docs[0]);
}

const one = (body: string) => `testCases:\n- description: d\n${body.trim().split('\n').map((l) => `  ${l}`).join('\n')}\n`;

describe('istio-config-validator test cases', () => {
  it('runs the fixture: every input of authority × method × uri is a case, in the tool\'s order', () => {
    const res = run(readFileSync(`${DIR}/tests.yaml`, 'utf8'));
    assert.equal(res.test.format, 'istioConfigValidator');
    assert.deepEqual(res.cases.slice(0, 4).map((c) => c.case.name), [
      'QA users reach the users service [GET www.example.com/users]',
      'QA users reach the users service [POST www.example.com/users]',
      'QA users reach the users service [GET example.com/users]',
      'QA users reach the users service [POST example.com/users]',
    ]);
    assert.equal(res.cases.length, 12);
    assert.deepEqual(res.cases.filter((c) => !c.passed).map((c) => [c.case.name, c.failures]), []);
  });

  // The tool compiles "^" + regex + "$", so /users|/accounts also matches /users-old; Envoy's
  // safe_regex matches the whole path (route.go, RE2 full match), so this engine does not.
  it('a regex alternation matches the whole path, unlike the tool', () => {
    const res = run(one(`
wantMatch: true
request: { authority: [example.com], method: [GET], uri: [/users-old], headers: { x-user-type: qa } }
route: [{ destination: { host: users.users.svc.cluster.local, port: { number: 80 } } }]`));
    assert.equal(res.failed, 1);
    const f = res.cases[0].failures[0];
    assert.equal(f.field, 'route');
    assert.deepEqual(f.actual, ['monolith.monolith.svc.cluster.local port 80 weight 100']);
  });

  // wantMatch is a Go bool: absent means false, and then every assertion must differ (unit.go).
  it('wantMatch defaults to false: a matching assertion then fails, with a note', () => {
    const res = run(one(`
request: { authority: [example.com], method: [GET], uri: [/], headers: {} }
route: [{ destination: { host: monolith.monolith.svc.cluster.local } }]`));
    assert.equal(res.failed, 1);
    assert.match(res.cases[0].failures[0].note ?? '', /wantMatch is false/);
  });

  it('enters through the gateway the VirtualService is bound to; without that Gateway nothing routes', () => {
    const body = one(`
wantMatch: true
request: { authority: [example.com], method: [GET], uri: [/reseller] }
route: [{ destination: { host: partner, port: { number: 80 } } }]`);
    const ok = run(body);
    assert.equal(ok.cases[0].result!.request.gateway, 'istio-system/public');
    assert.equal(ok.passed, 1);
    const noGateway = run(body, CONFIG.replace('kind: Gateway', 'kind: GatewayRemoved'));
    assert.equal(noGateway.failed, 1);
    assert.equal(noGateway.cases[0].result!.action, 'noRoute');
    assert.ok(noGateway.cases[0].trace.some((s) => /no Gateway istio-system\/public/.test(s.message)));
  });

  it('compares rewrite, redirect and fault as configured on the route that matched', () => {
    const res = run(one(`
wantMatch: true
request: { authority: [www.example.com], method: [GET], uri: [/reseller] }
rewrite: { uri: /partners }`));
    assert.deepEqual(res.cases[0].failures.map((f) => [f.field, f.expected, f.actual]), [['rewrite', { uri: '/partners' }, { uri: '/partner' }]]);
  });

  it('an empty request list is an error, as in the tool', () => {
    const res = run(one(`
wantMatch: true
request: { authority: [example.com], method: [], uri: [/] }
route: []`));
    assert.equal(res.failed, 1);
    assert.match(res.cases[0].failures[0].error ?? '', /request.method lists no value/);
  });

  // Delegation: the root route names the delegate VirtualService (istio.io virtual-service/#Delegate).
  it('delegate: the root route that delegated', () => {
    const config = `${CONFIG}
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: { name: root, namespace: web }
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/public]
  http:
  - match: [{ uri: { prefix: /seller } }]
    delegate: { name: seller }
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: { name: seller, namespace: web }
spec:
  http:
  - route: [{ destination: { host: partner } }]
`;
    const res = run(one(`
wantMatch: true
request: { authority: [shop.example.com], method: [GET], uri: [/seller/1] }
delegate: { name: seller }
route: [{ destination: { host: partner.web.svc.cluster.local } }]`), config);
    assert.deepEqual(res.cases[0].failures, []);
    const wrong = run(one(`
wantMatch: true
request: { authority: [shop.example.com], method: [GET], uri: [/seller/1] }
delegate: { name: buyer }`), config);
    assert.equal(wrong.failed, 1);
  });
});
