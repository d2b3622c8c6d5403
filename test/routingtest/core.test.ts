/** Routing tests through the core: reading RoutingTest documents with spans, and every expectation
 *  passing on the real result and failing with a readable field when it is wrong. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTestDocuments, runTestDocument } from '../../server/src/core/testing/run';
import type { TestDocumentResult } from '../../server/src/core/testing/model';
import { workspace } from '../helpers/workspace';

/** The seed's workload and case 5 (examples/hello), plus a VirtualService with every action. */
const CONFIG = `#- file: workload.yaml
apiVersion: v1
kind: Pod
metadata: { name: hello-server-v1, labels: { app: hello, version: v1 } }
status: { phase: Running, podIP: 172.17.0.5 }
---
apiVersion: v1
kind: Pod
metadata: { name: hello-server-v2, labels: { app: hello, version: v2 } }
status: { phase: Running, podIP: 172.17.0.6 }
---
apiVersion: v1
kind: Pod
metadata: { name: httpbin, labels: { app: httpbin } }
status: { phase: Running, podIP: 172.17.0.4 }
---
apiVersion: v1
kind: Service
metadata: { name: svc-hello }
spec: { selector: { app: hello }, ports: [{ name: http, port: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: svc-strict }
spec: { selector: { app: hello }, ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: svc-db }
spec: { selector: { app: hello }, ports: [{ name: tcp-db, port: 5432 }] }
#- file: istio.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: dr-hello }
spec:
  host: svc-hello
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: vs-hello }
spec:
  hosts: [svc-hello]
  http:
  - match: [{ uri: { prefix: /old } }]
    redirect: { uri: /new, redirectCode: 302 }
  - match: [{ uri: { exact: /teapot } }]
    directResponse: { status: 418, body: { string: short and stout } }
  - match: [{ uri: { prefix: /broken } }]
    fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }
    route: [{ destination: { host: svc-hello, subset: v1 } }]
  - match: [{ uri: { prefix: /api } }]
    rewrite: { uri: /, authority: backend.local }
    timeout: 2s
    retries: { attempts: 5, perTryTimeout: 500ms, retryOn: 5xx }
    route: [{ destination: { host: svc-hello, subset: v2 } }]
  - route:
    - { destination: { host: svc-hello, subset: v1 }, weight: 90 }
    - { destination: { host: svc-hello, subset: v2 }, weight: 10 }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: vs-strict }
spec:
  hosts: [svc-strict]
  http:
  - match: [{ uri: { exact: /only } }]
    route: [{ destination: { host: svc-strict } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: vs-db }
spec:
  hosts: [svc-db]
  tcp:
  - match: [{ port: 5432 }]
    route: [{ destination: { host: svc-db } }]
`;

function runTest(test: string): TestDocumentResult[] {
  const snap = workspace(`${CONFIG}\n#- file: routing.test.yaml\n${test}`);
  return findTestDocuments(snap).map((t) => runTestDocument(snap, t));
}

/** One case with these expectations for this request; returns its failures by field. */
function check(url: string, expect: string): Record<string, { expected: unknown; actual: unknown }> {
  const [doc] = runTest(`apiVersion: lens.istio-lens.dev/v1alpha1
kind: RoutingTest
metadata: { name: t }
spec:
  cases:
  - name: c
    request: { url: "${url}", from: httpbin }
    expect:
${expect.trim().split('\n').map((l) => `      ${l}`).join('\n')}
`);
  assert.equal(doc.cases.length, 1);
  const r = doc.cases[0];
  for (const f of r.failures) assert.equal(f.error, undefined, `unexpected error: ${f.error}`);
  return Object.fromEntries(r.failures.map((f) => [f.field, { expected: f.expected, actual: f.actual }]));
}

const HELLO = 'http://svc-hello.default.svc.cluster.local:8080';

