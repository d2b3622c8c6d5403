/// <reference types="mocha" />
// The seed example (examples/hello) in a real VS Code: diagnostics, completion, hover and the
// Simulate Request command, asserted through the vscode API in the extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IstioLensApi } from '../../../client/src/extension';
import type { Simulation } from '../../../client/src/simulate/protocol';
import { completionLabels, EXTENSION_ID, hoverText, positionOf, setText, waitFor, workspaceFile } from './util';

const URL_ROOT = 'GET http://svc-hello.default.svc.cluster.local:8080/';
const URL_V2 = 'GET http://svc-hello.default.svc.cluster.local:8080/v2';

// Case 3 of the seed article: `/v2…` to svc-hello-v2, everything else to svc-hello-v1.
const CASE3_VS = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: vs-hello
spec:
  hosts:
  - "svc-hello.default.svc.cluster.local"
  http:
  - match:
    - uri:
        prefix: /v2
    route:
    - destination:
        host: "svc-hello-v2.default.svc.cluster.local"
  - route:
    - destination:
        host: "svc-hello-v1.default.svc.cluster.local"
`;

// Case 4: nine requests in ten to svc-hello-v1, one to svc-hello-v2.
const CASE4_VS = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: vs-hello
spec:
  hosts:
  - "svc-hello.default.svc.cluster.local"
  http:
  - route:
    - destination:
        host: "svc-hello-v1.default.svc.cluster.local"
      weight: 90
    - destination:
        host: "svc-hello-v2.default.svc.cluster.local"
      weight: 10
`;

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'istio-lens');
}

async function simulate(commandLine: string): Promise<Simulation> {
  const r = await vscode.commands.executeCommand<Simulation | undefined>('istioLens.simulateRequest', commandLine);
  assert.ok(r, `Simulate Request "${commandLine}" returned nothing`);
  return r;
}

