/** A file with more findings than the editor keeps (VS Code keeps 1,000 per file): the error just
 *  typed must still be published, ahead of the notes, and the list stays under the cap. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { forPublishing, MAX_DIAGNOSTICS_PER_FILE } from '../../server/src/lsp/publishOrder';
import { LspClient } from './client';

/** `n` Services whose port name tells Istio no protocol (IST0118, information each) and, after
 *  them, a VirtualService routing to `subset`. */
function notesThenRoute(n: number, subset: string): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: a${i}\n  ports:\n  - name: web\n    port: 8080\n`);
  docs.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  hosts:\n  - svc-1\n  http:\n  - route:\n    - destination:\n        host: svc-1\n${subset ? `        subset: ${subset}\n` : ''}`);
  return docs.join('---\n');
}

function at(line: number, severity: DiagnosticSeverity, message = `${severity}@${line}`): Diagnostic {
  return { range: { start: { line, character: 0 }, end: { line, character: 1 } }, severity, message };
}

describe('diagnostics published in the order the editor keeps them', () => {
  it('orders errors, warnings, information, hints, each in document order', () => {
    const out = forPublishing([at(1, DiagnosticSeverity.Information), at(2, DiagnosticSeverity.Error), at(3, DiagnosticSeverity.Hint), at(4, DiagnosticSeverity.Warning), at(5, DiagnosticSeverity.Error)]);
    assert.deepEqual(out.map((d) => d.message), ['1@2', '1@5', '2@4', '3@1', '4@3']);
  });

  it('over the cap, drops the least severe and says how many are left out', () => {
    const many = [...Array.from({ length: 8 }, (_, i) => at(i, DiagnosticSeverity.Information)), at(20, DiagnosticSeverity.Warning), at(30, DiagnosticSeverity.Error)];
    const out = forPublishing(many, 5);
    assert.equal(out.length, 5);
    assert.deepEqual(out.slice(0, 4).map((d) => d.message), ['1@30', '2@20', '3@0', '3@1']);
    assert.match(String(out[4].message), /^Not shown: 6 information \(the editor keeps 5 diagnostics per file/);
  });

  let c: LspClient;
  before(async () => {
    c = await LspClient.start({});
    await c.initialize();
  });
  after(async () => c.stop());

  it('publishes a new error in a file with 1,100 notes, within the 1,000 the editor keeps', async () => {
    const uri = c.uri('big.yaml');
    c.open('big.yaml', notesThenRoute(1100, ''));
    const quiet = await c.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.equal(quiet.length, MAX_DIAGNOSTICS_PER_FILE, 'the list is cut to what the editor keeps');
    assert.match(String(quiet[quiet.length - 1].message), /^Not shown: 101 information/);
    // The route is past the first 1,000 notes in the document: before, its error came 1,101st.
    c.change('big.yaml', notesThenRoute(1100, 'v9'));
    const d = await c.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'IST0101'));
    assert.ok(d.length <= MAX_DIAGNOSTICS_PER_FILE, `${d.length} diagnostics published`);
    assert.equal(d[0].code, 'IST0101', 'the error comes first');
    assert.equal(d[0].severity, DiagnosticSeverity.Error);
  });
});
