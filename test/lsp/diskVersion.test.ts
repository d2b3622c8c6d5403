/** What reads the disk itself (istioLens.kustomize runs `kubectl kustomize`, synchronously, on the
 *  server thread) runs again when the disk may have changed, never for an unsaved keystroke. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceState } from '../../server/src/lsp/workspaceState';

describe('the workspace state\'s disk version', () => {
  it('stays put while the editor types, and moves on reads from disk, removals and saves', () => {
    const ws = new WorkspaceState();
    ws.setDiskText('file:///w/a.yaml', 'kind: A\n');
    ws.setDiskText('file:///w/b.yaml', 'kind: B\n');
    const afterScan = ws.diskVersion;
    ws.openDocument('file:///w/a.yaml', 'kind: A\n', 1);
    ws.setText('file:///w/a.yaml', 'kind: AA\n');
    ws.setText('file:///w/a.yaml', 'kind: AAA\n');
    assert.ok(ws.version > 0);
    assert.equal(ws.diskVersion, afterScan, 'unsaved edits do not count as disk changes');
    ws.diskChanged(); // the open file was saved
    assert.equal(ws.diskVersion, afterScan + 1);
    ws.remove('file:///w/b.yaml');
    assert.equal(ws.diskVersion, afterScan + 2);
  });
});