describe('reading RoutingTest documents', () => {
  it('finds tests next to configuration; the snapshot still ignores them', () => {
    const snap = workspace(`${CONFIG}\n---\napiVersion: lens.istio-lens.dev/v1alpha1\nkind: RoutingTest\nmetadata: { name: inline, namespace: shop }\nspec:\n  cases:\n  - name: one\n    request: { url: "${HELLO}/" }\n    expect: { action: route }\n`);
    const tests = findTestDocuments(snap);
    assert.deepEqual(tests.map((t) => [t.name, t.namespace, t.format, t.cases.length]), [['inline', 'shop', 'routingTest', 1]]);
    assert.equal(snap.resources.filter((r) => r.meta.kind === 'RoutingTest').length, 0);
    const text = snap.files.get('istio.yaml')!.source.text;
    assert.equal(text.slice(tests[0].cases[0].nameSpan.start, tests[0].cases[0].nameSpan.end), 'one');
  });

  it('ignores other apiVersion groups for kind RoutingTest', () => {
    assert.equal(runTest('apiVersion: example.com/v1\nkind: RoutingTest\nspec: { cases: [] }\n').length, 0);
  });

  it('fails a case whose expectation name is misspelled instead of silently passing it', () => {
    const [doc] = runTest(`kind: RoutingTest\nspec:\n  cases:\n  - name: typo\n    request: { url: "${HELLO}/" }\n    expect: { action: route, destination: [] }\n`);
    assert.equal(doc.failed, 1);
    assert.equal(doc.cases[0].failures[0].error, 'unknown expectation "destination"; did you mean "destinations"?');
  });

  it('fails a case with no expectation, and a document with no case', () => {
    const [doc] = runTest(`kind: RoutingTest\nspec:\n  cases:\n  - name: empty\n    request: { url: "${HELLO}/" }\n`);
    assert.match(doc.cases[0].failures[0].error ?? '', /no expectations/);
    const [none] = runTest('kind: RoutingTest\nmetadata: { name: nothing }\nspec: {}\n');
    assert.equal(none.failed, 1);
    assert.match(none.cases[0].failures[0].error ?? '', /spec.cases lists no case/);
  });

  it('fails a test file with a YAML syntax error', () => {
    const [doc] = runTest(`kind: RoutingTest\nspec:\n  cases:\n  - name: c\n    request: { url: "${HELLO}/" }\n    expect: { action: route, action: noRoute }\n`);
    assert.ok(doc.failed >= 1);
    assert.match(doc.cases[0].failures.map((f) => f.error).join('\n'), /YAML/);
  });

  it('reports a bad request (no url, unknown client) as an error of the case', () => {
    const [doc] = runTest(`kind: RoutingTest\nspec:\n  cases:\n  - name: no url\n    request: { method: GET }\n    expect: { action: route }\n  - name: ghost\n    request: { url: "${HELLO}/", from: default/ghost }\n    expect: { action: route }\n`);
    assert.match(doc.cases[0].failures[0].error ?? '', /needs a url/);
    assert.match(doc.cases[1].failures[0].error ?? '', /no Pod or workload default\/ghost/);
  });

  it('merges spec.defaults into every request, headers included', () => {
    const [doc] = runTest(`kind: RoutingTest\nspec:\n  defaults: { from: httpbin, headers: { x-a: "1" } }\n  cases:\n  - name: c\n    request: { url: "${HELLO}/", headers: { x-b: "2" } }\n    expect: { action: route }\n`);
    const req = doc.cases[0].result!.request;
    assert.equal(req.source.workload, 'default/httpbin');
    assert.deepEqual({ ...req.headers }, { 'x-a': '1', 'x-b': '2' });
  });
});

