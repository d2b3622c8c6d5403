/** The server thread's warm-up of a big file just opened: parsed in slices that step aside, and when
 *  the file is edited while it warms up, the new text is prepared in slices too. Before, an edit
 *  during the warm-up made it parse the rest of the file in one synchronous step, which held the
 *  server thread (and the diagnostics of the user's first edit) for as long as a whole parse. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceState } from '../../server/src/lsp/workspaceState';

const service = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\n  namespace: team\nspec:\n  ports:\n  - name: http\n    port: 8080\n`;

describe('server thread warm-up', () => {
  it('after an edit during the warm-up, goes on in slices that step aside rather than in one go', async () => {
    const uri = 'file:///w/big.yaml';
    const docs = Array.from({ length: 1500 }, (_, i) => service(i));
    const text = docs.join('---\n');
    const edited = text.replace('name: app-700\n', 'name: app-700x\n');
    const ws = new WorkspaceState();
    ws.openDocument(uri, text, 1);
    let asked = 0;
    ws.stepAside = () => {
      // The user's first edit arrives at the warm-up's first pause.
      if (asked++ === 0) ws.openDocument(uri, edited, 2);
      return false;
    };
    let warmed = 0;
    ws.onWarm = (files) => (warmed = files);
    await ws.warm();
    assert.equal(warmed, 1);
    assert.ok(asked > 1, 'the edited text was prepared in slices, each stepping aside');
    const names = ws.snapshot().services.map((s) => s.meta.name);
    assert.equal(names.length, 1500);
    assert.ok(names.includes('app-700x'));
  });
});
