/** The language server reads `.istio-lens.yaml` at the workspace folder's root, as the CLI does;
 *  the editor's own settings win over it. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LspClient } from './client';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v3}\n';
const DR = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  subsets: [{name: v1, labels: {version: v1}}]\n';
const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports: [{name: http, port: 80}]\n';

describe('.istio-lens.yaml in the editor', () => {
  const clients: LspClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.stop())));
  const subsetSeverity = async (settings: unknown) => {
    const c = await LspClient.start({ '.istio-lens.yaml': 'severityOverrides: {IST0101: warning}\n', 'vs.yaml': VS, 'dr.yaml': DR, 'svc.yaml': SVC });
    clients.push(c);
    await c.initialize(settings ? { settings } : undefined);
    c.open('vs.yaml', VS);
    const d = await c.waitForDiagnostics(c.uri('vs.yaml'), (list) => list.some((x) => x.code === 'IST0101'));
    return d.find((x) => x.code === 'IST0101')!.severity;
  };

  it('the file\'s severityOverrides apply (IST0101 is a warning)', async () => {
    assert.equal(await subsetSeverity(undefined), 2);
  });

  it('the editor\'s setting wins over the file (IST0101 as information)', async () => {
    assert.equal(await subsetSeverity({ severityOverrides: { IST0101: 'info' } }), 3);
  });
});
