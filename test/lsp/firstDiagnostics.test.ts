/** The first diagnostics of a file just opened: what the editor sends around an open must not hold
 *  them back. Seen in VS Code with a 2,000-document file: the folder scan finished while the file's
 *  first analysis ran, and restarting that analysis for a change that changed nothing threw seconds
 *  of work away; the code actions the editor asks for at every cursor move parsed the whole file on
 *  the server thread; the open file's diagnostics were sent after those of the other files. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type CodeAction } from 'vscode-languageserver/node';
import { generateMesh } from '../../bench/generate';
import { LspClient } from './client';

/** A VirtualService routing to a subset its DestinationRule lacks (IST0101 in this file). */
function missingSubset(app: string): string {
  return [
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  selector:\n    app: ${app}\n  ports:\n  - name: http\n    port: 8080\n`,
    `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${app}\nspec:\n  host: ${app}\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n`,
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${app}\nspec:\n  hosts:\n  - ${app}\n  http:\n  - route:\n    - destination:\n        host: ${app}\n        subset: v9\n`,
  ].join('---\n');
}

describe('a big file just opened', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ 'small.yaml': missingSubset('small') });
    // No warm-up of the server thread's snapshot: only a request can build it (see bigFile.test.ts).
    await c.initialize({ indexInBackground: false });
    await c.traceVerbose();
    await c.waitForDiagnostics(c.uri('small.yaml'), (d) => d.length > 0);
  });
  after(async () => c.stop());

  it('keeps its first analysis going through a change that changes nothing', async () => {
    const from = c.traces.length;
    const text = generateMesh(1500).text;
    c.open('big.yaml', text);
    await c.waitFor(() => c.traces.slice(from).some((t) => /^diagnostics: analysis \d+ started$/.test(t)));
    // A file watcher's event for the open file (what the folder scan's end did too): nothing the
    // analysis reads has changed.
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('big.yaml'), type: 2 }] });
    await c.waitFor(() => c.published.some((p) => p.uri === c.uri('big.yaml') && p.version === 1));
    const stopped = c.traces.slice(from).filter((t) => t.includes('stopped'));
    assert.deepEqual(stopped, [], 'the analysis of the opened file was thrown away');
    assert.ok(c.logs.some((l) => l.startsWith(`istio-lens: ${c.uri('big.yaml')}: first diagnostics sent `) && / ms after the editor opened it \(\d+ ms after the server process started\)$/.test(l)), JSON.stringify(c.logs));
  });

  it('answers code actions where it has no finding without parsing the file on the server thread', async () => {
    const uri = c.uri('big.yaml');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
    // The server thread still has no snapshot holding the big file: definition goes to the worker.
    const from = c.traces.length;
    await c.request('textDocument/definition', { textDocument: { uri }, position: { line: 3, character: 10 } });
    assert.ok(c.traces.slice(from).some((t) => t.startsWith('definition: handed to the diagnostics worker')), JSON.stringify(c.traces.slice(from)));
  });

  it('still offers the quick fix where a finding is', async () => {
    const uri = c.uri('small.yaml');
    const d = c.diagnostics.get(uri)!.find((x) => x.code === 'IST0101')!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.ok(actions.some((a) => a.kind === 'quickfix' && JSON.stringify(a.edit).includes('v1')), JSON.stringify(actions));
  });
});

describe('a big file of the workspace folder opened while its first analysis runs', () => {
  it('lets that analysis finish, then sends its diagnostics again with the editor\'s version', async () => {
    const text = generateMesh(1500).text.replace('subset: v2', 'subset: v9');
    const c = await LspClient.start({ 'big.yaml': text });
    try {
      await c.traceVerbose();
      await c.initialize();
      // The folder scan has read the file and its analysis has started: the editor opens it, as it is.
      await c.waitFor(() => c.traces.some((t) => /^diagnostics: analysis \d+ started$/.test(t)));
      c.open('big.yaml', text);
      await c.waitFor(() => c.published.some((p) => p.uri === c.uri('big.yaml') && p.version === 1));
      assert.deepEqual(c.traces.filter((t) => t.includes('stopped')), [], 'the analysis of the file was thrown away');
      assert.ok(c.diagnostics.get(c.uri('big.yaml'))!.some((d) => d.code === 'IST0101'));
    } finally {
      await c.stop();
    }
  });
});

describe('diagnostics of the whole workspace', () => {
  it('are sent for the open documents first', async () => {
    const files: Record<string, string> = {};
    for (const name of ['a', 'b', 'c', 'd', 'z-open']) files[`${name}.yaml`] = missingSubset(`app-${name}`);
    const c = await LspClient.start(files);
    try {
      await c.initialize();
      for (const name of Object.keys(files)) await c.waitForDiagnostics(c.uri(name), (d) => d.length > 0);
      c.open('z-open.yaml', files['z-open.yaml']);
      await c.waitFor(() => c.published.some((p) => p.uri === c.uri('z-open.yaml') && p.version === 1));
      // A new level for IST0101 changes the diagnostics of every file: all are sent again, in one go.
      const from = c.published.length;
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { istioLens: { severityOverrides: { IST0101: 'warning' } } } });
      await c.waitFor(() => c.published.length - from === Object.keys(files).length);
      const sent = c.published.slice(from);
      assert.equal(sent[0].uri, c.uri('z-open.yaml'), JSON.stringify(sent.map((p) => p.uri)));
      assert.ok(sent.every((p) => p.diagnostics.some((d) => d.code === 'IST0101' && d.severity === DiagnosticSeverity.Warning)));
    } finally {
      await c.stop();
    }
  });
});
