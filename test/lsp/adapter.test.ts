/** The adapter every request goes through (docs/architecture.md): cancellation, errors logged instead of a
 *  dead server, documents found by URI, non-Kubernetes YAML kept quiet. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { createAdapter } from '../../server/src/lsp/adapter';
import { WorkspaceState } from '../../server/src/lsp/workspaceState';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\n';

function setup() {
  const ws = new WorkspaceState();
  const logs: string[] = [];
  ws.openDocument('file:///w/vs.yaml', VS, 1);
  ws.openDocument('file:///w/ci.yaml', 'jobs:\n  build: {}\n', 1);
  return { ws, logs, a: createAdapter(ws, (m) => logs.push(m)) };
}

describe('request adapter', () => {
  it('hands the handler the document text and offset conversion', () => {
    const { a } = setup();
    const h = a.document('probe', null, (c, p: { textDocument: { uri: string } }) => [c.text.length, c.offsetAt({ line: 1, character: 6 }), p.textDocument.uri]);
    assert.deepEqual(h({ textDocument: { uri: 'file:///w/vs.yaml' } }), [VS.length, VS.indexOf('VirtualService'), 'file:///w/vs.yaml']);
  });

  it('answers empty for unknown documents and for YAML that is not Kubernetes', () => {
    const { a } = setup();
    const h = a.document('probe', 'empty', () => 'ran');
    assert.equal(h({ textDocument: { uri: 'file:///w/missing.yaml' } }), 'empty');
    assert.equal(h({ textDocument: { uri: 'file:///w/ci.yaml' } }), 'empty');
  });

  it('turns an exception into a logged error answered as InternalError (-32603)', () => {
    const { a, logs } = setup();
    const h = a.document('hover', null, () => {
      throw new Error('boom');
    });
    const r = h({ textDocument: { uri: 'file:///w/vs.yaml' } });
    assert.ok(r instanceof ResponseError && r.code === -32603 && /hover failed: boom/.test(r.message));
    assert.match(logs[0], /hover failed: Error: boom/);
  });

  it('passes ResponseErrors through (input errors of custom requests) without logging them', () => {
    const { a, logs } = setup();
    const h = a.workspace('simulate', null, () => {
      throw new ResponseError(-32602, 'bad URL');
    });
    const r = h({});
    assert.ok(r instanceof ResponseError && r.code === -32602 && r.message === 'bad URL');
    assert.deepEqual(logs, []);
  });

  it('honours cancellation before and after the handler', () => {
    const { a } = setup();
    const before = new CancellationTokenSource();
    before.cancel();
    let ran = false;
    const h = a.document('completion', null, () => {
      ran = true;
      return 'x';
    });
    const r1 = h({ textDocument: { uri: 'file:///w/vs.yaml' } }, before.token);
    assert.ok(r1 instanceof ResponseError && r1.code === LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
    const during = new CancellationTokenSource();
    const late = a.document('completion', null, () => {
      during.cancel();
      return 'x';
    });
    const r2 = late({ textDocument: { uri: 'file:///w/vs.yaml' } }, during.token);
    assert.ok(r2 instanceof ResponseError && r2.code === LSPErrorCodes.RequestCancelled);
  });
});
