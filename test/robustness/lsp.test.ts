/** Robustness at the language server (dist/server.js over stdio; `npm test` builds it): a handler that
 *  throws is logged and the server keeps serving; a cancelled request is not run; hostile documents
 *  get a diagnostic and leave the server responsive; files deleted on disk update the index; the
 *  server never changes a document by itself (no workspace/applyEdit: edits only inside the code
 *  actions the user picks). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, type Diagnostic, type Hover } from 'vscode-languageserver/node';
import { aliasBomb, largeManifest } from './harness/hostile';
import { LspClient, positionOf } from '../lsp/client';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const [DR, VS] = readFileSync('examples/hello/case5.yaml', 'utf8').split(/^---\n/m);

/** A hover on the VirtualService's host answers with the route preview: the server still serves. */
async function hoverWorks(c: LspClient): Promise<void> {
  const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('vs.yaml') }, position: positionOf(VS, 'svc-hello.default', 2) });
  assert.ok(h && JSON.stringify(h.contents).includes('svc-hello'), JSON.stringify(h));
}

describe('language server robustness', () => {
  let c: LspClient;
  let outside = '';
  const applyEdits: unknown[] = [];
  before(async () => {
    c = await LspClient.start({ 'workload.yaml': WORKLOAD, 'dr.yaml': DR, 'vs.yaml': VS });
    // Outside the workspace folder, reachable only through symbolic links inside it.
    outside = mkdtempSync(join(tmpdir(), 'istio-lens-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), VS.replace('name: vs-hello', 'name: outside-only'));
    symlinkSync(outside, fileURLToPath(c.uri('linked-folder')));
    symlinkSync(join(outside, 'secret.yaml'), fileURLToPath(c.uri('linked.yaml')));
    c.connection.onRequest('workspace/applyEdit', (p: unknown) => {
      applyEdits.push(p);
      return { applied: false };
    });
    await c.initialize();
    c.open('vs.yaml', VS);
    await c.waitForDiagnostics(c.uri('vs.yaml'), () => true);
  });
  after(async () => {
    await c.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  it('files outside the workspace folder, behind symbolic links, are not read', async () => {
    const found = await c.request<{ name: string }[]>('workspace/symbol', { query: 'outside-only' });
    assert.deepEqual(found, []);
    const own = await c.request<{ name: string }[]>('workspace/symbol', { query: 'vs-hello' });
    assert.ok(own.length > 0, 'the query finds what the workspace has');
  });

  it('a handler that throws (a malformed request) is answered as a JSON-RPC InternalError, logged, and the server keeps serving', async () => {
    const before = c.logs.length;
    await assert.rejects(
      c.request('textDocument/hover', { textDocument: { uri: c.uri('vs.yaml') }, position: null }),
      (e: { code: number }) => e.code === -32603,
    );
    assert.ok(c.logs.slice(before).some((l) => /hover failed/.test(l)), JSON.stringify(c.logs.slice(before)));
    await hoverWorks(c);
  });

  it('a request cancelled while queued is answered RequestCancelled, not run', async () => {
    // Queue work in front of it, so that the cancellation arrives before the request is dispatched.
    const ahead = Array.from({ length: 100 }, () => c.request('textDocument/documentSymbol', { textDocument: { uri: c.uri('vs.yaml') } }));
    const source = new CancellationTokenSource();
    const target = c.connection.sendRequest('textDocument/completion', { textDocument: { uri: c.uri('vs.yaml') }, position: positionOf(VS, 'subset: v1', 8) }, source.token);
    source.cancel();
    await assert.rejects(target, (e: { code: number }) => e.code === LSPErrorCodes.RequestCancelled);
    await Promise.all(ahead);
    await hoverWorks(c);
  });

  // A refused file has no documents: it once counted as "not Kubernetes" (workspaceState.ts
  // isKubernetesFile) and its one problem was never published.
  it('a document over the size limit gets one diagnostic at 0:0 and leaves the server serving', { timeout: 60_000 }, async () => {
    c.open('big.yaml', largeManifest(11 * 1048576));
    const d = await c.waitForDiagnostics(c.uri('big.yaml'), (x) => x.length > 0);
    assert.deepEqual(d.map((x) => [x.range.start, String(x.message)]), [[{ line: 0, character: 0 }, 'not read: 11.0 MB is over the 10 MB limit for one file (split it, or exclude it from the workspace)']]);
    for (let i = 0; i < 3; i++) await hoverWorks(c);
  });

  it('an alias bomb and deep nesting get their diagnostics; hover still answers', { timeout: 60_000 }, async () => {
    c.open('bomb.yaml', aliasBomb(40, 2));
    c.open('deep.yaml', 'apiVersion: v1\nkind: Service\nspec: ' + '['.repeat(5_000) + ']'.repeat(5_000) + '\n');
    const bomb = await c.waitForDiagnostics(c.uri('bomb.yaml'), (x) => x.some((d) => /Excessive alias count/.test(String(d.message))));
    const deep = await c.waitForDiagnostics(c.uri('deep.yaml'), (x) => x.some((d) => /nested too deeply/.test(String(d.message))));
    assert.ok(bomb.length && deep.length);
    for (let i = 0; i < 5; i++) await hoverWorks(c);
  });

  it('a DestinationRule deleted on disk: the VirtualService now reports its subsets missing', { timeout: 30_000 }, async () => {
    const missing = (d: Diagnostic[]) => d.filter((x) => x.code === 'IST0101' && /subset/.test(String(x.message))).length;
    assert.equal(missing(c.diagnostics.get(c.uri('vs.yaml')) ?? []), 0);
    rmSync(fileURLToPath(c.uri('dr.yaml')));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('dr.yaml'), type: 3 }] });
    const d = await c.waitForDiagnostics(c.uri('vs.yaml'), (x) => missing(x) === 2);
    assert.equal(missing(d), 2);
  });

  it('typing, completion, hover, code lenses, simulation and code actions never make the server edit a document', async () => {
    const broken = VS.replace('        subset: v1', '        subsett: v1');
    c.change('vs.yaml', broken);
    const d = await c.waitForDiagnostics(c.uri('vs.yaml'), (x) => x.some((y) => y.code === 'ISL0101'));
    await c.request('textDocument/completion', { textDocument: { uri: c.uri('vs.yaml') }, position: positionOf(broken, 'subsett', 3) });
    await c.request('textDocument/codeLens', { textDocument: { uri: c.uri('vs.yaml') } });
    await c.request('istioLens/simulate', { uri: c.uri('vs.yaml'), commandLine: 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin' });
    await c.request('istioLens/simulate', { uri: c.uri('vs.yaml'), commandLine: "GET 'unclosed" }).catch(() => undefined);
    await c.request('textDocument/inlayHint', { textDocument: { uri: c.uri('vs.yaml') }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    const actions = await c.request<{ edit?: unknown; command?: unknown }[]>('textDocument/codeAction', { textDocument: { uri: c.uri('vs.yaml') }, range: d[0].range, context: { diagnostics: d } });
    assert.ok(actions.length > 0);
    for (const a of actions) assert.ok(a.edit && !a.command, JSON.stringify(a));
    // A fence: the server answers in order, so anything it sent while handling the requests above
    // (an applyEdit included) has reached us before this answer.
    await hoverWorks(c);
    assert.deepEqual(applyEdits, []);
  });
});
