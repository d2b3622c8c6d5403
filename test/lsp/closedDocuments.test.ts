/** A closed document leaves nothing behind in either thread (both keep a WorkspaceState): opening
 *  and closing a thousand different documents outside the workspace kept a line index, and so a
 *  copy of the text, of each in the diagnostics worker. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedIndexCount, lineIndex } from '../../server/src/lsp/convert';
import { computeDiagnostics } from '../../server/src/lsp/diagnosticsEngine';
import { WorkspaceState } from '../../server/src/lsp/workspaceState';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\nspec:\n  hosts: [a]\n  http:\n  - rotue: []\n';

describe('closed documents', () => {
  it('free their line indexes when they leave the workspace', () => {
    const ws = new WorkspaceState();
    const before = cachedIndexCount();
    for (let i = 0; i < 200; i++) {
      const uri = `file:///elsewhere/doc${i}.yaml`;
      ws.openDocument(uri, VS.replace('name: a', `name: a${i}`), 1);
      computeDiagnostics(ws); // converts its findings: a line index of the text
      lineIndex(uri, ws.text(uri)!);
      ws.closeDocument(uri, undefined); // outside every folder: no disk text stays
    }
    assert.equal(cachedIndexCount(), before);
    assert.deepEqual(ws.uris(), []);
  });

});
