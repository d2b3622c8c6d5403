/** The VS Code client starts dist/server.js over Node IPC (TransportKind.ipc): the same server
 *  answers there, diagnostics worker included. */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver/node';
import type { SimulateResult } from '../../server/src/protocol/simulate';

describe('language server over IPC', () => {
  it('initializes, publishes diagnostics and simulates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-ipc-'));
    writeFileSync(join(dir, 'workload.yaml'), readFileSync('examples/hello/workload.yaml', 'utf8'));
    writeFileSync(join(dir, 'case5.yaml'), readFileSync('examples/hello/case5.yaml', 'utf8').replace('subset: v2', 'subset: v3'));
    const child = fork('dist/server.js', ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const c = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<{ uri: string; diagnostics: { code: string }[] }>((resolve) => {
      c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code: string }[] }): void => {
        if (p.diagnostics.length) resolve(p);
      });
    });
    c.listen();
    try {
      const root = pathToFileURL(dir).href;
      const init = await c.sendRequest<{ capabilities: { hoverProvider?: boolean } }>('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'w' }], capabilities: {} });
      assert.equal(init.capabilities.hoverProvider, true);
      await c.sendNotification('initialized', {});
      const p = await published;
      assert.equal(p.uri, `${root}/case5.yaml`);
      assert.ok(p.diagnostics.some((d) => d.code === 'IST0101'));
      const r = await c.sendRequest<SimulateResult>('istioLens/simulate', { commandLine: 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin' });
      assert.deepEqual(r.destinations.map((d) => [d.subset, d.weight, d.endpoints.length]), [['v1', 90, 1], ['v3', 10, 0]]);
    } finally {
      c.dispose();
      child.kill();
    }
  });
});
