/** Routing tests in the editor through a real LSP connection to dist/server.js over stdio:
 *  code lenses, istioLens/listTests and runTests, a failing expectation as a diagnostic with the trace,
 *  the quick fix's exact edit, re-runs after a change, and the status notification. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it, mock } from 'node:test';
import type { CodeLens, Diagnostic } from 'vscode-languageserver/node';
import {
  LIST_TESTS_METHOD, RUN_TESTS_COMMAND, RUN_TESTS_METHOD, STATUS_NOTIFICATION, TEST_FAILURE_CODE, TEST_RESULTS_NOTIFICATION,
  type ListTestsResult, type RunTestsResult, type StatusParams,
} from '../../server/src/protocol/routingTests';
import { SIMULATE_METHOD, type SimulateResult } from '../../server/src/protocol/simulate';
import { whenIndexed } from '../../server/src/lsp/testsAndStatus';
import { LspClient, positionOf } from './client';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const CASE5 = readFileSync('examples/hello/case5.yaml', 'utf8');
const BROKEN = readFileSync('examples/hello-tests-broken/routing.test.yaml', 'utf8')
  .replace(/  config:\n  - \.\.\/hello\/workload\.yaml\n  - \.\.\/hello\/case5\.yaml\n/, '  config: [workload.yaml, case5.yaml]\n');

describe('routing tests over stdio', () => {
  let c: LspClient;
  const statuses: StatusParams[] = [];
  const reruns: RunTestsResult[] = [];
  before(async () => {
    c = await LspClient.start({ 'workload.yaml': WORKLOAD, 'case5.yaml': CASE5, 'routing.test.yaml': BROKEN });
    c.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => void statuses.push(p));
    c.connection.onNotification(TEST_RESULTS_NOTIFICATION, (p: RunTestsResult) => void reruns.push(p));
    await c.initialize();
  });
  after(async () => c.stop());

  it('lists the test documents and cases of the workspace', async () => {
    const list = await c.request<ListTestsResult>(LIST_TESTS_METHOD, {});
    assert.equal(list.files.length, 1);
    const [doc] = list.files[0].documents;
    assert.equal(doc.name, 'seed-case-5-broken');
    assert.deepEqual(doc.cases.map((x) => x.name), ['subsets v1 and v2 of svc-hello share 90/10', '/v2 reaches hello-server-v2 only']);
    assert.deepEqual(doc.cases[1].range.start, positionOf(BROKEN, '/v2 reaches'));
  });

  it('places "Run all" over the document and "Run test" over each case', async () => {
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: c.uri('routing.test.yaml') } });
    const tests = lenses.filter((l) => l.command?.command === RUN_TESTS_COMMAND);
    assert.deepEqual(tests.map((l) => l.command!.title), ['▶ Run all', '▶ Run test', '▶ Run test']);
    assert.deepEqual(tests[2].range.start, positionOf(BROKEN, '/v2 reaches'));
    assert.deepEqual(tests[2].command!.arguments, [{ tests: [{ uri: c.uri('routing.test.yaml'), document: 0, case: 1 }] }]);
  });

  let failing: Diagnostic;
  it('runs the cases: a failing case is one diagnostic, at its first wrong expectation, the others and the trace as related information', async () => {
    const run = await c.request<RunTestsResult>(RUN_TESTS_METHOD, { tests: [{ uri: c.uri('routing.test.yaml') }] });
    assert.deepEqual(run.results.map((r) => r.passed), [true, false]);
    assert.match(run.results[1].failures[0].message, /destinations\[svc-hello\.default\.svc\.cluster\.local\/v1\]\.weight: expected 80, actual 90/);
    assert.equal(run.results[1].failures.length, 3, 'two weights and the pods are wrong');
    const d = await c.waitForDiagnostics(c.uri('routing.test.yaml'), (x) => x.some((y) => y.code === TEST_FAILURE_CODE));
    // Once in Problems: three wrong expectations of one case are one problem, not three.
    const tests = d.filter((x) => x.code === TEST_FAILURE_CODE);
    assert.equal(tests.length, 1, tests.map((x) => x.message).join('\n'));
    failing = tests[0];
    assert.match(String(failing.message), /^routing test "\/v2 reaches hello-server-v2 only" fails 3 expectations: destinations\[\S+\/v1\]\.weight: expected 80, actual 90; .*v2\]\.weight: expected 20, actual 10; pods: /);
    assert.deepEqual(failing.range, { start: positionOf(BROKEN, 'weight: 80', 8), end: positionOf(BROKEN, 'weight: 80', 10) });
    assert.equal(failing.source, 'istio-lens');
    const related = failing.relatedInformation!;
    assert.deepEqual(related[0].location.range.start, positionOf(BROKEN, 'weight: 20', 8), 'the second wrong weight');
    assert.match(related[1].message, /^pods: /);
    assert.ok(related.some((r) => r.location.uri === c.uri('case5.yaml') && /vs-hello/.test(r.message)), 'trace steps point at the VirtualService');
  });

  it('offers one quick fix that updates every wrong expectation of the case, with the exact edits', async () => {
    const actions = await c.request<{ title: string; edit: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: c.uri('routing.test.yaml') }, range: failing.range, context: { diagnostics: [failing] },
    });
    const fix = actions.find((a) => a.title === 'Update 3 expectations to the actual result')!;
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.deepEqual(fix.edit.changes[c.uri('routing.test.yaml')].map((e) => [e.range.start, e.newText]), [
      [positionOf(BROKEN, 'weight: 80', 8), '90'],
      [positionOf(BROKEN, 'weight: 20', 8), '10'],
      [positionOf(BROKEN, 'pods: ', 6), '[hello-server-v1, hello-server-v2]'],
    ]);
  });

  it('runs the cases again when the test changes, and says so', async () => {
    c.open('routing.test.yaml', BROKEN);
    const fixed = BROKEN.replace('weight: 80', 'weight: 90').replace('weight: 20', 'weight: 10').replace('pods: [hello-server-v2]', 'pods: [hello-server-v1, hello-server-v2]');
    c.change('routing.test.yaml', fixed);
    await c.waitForDiagnostics(c.uri('routing.test.yaml'), (d) => !d.some((x) => x.code === TEST_FAILURE_CODE));
    await c.waitFor(() => reruns.some((r) => r.results.every((x) => x.passed)));
    assert.ok(reruns.some((r) => r.results.length === 2 && r.results.every((x) => x.passed)), 'a testResults notification with the passing re-run');
  });

  it('sends istioLens/status after the analysis', async () => {
    await c.waitFor(() => statuses.length > 0);
    const last = statuses.at(-1)!;
    assert.equal(last.files, 3);
    assert.ok(last.resources >= 8, `resources: ${last.resources}`);
    assert.equal(last.errors, 0);
  });

  it('validates a RoutingTest against its schema', async () => {
    c.change('routing.test.yaml', BROKEN.replace('    expect:\n      action: route\n      virtualService', '    expect:\n      actoin: route\n      virtualService'));
    const d = await c.waitForDiagnostics(c.uri('routing.test.yaml'), (x) => x.some((y) => /actoin/.test(String(y.message))));
    assert.ok(d.some((y) => y.code === 'ISL-TEST-FILE' && y.range.start.line === positionOf(BROKEN, 'virtualService: vs-hello').line - 1));
  });
});

describe('istioLens/simulate right after start', () => {
  it('waits for the first folder scan instead of answering passthrough for a known host', async () => {
    const c = await LspClient.start({ 'workload.yaml': WORKLOAD, 'case5.yaml': CASE5 });
    try {
      await c.initialize();
      // No wait at all: the request is queued right behind `initialized`, before the folder is read.
      const r = await c.request<SimulateResult>(SIMULATE_METHOD, { commandLine: 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin' });
      assert.equal(r.action, 'route');
      assert.deepEqual(r.destinations.map((d) => [d.subset, d.weight]), [['v1', 90], ['v2', 10]]);
    } finally {
      await c.stop();
    }
  });

  it('bounds the wait: it ends when its timer fires, though indexing never finishes', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let done = false;
      const waiting = whenIndexed(new Promise(() => {}), 50).then(() => (done = true));
      mock.timers.tick(49);
      await Promise.resolve();
      assert.equal(done, false, 'not before its 50 ms');
      mock.timers.tick(1);
      await waiting;
      assert.equal(done, true);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('the examples in the editor', () => {
  it('runs examples/hello-tests (each against its spec.config) as the CLI does: all pass; the broken one fails', async () => {
    const files: Record<string, string> = {};
    for (const f of ['hello/workload.yaml', 'hello/case5.yaml',
      'hello-tests/case1-2/routing.test.yaml', 'hello-tests/case3/routing.test.yaml', 'hello-tests/case4/routing.test.yaml',
      'hello-tests/case5/routing.test.yaml', 'hello-tests-broken/routing.test.yaml']) files[f] = readFileSync(`examples/${f}`, 'utf8');
    // spec.config names these folders: every YAML file in them.
    for (const dir of ['hello-cases/case3', 'hello-cases/case4']) {
      for (const name of readdirSync(`examples/${dir}`)) if (/\.ya?ml$/.test(name)) files[`${dir}/${name}`] = readFileSync(`examples/${dir}/${name}`, 'utf8');
    }
    const c = await LspClient.start(files);
    try {
      await c.initialize();
      const list = await c.request<ListTestsResult>(LIST_TESTS_METHOD, {});
      assert.equal(list.files.length, 5);
      const run = await c.request<RunTestsResult>(RUN_TESTS_METHOD, { tests: list.files.map((f) => ({ uri: f.uri })) });
      const failed = run.results.filter((r) => !r.passed).map((r) => `${r.uri.split('/examples/').pop() ?? r.uri} ${r.name}: ${r.failures.map((f) => f.message).join('; ')}`);
      assert.deepEqual(failed.map((f) => f.replace(/^.*?(hello-tests[^ ]*) /, '$1 ').split(':')[0]), ['hello-tests-broken/routing.test.yaml /v2 reaches hello-server-v2 only']);
      assert.ok(run.results.length >= 10, `${run.results.length} cases`);
    } finally {
      await c.stop();
    }
  });
});
