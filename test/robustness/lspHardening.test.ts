/** The language server under a hostile or careless editor (dist/server.js over stdio): the LSP
 *  lifecycle, malformed URIs and texts, close-and-reopen, watched-file events through links and
 *  outside the workspace, folders removed while read, and quick fixes computed only against the
 *  version of the file the client shows. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { ErrorCodes, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { LspClient } from '../lsp/client';

const [DR, VS] = readFileSync('examples/hello/case5.yaml', 'utf8').split(/^---\n/m);
/** A VirtualService with an unknown field `rotue` (ISL0101, fixed by renaming it to `route`). */
const TYPO = VS.replace('  - route:', '  - rotue:');

const codeOf = (e: unknown) => (e as { code?: number }).code;
const failed = (p: Promise<unknown>) => p.then(() => undefined, codeOf);

/** The text an LSP range covers. */
function textAt(text: string, range: TextEdit['range']): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

describe('language server lifecycle and hostile editors', () => {
  const clients: LspClient[] = [];
  const start = async (files: Record<string, string>) => {
    const c = await LspClient.start(files);
    clients.push(c);
    return c;
  };
  after(async () => {
    for (const c of clients) await c.stop();
  });

  it('answers a request before initialize with ServerNotInitialized, and after shutdown with InvalidRequest', async () => {
    const c = await start({ 'vs.yaml': VS });
    const hover = () => c.request('textDocument/documentSymbol', { textDocument: { uri: c.uri('vs.yaml') } });
    assert.equal(await failed(hover()), ErrorCodes.ServerNotInitialized);
    await c.initialize();
    assert.equal(await failed(hover()), undefined, 'served once initialized');
    await c.request('shutdown', null);
    assert.equal(await failed(hover()), ErrorCodes.InvalidRequest);
  });

  it('survives didOpen and didClose of a URI with a malformed percent escape', async () => {
    const c = await start({ 'vs.yaml': VS });
    await c.initialize();
    const bad = `${c.root}/a%E0%A4%A.yaml`;
    void c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'yaml', version: 1, text: TYPO } });
    void c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: bad } });
    // A document opened after them is analysed: the close was handled before.
    c.open('typo.yaml', TYPO);
    await c.waitForDiagnostics(c.uri('typo.yaml'), (d) => d.some((x) => x.code === 'ISL0101'));
    const symbols = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: c.uri('vs.yaml') } });
    assert.ok(symbols.length > 0);
    assert.equal(c.exitCode, null, 'the server process is still running');
  });

  it('a didOpen whose text is not a string leaves the rest of the workspace analysed', async () => {
    const c = await start({});
    await c.initialize();
    void c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: c.uri('null.yaml'), languageId: 'yaml', version: 1, text: null } });
    void c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: c.uri('num.yaml'), languageId: 'yaml', version: 1, text: 42 } });
    c.open('typo.yaml', TYPO);
    const d = await c.waitForDiagnostics(c.uri('typo.yaml'), (x) => x.some((y) => y.code === 'ISL0101'));
    assert.ok(d.length > 0);
    assert.equal(c.exitCode, null);
  });

  it('opening a file whose text equals the disk text publishes diagnostics for version 1', async () => {
    const c = await start({ 'typo.yaml': TYPO });
    await c.initialize();
    const uri = c.uri('typo.yaml');
    await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'ISL0101'));
    c.open('typo.yaml', TYPO);
    await c.waitForDiagnostics(uri, () => c.published.some((p) => p.uri === uri && p.version === 1));
    assert.ok(c.published.filter((p) => p.uri === uri && p.version === 1).every((p) => p.diagnostics.some((x) => x.code === 'ISL0101')));
  });

  it('close and reopen at once: the reopened text is what stays published', async () => {
    const c = await start({ 'vs.yaml': TYPO, 'other.yaml': DR });
    await c.initialize();
    const uri = c.uri('vs.yaml');
    c.open('vs.yaml', VS);
    await c.waitForDiagnostics(uri, () => c.published.some((p) => p.uri === uri && p.version === 1 && !p.diagnostics.some((x) => x.code === 'ISL0101')));
    // VS Code closes and reopens a document when its language changes or it is reverted.
    void c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    void c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VS.replace('weight: 90', 'weight: 80') } });
    // Afterwards another document is analysed and published: anything the close caused came before.
    c.open('other.yaml', DR.replace('name: v1', 'name: v1 ') + '\n');
    await c.waitForDiagnostics(c.uri('other.yaml'), () => c.published.some((p) => p.uri === c.uri('other.yaml') && p.version === 1));
    const last = c.published.filter((p) => p.uri === uri).at(-1)!;
    assert.equal(last.version, 1, 'the last publication is for the open document');
    assert.ok(!last.diagnostics.some((x) => x.code === 'ISL0101'), 'not the disk text\'s typo');
  });

  it('watched-file events obey the scan\'s rules: no read through a link made later, none outside the folders', async () => {
    const c = await start({ 'vs.yaml': VS });
    const outside = mkdtempSync(join(tmpdir(), 'istio-lens-outside-'));
    try {
      await c.initialize();
      await c.waitForDiagnostics(c.uri('vs.yaml'), () => true).catch(() => undefined);
      writeFileSync(join(outside, 'secret.yaml'), VS.replace('name: vs-hello', 'name: outside-only'));
      mkdirSync(join(outside, 'dir'));
      writeFileSync(join(outside, 'dir', 'x.yaml'), VS.replace('name: vs-hello', 'name: outside-dir'));
      // After start-up, as `git pull` or `ln -s` would make them.
      symlinkSync(join(outside, 'secret.yaml'), fileURLToPath(c.uri('late.yaml')));
      symlinkSync(join(outside, 'dir'), fileURLToPath(c.uri('late-dir')));
      writeFileSync(fileURLToPath(c.uri('legit.yaml')), VS.replace('name: vs-hello', 'name: legit-new'));
      void c.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: c.uri('late.yaml'), type: 1 }, { uri: c.uri('late-dir/x.yaml'), type: 1 },
          { uri: pathToFileURL(join(outside, 'secret.yaml')).href, type: 1 }, { uri: c.uri('legit.yaml'), type: 1 },
        ],
      });
      // The events are handled in order: once the last one is in the index, the others were handled.
      for (;;) {
        const legit = await c.request<unknown[]>('workspace/symbol', { query: 'legit-new' });
        if (legit.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(await c.request('workspace/symbol', { query: 'outside-only' }), []);
      assert.deepEqual(await c.request('workspace/symbol', { query: 'outside-dir' }), []);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a folder removed while it is read leaves nothing of it in the index', async () => {
    const c = await start({ 'vs.yaml': VS });
    const extra = mkdtempSync(join(tmpdir(), 'istio-lens-extra-'));
    try {
      for (let i = 0; i < 300; i++) writeFileSync(join(extra, `f${i}.yaml`), VS.replace('name: vs-hello', `name: removed-${i}`));
      await c.connection.sendRequest('initialize', {
        processId: process.pid, rootUri: c.root, workspaceFolders: [{ uri: c.root, name: 'ws' }],
        capabilities: { workspace: { workspaceFolders: true } },
      });
      void c.connection.sendNotification('initialized', {});
      const folder = pathToFileURL(extra).href;
      void c.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: folder, name: 'x' }], removed: [] } });
      void c.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: folder, name: 'x' }] } });
      // The server says when the scan of the added folder ended (stopped or not).
      await c.waitForLog((m) => m.includes(`YAML files of ${folder}`));
      assert.deepEqual(await c.request('workspace/symbol', { query: 'removed-' }), []);
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });

  it('a quick fix is computed against the version the client shows, or not offered; unsaved files get fixes too', async () => {
    const c = await start({});
    await c.initialize();
    const uri = c.uri('typo.yaml');
    const filler = Array.from({ length: 300 }, (_, i) => DR.replace('name: dr-hello', `name: dr-${i}`)).join('---\n');
    const v1 = `${filler}---\n${TYPO}`;
    c.open('typo.yaml', v1);
    const d1 = (await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'ISL0101'))).find((x) => x.code === 'ISL0101')!;
    const actions = (diagnostic: Diagnostic, u = uri) =>
      c.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri: u }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    // Lines added at the top, and the fix asked for at once (the editor still shows the old diagnostic).
    const v2 = `# one\n# two\n${v1}`;
    c.change('typo.yaml', v2);
    for (const a of (await actions(d1)) ?? []) {
      for (const e of a.edit?.changes?.[uri] ?? []) assert.equal(textAt(v2, e.range), 'rotue', `an edit of ${JSON.stringify(e.range)} in version 2`);
    }
    // Once version 2 is analysed, its fix is offered, in the right place.
    await c.waitForDiagnostics(uri, () => c.published.some((p) => p.uri === uri && p.version === 2));
    const d2 = c.diagnostics.get(uri)!.find((x) => x.code === 'ISL0101')!;
    const fix = ((await actions(d2)) ?? []).find((a) => /route/.test(a.title));
    assert.ok(fix, 'the fix is offered for the current version');
    const [edit] = fix.edit!.changes![uri];
    assert.equal(textAt(v2, edit.range), 'rotue');
    // A new, unsaved file.
    const untitled = 'untitled:Untitled-1';
    void c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: untitled, languageId: 'yaml', version: 1, text: TYPO } });
    const du = (await c.waitForDiagnostics(untitled, (d) => d.some((x) => x.code === 'ISL0101'))).find((x) => x.code === 'ISL0101')!;
    const ufix = ((await actions(du, untitled)) ?? []).find((a) => /route/.test(a.title));
    assert.ok(ufix, 'an unsaved file gets its fix');
    assert.equal(textAt(TYPO, ufix.edit!.changes![untitled][0].range), 'rotue');
  });
});
