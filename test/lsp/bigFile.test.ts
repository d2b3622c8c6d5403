/** A big file just opened (completion and hover never wait behind a workspace-wide re-analysis): the
 *  diagnostics worker has parsed it for its diagnostics while the server thread has not yet, so the
 *  server hands completion, hover and definition to the worker. Before, they answered from the
 *  server thread's previous snapshot, which did not hold the new file: no subsets. The server is
 *  started with `indexInBackground: false`, so its thread parses the file only when a request needs
 *  it: what the server thread has is decided by the test, not by how fast the machine is. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover, Location } from 'vscode-languageserver/node';
import { LspClient, positionOf } from './client';

/** `apps` Services with a DestinationRule (subsets v1, v2) and a VirtualService each; the last
 *  VirtualService's second destination has `subset: ` left to complete, and its first a weight that
 *  is not a number (a schema error: its diagnostic shows that the whole file was analysed). */
function mesh(apps: number): string {
  const docs: string[] = [];
  for (let i = 0; i < apps; i++) {
    const lastOne = i === apps - 1;
    const subset = lastOne ? '' : 'v2';
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n  - name: http\n    port: 8080\n`,
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: app-${i}\nspec:\n  host: app-${i}\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2\n`,
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: app-${i}\nspec:\n  hosts:\n  - app-${i}\n  http:\n  - route:\n    - destination:\n        host: app-${i}\n        subset: v1\n      weight: ${lastOne ? '9x' : '90'}\n    - destination:\n        host: app-${i}\n        subset: ${subset}\n      weight: 10\n`,
    );
  }
  return docs.join('---\n');
}

describe('a big file just opened', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({});
    await c.initialize({ indexInBackground: false });
    await c.traceVerbose();
  });
  after(async () => c.stop());

  it('gets completion, hover and definition from its own documents before the server thread has parsed it', async () => {
    // A first file, queried so that the server thread holds a snapshot of the workspace without the big one.
    const small = mesh(1).replace('subset: \n', 'subset: v2\n').replace('9x', '90');
    c.open('small.yaml', small);
    await c.request<Hover>('textDocument/hover', { textDocument: { uri: c.uri('small.yaml') }, position: positionOf(small, 'host: app-0', 7) });

    const apps = 1000;
    const text = mesh(apps);
    c.open('big.yaml', text);
    await c.waitForDiagnostics(c.uri('big.yaml'), (d) => d.length > 0);
    const uri = c.uri('big.yaml');
    const last = text.lastIndexOf('        subset: \n') + '        subset: '.length;
    const before = text.slice(0, last);
    const position = { line: before.split('\n').length - 1, character: '        subset: '.length };
    const hostAt = text.lastIndexOf(`host: app-${apps - 1}`) + 'host: '.length + 2;
    const hostPos = { line: text.slice(0, hostAt).split('\n').length - 1, character: hostAt - text.lastIndexOf('\n', hostAt - 1) - 1 };

    const [list, hover, definition] = await Promise.all([
      c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position }),
      c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: hostPos }),
      c.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: hostPos }),
    ]);
    assert.deepEqual(list.items.map((i) => i.label), ['v1', 'v2']);
    assert.match((hover.contents as { value: string }).value, new RegExp(`app-${apps - 1}`));
    assert.ok(definition.some((l) => l.uri === uri && text.split('\n')[l.range.start.line].includes(`name: app-${apps - 1}`)), JSON.stringify(definition));
    for (const method of ['completion', 'hover', 'definition']) {
      assert.ok(c.traces.some((t) => t.startsWith(`${method}: handed to the diagnostics worker`)), `${method} was not answered by the worker: ${JSON.stringify(c.traces)}`);
    }
  });
});

describe('a big file opened while the server thread has indexed the others', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({});
    await c.initialize();
    await c.traceVerbose();
  });
  after(async () => c.stop());

  it('while the worker analyses a file just opened, completion answers at once from what the server thread has', async () => {
    const small = mesh(1);
    c.open('small.yaml', small);
    // The server thread indexes in the background; it says so in its trace when its snapshot is whole.
    await c.waitFor(() => c.traces.some((t) => t.startsWith("indexed: the server thread's snapshot holds 1 files")));
    const text = mesh(800).replace(/app-/g, 'other-');
    let published = false;
    const diagnosed = c.waitForDiagnostics(c.uri('other.yaml'), (d) => d.length > 0).then(() => (published = true));
    // The request follows the didOpen at once: the server handles them in order, and the worker's
    // analysis of 2,400 new documents outlasts the dispatch of one message.
    c.open('other.yaml', text);
    const at = small.indexOf('subset: v1') + 'subset: '.length;
    const position = { line: small.slice(0, at).split('\n').length - 1, character: '        subset: '.length };
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: c.uri('small.yaml') }, position });
    assert.equal(published, false, 'answered before the analysis of the new file was published');
    assert.deepEqual(list.items.map((i) => i.label), ['v1', 'v2']);
    assert.ok(c.traces.some((t) => t.startsWith("completion: answered from the server thread's last snapshot")), JSON.stringify(c.traces));
    await diagnosed;
  });
});
