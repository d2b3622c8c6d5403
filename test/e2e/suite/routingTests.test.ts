/// <reference types="mocha" />
// Routing tests in a real VS Code: the Testing view lists a test file of the workspace with
// its cases, the code lens and the Testing view run them, and a broken expectation becomes a failure
// at the expectation. Waits for values, never sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IstioLensApi } from '../../../client/src/extension';
import { activeApi, positionOf, setText, waitFor, workspaceFile } from './util';

// examples/hello-tests-broken/routing.test.yaml without spec.config: it runs against the workspace
// (examples/hello: the seed workload and case 5, a 90/10 split).
const TEST = `apiVersion: lens.istio-lens.dev/v1alpha1
kind: RoutingTest
metadata:
  name: seed-case-5
  namespace: default
spec:
  defaults:
    from: httpbin
  cases:
  - name: subsets v1 and v2 of svc-hello share 90/10
    request:
      url: http://svc-hello.default.svc.cluster.local:8080/
    expect:
      action: route
      destinations:
      - { host: svc-hello, subset: v1, port: 8080, weight: 90 }
      - { host: svc-hello, subset: v2, port: 8080, weight: 10 }
  - name: /v2 reaches hello-server-v2 only
    request:
      url: http://svc-hello.default.svc.cluster.local:8080/v2
    expect:
      action: route
      virtualService: vs-hello
      destinations:
      - { host: svc-hello, subset: v1, port: 8080, weight: 80 }
      - { host: svc-hello, subset: v2, port: 8080, weight: 20 }
`;

describe('routing tests in the Testing view', () => {
  let api: IstioLensApi;
  const uri = () => workspaceFile('routing.test.yaml');

  before(async function () {
    this.timeout(120000);
    api = await activeApi();
    await vscode.workspace.fs.writeFile(uri(), Buffer.from(TEST));
  });

  after(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri().toString());
    if (doc?.isDirty) await doc.save(); // closing a dirty editor would ask
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri());
  });

  it('lists the test file with one item per case, at the case', async () => {
    // Labelled by the test's name, with its path as the description.
    const file = await waitFor('the test file in the Testing view', () => api.testItems().find((f) => f.label === 'seed-case-5' && f.children.length === 2));
    assert.equal(file.description, 'routing.test.yaml');
    assert.deepEqual(file.children.map((c) => [c.label, c.line]), [
      ['subsets v1 and v2 of svc-hello share 90/10', 9], ['/v2 reaches hello-server-v2 only', 17],
    ]);
  });

  it('runs from the code lens: the 90/10 case passes, the broken one fails at its expectations', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('the test code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return l.filter((x) => x.command?.command === 'istioLens.runTests').length === 3 && l.filter((x) => x.command?.command === 'istioLens.runTests');
    });
    assert.deepEqual(lenses.map((l) => l.command!.title), ['▶ Run all', '▶ Run test', '▶ Run test']);
    const all = lenses[0].command!;
    await vscode.commands.executeCommand(all.command, ...(all.arguments ?? []));
    const results = await waitFor('the results', () => api.testResults().length === 2 && api.testResults());
    assert.deepEqual(results.map((r) => r.passed), [true, false]);
    // Once in Problems: the case's two wrong weights are one entry, at the first of them.
    const diags = await waitFor('the failure diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.code === 'ISL-TEST');
      return d.length > 0 && d;
    });
    assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
    const [failure] = diags;
    assert.match(failure.message, /fails 2 expectations: .*v1\]\.weight: expected 80, actual 90; .*v2\]\.weight: expected 20, actual 10/);
    assert.deepEqual(failure.range.start, positionOf(doc, 'weight: 80', 'weight: '.length));
    const related = failure.relatedInformation ?? [];
    assert.deepEqual(related[0]?.location.range.start, positionOf(doc, 'weight: 20', 'weight: '.length), 'the other wrong weight');
    assert.ok(related.some((r) => /vs-hello/.test(r.message)), 'the trace is related information');
    // One failing test, whatever number of its expectations fail; not an error of the Istio configuration.
    await waitFor('the failing test in the status item', () => /1 failing test$/.test(api.statusText()) && api.statusText());
    assert.doesNotMatch(api.statusText(), /error/);
  });

  it('runs from the Testing view after the expectation is fixed, and the failure goes away', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    await setText(doc, TEST.replace('weight: 80', 'weight: 90').replace('weight: 20', 'weight: 10'));
    await vscode.commands.executeCommand('testing.runAll');
    await waitFor('a passing run', () => api.testResults().length === 2 && api.testResults().every((r) => r.passed));
    await waitFor('no failure diagnostics', () => !vscode.languages.getDiagnostics(doc.uri).some((x) => x.code === 'ISL-TEST'));
  });
});
