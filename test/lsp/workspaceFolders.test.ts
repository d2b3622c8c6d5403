/** Workspace folders added and removed while the server runs (a multi-root workspace in VS Code,
 *  LSP `workspace/didChangeWorkspaceFolders`): an added folder's files join the analysis, a removed
 *  folder's files leave it. Here the DestinationRule that defines the routed subset lives in the
 *  second folder, so the VirtualService's IST0101 comes and goes with it. */
import { after, before, describe, it } from 'node:test';
import { LspClient } from './client';

const APP = `apiVersion: v1
kind: Service
metadata:
  name: reviews
spec:
  selector:
    app: reviews
  ports:
  - name: http
    port: 9080
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
`;

const RULES = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
`;

describe('workspace folders added and removed', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ 'a/app.yaml': APP, 'b/rules.yaml': RULES });
    await c.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: [{ uri: c.uri('a'), name: 'a' }],
      capabilities: { workspace: { workspaceFolders: true } },
    });
    await c.connection.sendNotification('initialized', {});
  });
  after(async () => c.stop());

  const missingSubset = (d: { code?: string | number }[]) => d.some((x) => x.code === 'IST0101');
  const change = (added: string[], removed: string[]) => c.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
    event: { added: added.map((n) => ({ uri: c.uri(n), name: n })), removed: removed.map((n) => ({ uri: c.uri(n), name: n })) },
  });

  it('analyses the files of a folder added later, and forgets those of a folder removed', async () => {
    await c.waitForDiagnostics(c.uri('a/app.yaml'), missingSubset);
    await change(['b'], []);
    await c.waitForDiagnostics(c.uri('a/app.yaml'), (d) => !missingSubset(d));
    await change([], ['b']);
    await c.waitForDiagnostics(c.uri('a/app.yaml'), missingSubset);
  });
});
