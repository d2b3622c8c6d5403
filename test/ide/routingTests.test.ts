/** Routing tests in the editor, in core/ide: completion of RoutingTest documents from the schema and the
 *  workspace, code lens places, schema problems, and the "update expectation" edit on fixtures. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/ide/completion';
import { testDocumentProblems, testDocumentsIn, testLenses, updateExpectationEdit } from '../../server/src/core/ide/routingTests';
import { runTestDocument } from '../../server/src/core/testing/run';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { fixture } from './fixture';

const WORKLOAD = '#- include: examples/hello/workload.yaml\n#- include: examples/hello/case5.yaml\n';
const HEAD = `#- file: routing.test.yaml
apiVersion: lens.istio-lens.dev/v1alpha1
kind: RoutingTest
metadata:
  name: t
spec:
  cases:
  - name: one
    request:
`;

function labels(src: string): string[] {
  const f = fixture(src);
  return complete(f.snap, f.text, f.offset).map((i) => i.label);
}

describe('RoutingTest completion', () => {
  it('offers the keys of a case from the schema', () => {
    assert.deepEqual(labels(WORKLOAD + HEAD.replace('    request:\n', '    $0\n')).filter((l) => ['request', 'expect'].includes(l)).sort(), ['expect', 'request']);
  });

  it('offers the expectation names with their enum values', () => {
    const src = WORKLOAD + HEAD + '      url: http://svc-hello:8080/\n    expect:\n      action: $0\n';
    assert.deepEqual(labels(src), ['route', 'redirect', 'directResponse', 'noRoute', 'passthrough', 'blackhole', 'defaultService']);
  });

  it('offers request URLs of the workspace services and client pods', () => {
    assert.ok(labels(WORKLOAD + HEAD + '      url: $0\n').includes('http://svc-hello.default.svc.cluster.local:8080/'));
    assert.ok(labels(WORKLOAD + HEAD + '      from: $0\n').includes('httpbin'));
  });

  it('offers hosts, subsets of the host, and pods in expectations', () => {
    const exp = WORKLOAD + HEAD + '      url: http://svc-hello:8080/\n    expect:\n';
    assert.ok(labels(exp + '      destinations:\n      - host: $0\n').includes('svc-hello'));
    assert.deepEqual(labels(exp + '      destinations:\n      - host: svc-hello\n        subset: $0\n'), ['v1', 'v2']);
    assert.ok(labels(exp + '      pods:\n      - $0\n').includes('hello-server-v2'));
    assert.ok(labels(exp + '      virtualService: $0\n').includes('vs-hello'));
  });

  it('offers the routes that can decide, VirtualServices and Gateway API routes', () => {
    const src = WORKLOAD + '#- include: examples/gateway-api/ingress/gateway.yaml\n' + HEAD + '      url: http://svc-hello:8080/\n    expect:\n';
    assert.deepEqual(labels(src + '      route: $0\n'), ['VirtualService/vs-hello', 'HTTPRoute/hello-ingress']);
    assert.deepEqual(labels(src + '      route: {kind: HTTPRoute, name: $0}\n'), ['hello-ingress']);
    assert.deepEqual(labels(src + '      route:\n        name: $0\n'), ['vs-hello', 'hello-ingress']);
  });
});

const BROKEN_TEXT = readFileSync('examples/hello-tests-broken/routing.test.yaml', 'utf8');

function brokenRun(text = BROKEN_TEXT) {
  const snap = buildSnapshot([
    ['workload.yaml', readFileSync('examples/hello/workload.yaml', 'utf8')],
    ['case5.yaml', readFileSync('examples/hello/case5.yaml', 'utf8')],
    ['t.yaml', text],
  ]);
  const [test] = testDocumentsIn(snap, 't.yaml');
  return { snap, test, run: runTestDocument(snap, test) };
}

describe('RoutingTest in the editor', () => {
  it('places Run all over the document and Run test over each case name', () => {
    const { snap } = brokenRun();
    const lenses = testLenses(snap, 't.yaml');
    assert.deepEqual(lenses.map((l) => [l.title, l.case]), [['▶ Run all', undefined], ['▶ Run test', 0], ['▶ Run test', 1]]);
    assert.equal(BROKEN_TEXT.slice(lenses[2].span.start, lenses[2].span.end), '/v2 reaches hello-server-v2 only');
  });

  it('updates a weight to the actual one, and a pods list to the actual pods (short names)', () => {
    const { test, run } = brokenRun();
    const failing = run.cases[1];
    const edits = failing.failures.map((f) => updateExpectationEdit(BROKEN_TEXT, test, failing, f, 'cluster.local')!);
    assert.deepEqual(edits.map((e) => [BROKEN_TEXT.slice(e.span.start, e.span.end), e.newText]), [
      ['80', '90'], ['20', '10'], ['[hello-server-v2]', '[hello-server-v1, hello-server-v2]'],
    ]);
  });

  it('rebuilds a whole destinations list from the result, keeping the block style', () => {
    const text = BROKEN_TEXT.replace('      - { host: svc-hello, subset: v1, port: 8080, weight: 80 }\n      - { host: svc-hello, subset: v2, port: 8080, weight: 20 }\n',
      '      - { host: svc-hello-v2, port: 8080 }\n');
    const { test, run } = brokenRun(text);
    const failing = run.cases[1];
    const f = failing.failures.find((x) => x.field === 'destinations')!;
    const e = updateExpectationEdit(text, test, failing, f, 'cluster.local')!;
    const fixed = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    assert.match(fixed, /\n      destinations:\n      - \{ host: svc-hello, subset: v1, port: 8080, weight: 90 \}\n      - \{ host: svc-hello, subset: v2, port: 8080, weight: 10 \}\n      pods:/);
    const again = brokenRun(fixed).run.cases[1];
    assert.ok(!again.failures.some((x) => x.field.startsWith('destinations')), 'the rebuilt list passes');
  });

  it('reports RoutingTest schema problems at the field', () => {
    const text = BROKEN_TEXT.replace('  defaults:', '  defualts:');
    const { snap } = brokenRun(text);
    const problems = testDocumentProblems(snap, 't.yaml');
    const p = problems.find((x) => /defualts/.test(x.message))!;
    assert.equal(text.slice(p.span.start, p.span.end), 'defualts');
  });
});

describe('Update expectation to the actual result', () => {
  it('makes a case with every kind of wrong expectation pass once each fix is applied', () => {
    const wrong = BROKEN_TEXT.replace(/    expect:\n      action: route\n      virtualService: vs-hello\n[\s\S]*$/, `    expect:
      action: redirect
      status: 301
      virtualService: default/other
      httpRouteIndex: 3
      destinations: [{ host: svc-hello-v2, port: 80 }]
      pods:
      - nobody
      timeout: 5s
      retries: { attempts: 9, retryOn: "5xx" }
      rewrite: { path: /x }
`);
    const { test, run } = brokenRun(wrong);
    const failing = run.cases[1];
    assert.ok(failing.failures.length >= 8, failing.failures.map((f) => f.field).join(', '));
    const edits = failing.failures.map((f) => updateExpectationEdit(wrong, test, failing, f, 'cluster.local')!).sort((a, b) => b.span.start - a.span.start);
    let fixed = wrong;
    for (const e of edits) fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
    const again = brokenRun(fixed).run.cases[1];
    assert.deepEqual(again.failures.map((f) => `${f.field}: ${JSON.stringify(f.actual)}`), [], fixed);
  });
});