describe('Istio Lens on examples/hello', () => {
  let api: IstioLensApi;
  let doc: vscode.TextDocument;
  let original: string;

  before(async function () {
    this.timeout(120000); // the first start of the server on a busy machine
    doc = await vscode.workspace.openTextDocument(workspaceFile('case5.yaml'));
    await vscode.window.showTextDocument(doc);
    original = doc.getText();
    const ext = vscode.extensions.getExtension<IstioLensApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.ready;
    // The server reads the workspace folder after it starts: a hover that names a pod of
    // workload.yaml proves the whole example is indexed.
    await waitFor('the workspace to be indexed', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'subset: v1', 'subset: '.length));
      return /hello-server-v1/.test(hoverText(h));
    }, 60000);
  });

  afterEach(async () => {
    if (doc.getText() !== original) await setText(doc, original);
  });

  it('runs in a Node extension host, activated by YAML', () => {
    assert.ok(process.versions.node);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('counts the indexed resources in the status bar', async () => {
    // examples/hello: a DestinationRule and a VirtualService, three Pods, three Services.
    await waitFor('the status bar count', () => api.statusText().includes('Istio: 8 resources'));
  });

  it('simulates the weighted case: 90% to subset v1, 10% to subset v2, inline after the route', async () => {
    const r = await simulate(URL_ROOT);
    assert.equal(r.action, 'route');
    assert.deepEqual(r.destinations.map((d) => [d.subset, d.weight, d.endpoints.map((e) => e.pod)]), [
      ['v1', 90, ['default/hello-server-v1']],
      ['v2', 10, ['default/hello-server-v2']],
    ]);
    const shown = api.simulation();
    assert.equal(shown.inlineText, '◀ GET / → svc-hello:8080 (v1) 90%, svc-hello:8080 (v2) 10%');
    assert.equal(shown.uri, doc.uri.toString());
    assert.equal(shown.line, positionOf(doc, '  - route:').line, 'the text goes after the matched route\'s first line');
    // The trace shown in the panel walks the decision with the file of each step.
    const steps = r.trace.map((t) => `${t.message} @ ${t.file?.split('/').pop() ?? ''}`);
    for (const expected of [
      /^port 8080 of svc-hello\.default\.svc\.cluster\.local \("http"\) is http: http routing applies @ workload\.yaml$/,
      /^VirtualService default\/vs-hello applies to svc-hello\.default\.svc\.cluster\.local @ case5\.yaml$/,
      /^default\/vs-hello http\[0\] matches .* @ case5\.yaml$/,
      /^DestinationRule default\/dr-hello .*applies to svc-hello\.default\.svc\.cluster\.local.* @ case5\.yaml$/,
      /^subset "v1" selects labels \{version=v1\} @ case5\.yaml$/,
      /^subset "v2" selects labels \{version=v2\} @ case5\.yaml$/,
    ]) assert.ok(steps.some((s) => expected.test(s)), `no trace step like ${expected}: ${JSON.stringify(steps, null, 1)}`);
  });

  it('simulates case 3: /v2 goes to svc-hello-v2, / to svc-hello-v1, each with its match', async () => {
    await setText(doc, original.replace(/# vs-hello sends[\s\S]*$/, CASE3_VS));
    const v2 = await simulate(URL_V2);
    assert.equal(v2.action, 'route');
    assert.equal(v2.httpRouteIndex, 0);
    assert.equal(api.simulation().inlineText, '◀ GET /v2 → svc-hello-v2:8080 100%');
    assert.equal(api.simulation().line, positionOf(doc, '  - match:').line);
    assert.equal(api.simulation().match?.start.line, positionOf(doc, '- uri:').line, 'the deciding match block is highlighted');
    const root = await simulate(URL_ROOT);
    assert.equal(root.httpRouteIndex, 1);
    assert.equal(api.simulation().match, undefined, 'a route without match highlights no match block');
    assert.equal(api.simulation().inlineText, '◀ GET / → svc-hello-v1:8080 100%');
    assert.equal(api.simulation().line, positionOf(doc, '  - route:').line);
  });

  it('simulates cases 1 and 2: no VirtualService, plain Service routing, in the panel with a link to the Service', async () => {
    await setText(doc, original.replace(/# vs-hello sends[\s\S]*$/, ''));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    const one = await simulate(URL_ROOT);
    assert.equal(one.action, 'defaultService');
    assert.equal(api.simulation().inlineText, undefined, 'no VirtualService decided: nothing is attached to the cursor\'s line');
    const outcome = api.simulation().panel[0];
    assert.equal(outcome.label, 'default Service routing (no VirtualService)');
    assert.match(outcome.description ?? '', /no VirtualService — in workload\.yaml:\d+/);
    assert.equal(outcome.opens, workspaceFile('workload.yaml').toString(), 'the panel links to the Service that decided');
    const two = await simulate('GET http://svc-hello-v2.default.svc.cluster.local:8080/');
    assert.equal(two.action, 'defaultService');
    assert.equal(api.simulation().inlineText, undefined);
  });

  it('simulates case 4: 90% to svc-hello-v1, 10% to svc-hello-v2', async () => {
    await setText(doc, original.replace(/# vs-hello sends[\s\S]*$/, CASE4_VS));
    await simulate(URL_ROOT);
    assert.equal(api.simulation().inlineText, '◀ GET / → svc-hello-v1:8080 90%, svc-hello-v2:8080 10%');
  });

  it('says what fails and for what share when a subset is missing, never "routed"', async () => {
    await setText(doc, original.replace('subset: v2', 'subset: v3'));
    await waitFor('the missing subset to be simulated', async () => (await simulate(URL_ROOT)).destinations.some((d) => d.clusterExists === false));
    assert.equal(api.simulation().inlineText, '◀ GET / → ⚠ 10% fail (503 no such cluster) · svc-hello:8080 (v1) 90%, svc-hello:8080 (v3) 10% (503)');
    const outcome = api.simulation().panel[0];
    assert.equal(outcome.label, '10% fail (503 no such cluster): routed to 2 destinations');
    assert.equal(outcome.icon, 'warning');
  });

  it('runs the Simulate command the route code lens carries', async () => {
    const lens = await waitFor('a Simulate code lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      return lenses.find((l) => l.command?.command === 'istioLens.simulate');
    });
    const r = await vscode.commands.executeCommand<Simulation>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(r?.action, 'route');
    assert.equal(api.simulation().line, positionOf(doc, '  - route:').line);
  });

  it('explains a request to an unknown host: passthrough, in the panel, not on the cursor\'s line', async () => {
    await simulate(URL_ROOT); // an inline result first: the passthrough answer must replace it
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    const r = await simulate('GET http://api.example.com/');
    assert.equal(r.action, 'passthrough');
    assert.equal(api.simulation().line, undefined);
    assert.equal(api.simulation().inlineText, undefined);
    assert.equal(api.simulation().panel[0].label, 'passed through (unknown host)');
  });

  it('opens the request box prefilled for "Simulate (edit the request to match)", and runs it on Enter', async () => {
    // A regex the lens cannot build a matching path for.
    await setText(doc, original.replace(/# vs-hello sends[\s\S]*$/, CASE3_VS.replace('prefix: /v2', 'regex: "/a{3}"')));
    await vscode.commands.executeCommand('istioLens.clearSimulation');
    const lens = await waitFor('an "edit the request to match" lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      return lenses.find((l) => /edit the request to match/.test(l.command?.title ?? ''));
    });
    const arg = lens.command!.arguments![0] as { commandLine: string };
    const running = Promise.resolve(vscode.commands.executeCommand<Simulation | undefined>(lens.command!.command, ...lens.command!.arguments!));
    const shown = await waitFor('the request box', () => api.simulatePrompt());
    assert.equal(shown, arg.commandLine, 'prefilled with the lens\'s request');
    assert.equal(api.simulation().result, undefined, 'nothing runs before Enter');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const r = await running;
    assert.ok(r, 'Enter runs the request');
    assert.equal(api.simulation().result, r);
    assert.equal(api.simulatePrompt(), undefined, 'the box is closed');
  });

  it('shows a bad command line as an error, not a result', async () => {
    assert.equal(await vscode.commands.executeCommand('istioLens.simulateRequest', 'GET ftp://nowhere/'), undefined);
    assert.match(api.simulation().error ?? '', /ftp/);
  });

  it('keeps the result until the document changes or Clear Simulation runs', async () => {
    await simulate(URL_ROOT);
    assert.ok(api.simulation().inlineText);
    await vscode.commands.executeCommand('istioLens.clearSimulation');
    assert.equal(api.simulation().inlineText, undefined);
    await simulate(URL_ROOT);
    await setText(doc, original + '\n');
    await waitFor('the result to clear after an edit', () => api.simulation().inlineText === undefined);
  });

  it('reports a broken subset with source istio-lens, and leaves plain YAML alone', async () => {
    const plain = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'steps:\n  - run: [unclosed\n' });
    await setText(doc, original.replace('subset: v2', 'subset: v3'));
    const at = positionOf(doc, 'v3');
    const d = await waitFor('the subset diagnostic', () => ours(doc.uri).find((x) => x.range.contains(at)))
      .catch((e: Error) => { throw new Error(`${e.message}; diagnostics: ${JSON.stringify(ours(doc.uri).map((x) => [x.code, x.message, x.range.start.line]))}`); });
    assert.match(d.message, /v3/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(ours(plain.uri), [], 'plain YAML gets no Istio diagnostics');
    // Quick fixes: the subsets that exist first, then adding the missing one.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.slice(0, 2), ['Change to `v1`', 'Change to `v2`'], titles.join(' | '));
    await waitFor('the status bar error count', () => /error/.test(api.statusText()));
  });

  it('passes the istioLens settings to the server, live', async () => {
    const cfg = () => vscode.workspace.getConfiguration('istioLens');
    const target = vscode.ConfigurationTarget.Workspace;
    await cfg().update('outboundTrafficPolicy', 'REGISTRY_ONLY', target);
    await cfg().update('severityOverrides', { IST0101: 'warning' }, target);
    try {
      await waitFor('unknown hosts blackholed under REGISTRY_ONLY', async () => (await simulate('GET http://api.example.com/')).action === 'blackhole');
      await setText(doc, original.replace('subset: v2', 'subset: v3'));
      const at = positionOf(doc, 'v3');
      await waitFor('IST0101 lowered to a warning', () => ours(doc.uri).find((x) => x.range.contains(at) && x.severity === vscode.DiagnosticSeverity.Warning));
    } finally {
      await cfg().update('outboundTrafficPolicy', undefined, target);
      await cfg().update('severityOverrides', undefined, target);
    }
  });

  it('completes subsets from the DestinationRule', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, 'subset: v1', 'subset: '.length));
    const labels = completionLabels(list);
    assert.ok(labels.includes('v1') && labels.includes('v2'), `subsets v1 and v2 offered, got ${labels.slice(0, 20).join(', ')}`);
  });

  it('previews where the route goes on hover', async () => {
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'subset: v1', 'subset: '.length));
      return h.length ? h : undefined;
    });
    const text = hoverText(hovers);
    assert.match(text, /hello-server-v1/, text);
  });

  it('previews an http route on its `- route:` and `destination` keys, destinations and pods apart', async () => {
    for (const [needle, delta] of [['  - route:', 5], ['    - destination:', 8]] as const) {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, needle, delta));
      const text = hoverText(h);
      assert.match(text, /\*\*http\[0\]\*\* of VirtualService default\/vs-hello/, text);
      assert.match(text, /\| `svc-hello\/v1:8080` \| 90% \| hello-server-v1 \|\n\| `svc-hello\/v2:8080` \| 10% \| hello-server-v2 \|/, text);
    }
    const name = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'name: vs-hello', 'name: '.length + 2));
    assert.doesNotMatch(hoverText(name), /<br>/, 'one destination per table row: a hover drops HTML line breaks');
  });

  it('simulates with the copy of the file it was started from, and shows the result there', async () => {
    // A second copy of default/vs-hello (as with a folder per environment), splitting 50/50. Its
    // name sorts before case5.yaml: where no file is preferred (the routing tests), the last copy in
    // path order is used, case5.yaml's, even while VS Code still holds the deleted copy open.
    const copyUri = workspaceFile('a-copy-of-vs-hello.yaml');
    const copyText = original.replace(/weight: 90/, 'weight: 50').replace(/weight: 10/, 'weight: 50');
    await vscode.workspace.fs.writeFile(copyUri, Buffer.from(copyText));
    try {
      const copy = await vscode.workspace.openTextDocument(copyUri);
      await vscode.window.showTextDocument(copy);
      const fromCopy = await waitFor('the copy to be indexed', async () => {
        const r = await simulate(URL_ROOT);
        return r.destinations.map((d) => d.weight).join('/') === '50/50' && r;
      });
      assert.equal(fromCopy.action, 'route');
      assert.equal(api.simulation().uri, copyUri.toString(), 'the result is shown in the file it was started from');
      assert.equal(api.simulation().line, positionOf(copy, '  - route:').line);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', copyUri, 100);
      assert.ok(lenses.some((l) => l.command?.title === '▶ Simulate'), `the copy's lens simulates its own route: ${lenses.map((l) => l.command?.title).join(' | ')}`);
      await vscode.window.showTextDocument(doc);
      const fromOriginal = await simulate(URL_ROOT);
      assert.deepEqual(fromOriginal.destinations.map((d) => d.weight), [90, 10]);
      assert.equal(api.simulation().uri, doc.uri.toString());
    } finally {
      await vscode.window.showTextDocument(copyUri);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(copyUri);
      await vscode.window.showTextDocument(doc);
    }
  });
});
