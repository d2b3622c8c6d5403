/** The language server through a real LSP connection to dist/server.js over stdio. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover } from 'vscode-languageserver/node';
import type { SimulateResult } from '../../server/src/protocol/simulate';
import { LspClient, positionOf } from './client';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const CASE5 = readFileSync('examples/hello/case5.yaml', 'utf8');
const [DR, VS] = CASE5.split(/^---\n/m);
const TYPO_VS = VS.replace('        subset: v1', '        subsett: v1');

describe('language server over stdio', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ 'workload.yaml': WORKLOAD, 'dr.yaml': DR, 'vs.yaml': TYPO_VS, 'ci.yaml': 'jobs:\n  build: [unclosed\n' });
  });
  after(async () => c.stop());

  it('initializes with the editor features', async () => {
    const { capabilities } = await c.initialize();
    for (const cap of ['completionProvider', 'hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'codeLensProvider', 'inlayHintProvider', 'codeActionProvider']) {
      assert.ok(capabilities[cap], cap);
    }
  });

  it('publishes diagnostics for files on disk that are not open, with the docs link and a quick fix', async () => {
    const diags = await c.waitForDiagnostics(c.uri('vs.yaml'), (d) => d.some((x) => x.code === 'ISL0101'));
    const typo = diags.find((x) => x.code === 'ISL0101')!;
    assert.deepEqual(typo.range.start, positionOf(TYPO_VS, 'subsett'));
    assert.ok(typo.codeDescription?.href.startsWith('http'));
    const actions = await c.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: c.uri('vs.yaml') }, range: typo.range, context: { diagnostics: [typo] },
    });
    assert.equal(actions[0]?.edit.changes[c.uri('vs.yaml')][0].newText, 'subset');
    assert.deepEqual(c.logs.filter((l) => /worker|failed/.test(l)), [], 'the diagnostics worker runs');
  });

  it('keeps YAML that is not Kubernetes quiet', async () => {
    await c.waitForDiagnostics(c.uri('vs.yaml'), () => true);
    assert.equal(c.diagnostics.get(c.uri('ci.yaml')), undefined);
  });

  it('republishes a file when the file it depends on changes', async () => {
    // vs.yaml routes to subset v2 of dr.yaml; removing v2 from the (open) DR makes the unopened VS wrong.
    c.open('dr.yaml', DR);
    try {
      c.change('dr.yaml', DR.replace(/  - name: v2\n    labels:\n      version: v2\n/, ''));
      const diags = await c.waitForDiagnostics(c.uri('vs.yaml'), (d) => d.some((x) => x.code === 'IST0101'));
      const missing = diags.find((x) => x.code === 'IST0101')!;
      assert.match(String(missing.message), /v2/);
      assert.equal(missing.relatedInformation?.[0]?.location.uri, c.uri('dr.yaml'), 'related information points at the DestinationRule');
    } finally {
      c.change('dr.yaml', DR);
    }
    await c.waitForDiagnostics(c.uri('vs.yaml'), (d) => !d.some((x) => x.code === 'IST0101'));
  });

  it('reads files created on disk when the client reports them', async () => {
    const broken = VS.replace('name: vs-hello', 'name: vs-new').replace('weight: 90', 'weight: "ninety"');
    writeFileSync(new URL(c.uri('new.yaml')), broken);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('new.yaml'), type: 1 }] });
    const line = positionOf(broken, '"ninety"').line;
    await c.waitForDiagnostics(c.uri('new.yaml'), (d) => d.some((x) => x.range.start.line === line));
  });

  it('completes a subset of the destination host in an open document', async () => {
    const text = VS.replace('        subset: v2', '        subset: ');
    c.open('vs.yaml', text);
    const pos = positionOf(text, '        subset: \n', '        subset: '.length);
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: c.uri('vs.yaml') }, position: pos });
    c.change('vs.yaml', VS);
    assert.deepEqual(list.items.map((i) => i.label), ['v1', 'v2']);
  });

  it('hovers a VirtualService name with its route preview', async () => {
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: c.uri('vs.yaml') }, position: positionOf(VS, 'name: vs-hello', 8) });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /\*\*VirtualService default\/vs-hello\*\*/);
    assert.match(md, /`svc-hello\/v1:8080` 90% \| hello-server-v1 \|\n\| \| \| \| `svc-hello\/v2:8080` 10% \| hello-server-v2 \|/);
  });

  it('simulates a request with istioLens/simulate, with the CLI JSON and editor ranges', async () => {
    const r = await c.request<SimulateResult>('istioLens/simulate', { commandLine: 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin' });
    assert.equal(r.action, 'route');
    assert.deepEqual(r.destinations.map((d) => [d.subset, d.weight, d.endpoints.map((e) => e.pod)]), [['v1', 90, ['default/hello-server-v1']], ['v2', 10, ['default/hello-server-v2']]]);
    assert.equal(r.locations.route?.uri, c.uri('vs.yaml'));
    assert.equal(r.locations.route?.range.start.line, positionOf(VS, '- route:').line);
    assert.equal(r.locations.trace.length, r.trace.length);
    await assert.rejects(c.request('istioLens/simulate', { commandLine: 'GET http://x --from nobody/nowhere' }), /no Pod or workload nobody\/nowhere/);
  });

  it('places code lenses above http routes and resolves them to a summary and a Simulate command', async () => {
    const lenses = await c.request<{ range: unknown; data: unknown }[]>('textDocument/codeLens', { textDocument: { uri: c.uri('vs.yaml') } });
    assert.equal(lenses.length, 2);
    const resolved = await Promise.all(lenses.map((l) => c.request<{ command: { title: string; command: string; arguments?: unknown[] } }>('codeLens/resolve', l)));
    assert.equal(resolved[0].command.title, '* → svc-hello/v1 90%, svc-hello/v2 10%');
    assert.deepEqual(resolved[1].command, {
      title: '▶ Simulate', command: 'istioLens.simulate',
      arguments: [{ uri: c.uri('vs.yaml'), commandLine: 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin' }],
    });
  });

  it('prefills a command line for the VirtualService under the cursor', async () => {
    const r = await c.request<{ commandLine: string }>('istioLens/simulateCommandLine', { uri: c.uri('vs.yaml'), position: positionOf(VS, 'name: vs-hello', 8) });
    assert.equal(r.commandLine, 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin');
  });
});