describe('expectations on the simulated result', () => {
  it('action, virtualService, httpRouteIndex and destinations (order-insensitive, short hosts) pass on case 5', () => {
    assert.deepEqual(check(`${HELLO}/`, `
action: route
virtualService: vs-hello
httpRouteIndex: 4
destinations:
- { host: svc-hello, subset: v2, port: 8080, weight: 10 }
- { host: svc-hello.default.svc.cluster.local, subset: v1, port: 8080, weight: 90 }
pods: [hello-server-v1, default/hello-server-v2]`), {});
  });

  it('a wrong weight is one line per destination field', () => {
    assert.deepEqual(check(`${HELLO}/`, `
destinations:
- { host: svc-hello, subset: v1, weight: 80 }
- { host: svc-hello, subset: v2, weight: 20 }`), {
      'destinations[svc-hello.default.svc.cluster.local/v1].weight': { expected: 80, actual: 90 },
      'destinations[svc-hello.default.svc.cluster.local/v2].weight': { expected: 20, actual: 10 },
    });
  });

  it('a missing destination shows both lists', () => {
    const f = check(`${HELLO}/`, 'destinations: [{ host: svc-hello, subset: v1 }]');
    assert.deepEqual(f.destinations, {
      expected: ['svc-hello.default.svc.cluster.local subset v1'],
      actual: ['svc-hello.default.svc.cluster.local subset v1 port 8080 weight 90', 'svc-hello.default.svc.cluster.local subset v2 port 8080 weight 10'],
    });
  });

  it('wrong action, route index and VirtualService namespace are reported', () => {
    assert.deepEqual(check(`${HELLO}/`, `
action: redirect
httpRouteIndex: 0
virtualService: { name: vs-hello, namespace: other }`), {
      action: { expected: 'redirect', actual: 'route' },
      httpRouteIndex: { expected: 0, actual: 4 },
      virtualService: { expected: 'other/vs-hello', actual: 'default/vs-hello' },
    });
  });

  it('pods that may receive the request', () => {
    assert.deepEqual(check(`${HELLO}/api`, 'pods: [hello-server-v1]'), { pods: { expected: ['default/hello-server-v1'], actual: ['default/hello-server-v2'] } });
  });

  // Redirect status and Location: route.go ApplyRedirect, redirectCode 302 kept (istio.io
  // reference/config/networking/virtual-service/#HTTPRedirect).
  it('redirect: status and location', () => {
    assert.deepEqual(check(`${HELLO}/old?x=1`, `
action: redirect
status: 302
redirect: { location: "http://svc-hello.default.svc.cluster.local:8080/new?x=1", status: 302 }
destinations: []`), {});
    assert.deepEqual(check(`${HELLO}/old`, 'redirect: { status: 301 }'), { 'redirect.status': { expected: 301, actual: 302 } });
  });

  it('directResponse: status and body; null when there is none', () => {
    assert.deepEqual(check(`${HELLO}/teapot`, 'status: 418\ndirectResponse: { status: 418, body: short and stout }'), {});
    assert.deepEqual(check(`${HELLO}/`, 'directResponse: { status: 418 }'), { directResponse: { expected: { status: 418 }, actual: null } });
  });

  // A fault abort at 100 % is what every client sees (route.go TranslateFault).
  it('fault: abort status and percent; status is the abort status when it aborts every request', () => {
    assert.deepEqual(check(`${HELLO}/broken`, 'status: 503\nfault: { abort: { status: 503, percent: 100 }, delay: null }'), {});
    assert.deepEqual(check(`${HELLO}/broken`, 'fault: { abort: { percent: 50 } }'), { 'fault.abort.percent': { expected: 50, actual: 100 } });
  });

  // rewrite.uri is Envoy's prefix_rewrite: prefix /api with uri / turns /api/users into //users
  // (istio.io reference/config/networking/virtual-service/#HTTPRewrite; route.go translateRoute).
  it('rewrite, timeout (2s = 2000ms) and retries', () => {
    assert.deepEqual(check(`${HELLO}/api/users`, `
rewrite: { path: //users, authority: backend.local }
timeout: 2000ms
retries: { attempts: 5, perTryTimeout: 0.5s }`), {});
    assert.deepEqual(check(`${HELLO}/`, 'rewrite: null\ntimeout: null\nretries: { attempts: 3 }'), { 'retries.attempts': { expected: 3, actual: 2 } });
    assert.deepEqual(check(`${HELLO}/api`, 'timeout: 3s'), { timeout: { expected: '3s', actual: '2s' } });
  });

  // A port named tcp-* is routed by tcp routes (istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/).
  it('tcpRouteIndex for a tcp port', () => {
    assert.deepEqual(check('tcp://svc-db.default.svc.cluster.local:5432', 'action: route\ntcpRouteIndex: 0\nhttpRouteIndex: null'), {});
  });

  // A VirtualService applies but no route matches: Envoy answers 404 with response flag NR
  // (envoyproxy.io docs/envoy/latest/configuration/observability/access_log/usage, NR: no route).
  it('noRoute: status 404, no destination', () => {
    assert.deepEqual(check('http://svc-strict.default.svc.cluster.local/other', 'action: noRoute\nstatus: 404\nvirtualService: vs-strict\nhttpRouteIndex: null\ndestinations: []'), {});
    assert.deepEqual(check('http://svc-strict.default.svc.cluster.local/other', 'status: null'), { status: { expected: null, actual: 404 } });
  });

  it('passthrough: an unknown host has no status and no pod', () => {
    assert.deepEqual(check('http://svc-hello-v9.default.svc.cluster.local:8080/', 'action: passthrough\nstatus: null\npods: []'), {});
  });

  it('sample: shares within the tolerance pass, outside fail with the counts', () => {
    assert.deepEqual(check(`${HELLO}/`, 'sample: { count: 2000, seed: 3, tolerance: 3, pods: { hello-server-v1: 90, hello-server-v2: 10 } }'), {});
    const f = check(`${HELLO}/`, 'sample: { count: 2000, seed: 3, tolerance: 2, destinations: [{ host: svc-hello, subset: v1, percent: 50 }] }');
    const d = f['sample.destinations[svc-hello.default.svc.cluster.local/v1]'];
    assert.equal(d.expected, 50);
    assert.ok(Math.abs((d.actual as number) - 90) < 3, String(d.actual));
  });

  it('the same seed gives the same sample', () => {
    const a = check(`${HELLO}/`, 'sample: { count: 500, seed: 9, tolerance: 0, pods: { hello-server-v1: 0 } }');
    const b = check(`${HELLO}/`, 'sample: { count: 500, seed: 9, tolerance: 0, pods: { hello-server-v1: 0 } }');
    assert.deepEqual(a, b);
  });

  it('points each failure at the expectation that failed', () => {
    const snapText = 'kind: RoutingTest\nspec:\n  cases:\n  - name: c\n    request: { url: "' + HELLO + '/" }\n    expect:\n      httpRouteIndex: 1\n';
    const snap = workspace(`${CONFIG}\n#- file: t.yaml\n${snapText}`);
    const [t] = findTestDocuments(snap);
    const [r] = runTestDocument(snap, t).cases;
    const text = snap.files.get('t.yaml')!.source.text;
    assert.equal(text.slice(r.failures[0].span.start, r.failures[0].span.end), '1');
    assert.ok(r.trace.length > 0);
  });
});
