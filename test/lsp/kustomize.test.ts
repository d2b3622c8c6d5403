/** istioLens.kustomize through a real LSP connection to dist/server.js: with the setting on and the
 *  workspace trusted, the server checks what `kubectl kustomize` renders (the CLI's `--kustomize`):
 *  a resource kustomize left unchanged is reported at its file and line, one it changed on the root's
 *  kustomization file; the files it was built from give way to the rendering. Off by default, and
 *  never in a workspace the client does not call trusted. Skipped where kubectl is not installed
 *  (`.ci/run` installs Debian's kubernetes-client). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol/routingTests';
import { LspClient } from './client';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n';
const DR = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  trafficPolicy: {tls: {mode: SIMPEL}}\n';
// The overlay routes to subset v2, which the DestinationRule does not define.
const PATCH = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n';
const TREE = {
  'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- vs.yaml\n- dr.yaml\n',
  'base/vs.yaml': VS,
  'base/dr.yaml': DR,
  'prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../base\npatchesStrategicMerge:\n- vs-patch.yaml\n',
  'prod/vs-patch.yaml': PATCH,
};

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** A server on the tree; resolves once an analysis and the status after it are in. */
async function started(initializationOptions: unknown): Promise<LspClient> {
  const c = await LspClient.start(TREE);
  const statuses: StatusParams[] = [];
  c.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => void statuses.push(p));
  await c.initialize(initializationOptions);
  await c.waitForDiagnostics(c.uri('base/dr.yaml'), (d) => d.some((x) => x.code === 'ISL0103'));
  await c.waitFor(() => statuses.length > 0);
  return c;
}

describe('kustomize in the editor', { skip: !hasKubectl && 'kubectl is not installed' }, () => {
  const clients: LspClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.stop())));

  it('checks the rendered overlay: an unchanged resource at its file, a patched one on the kustomization', async () => {
    const c = await started({ trusted: true, settings: { kustomize: true } });
    clients.push(c);
    const k = await c.waitForDiagnostics(c.uri('prod/kustomization.yaml'), (d) => d.some((x) => x.code === 'IST0101'));
    const subset = k.find((x) => x.code === 'IST0101')!;
    assert.match(String(subset.message), /v2.*\(in what kubectl kustomize renders here, line 13\)$/);
    assert.deepEqual(subset.range.start, { line: 0, character: 0 });
    // The DestinationRule came through unchanged: at its own line.
    const dr = c.diagnostics.get(c.uri('base/dr.yaml'))!.filter((x) => x.code === 'ISL0103');
    assert.deepEqual(dr.map((x) => x.range.start.line), [9]);
    // The patch is not a resource, and nothing else in the tree is reported.
    assert.deepEqual(c.diagnostics.get(c.uri('prod/vs-patch.yaml')) ?? [], []);
    assert.deepEqual(c.diagnostics.get(c.uri('base/vs.yaml')) ?? [], []);
  });

  it('renders nothing by default, or when the client does not say the workspace is trusted', async () => {
    for (const options of [{ trusted: true }, { trusted: false, settings: { kustomize: true } }, { settings: { kustomize: true } }]) {
      const c = await started(options);
      clients.push(c);
      assert.deepEqual(c.diagnostics.get(c.uri('prod/kustomization.yaml')) ?? [], [], JSON.stringify(options));
    }
  });

  it('turns on when the setting changes, live', async () => {
    const c = await started({ trusted: true });
    clients.push(c);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { istioLens: { kustomize: true } } });
    await c.waitForDiagnostics(c.uri('prod/kustomization.yaml'), (d) => d.some((x) => x.code === 'IST0101'));
  });
});
