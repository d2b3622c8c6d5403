/// <reference types="mocha" />
// istioLens.kustomize through the real client: the workspace is trusted (the e2e server runs with
// workspace trust off), so the client tells the server so, and turning the setting on makes it check
// what `kubectl kustomize` renders. Skipped where kubectl is not installed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { activeApi, waitFor, workspaceFile } from './util';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n';
const DR = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n';
const PATCH = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n';
const TREE: Record<string, string> = {
  'kz/base/kustomization.yaml': 'resources:\n- vs.yaml\n- dr.yaml\n',
  'kz/base/vs.yaml': VS,
  'kz/base/dr.yaml': DR,
  'kz/prod/kustomization.yaml': 'resources:\n- ../base\npatchesStrategicMerge:\n- vs-patch.yaml\n',
  'kz/prod/vs-patch.yaml': PATCH,
};

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('kustomize in the editor', () => {
  const cfg = () => vscode.workspace.getConfiguration('istioLens');
  const kustomization = () => workspaceFile('kz/prod/kustomization.yaml');
  const subsetV2 = () => vscode.languages.getDiagnostics(kustomization()).filter((d) => d.code === 'IST0101' || (typeof d.code === 'object' && d.code.value === 'IST0101'));

  before(async function () {
    if (!hasKubectl()) this.skip();
    this.timeout(120000);
    await activeApi();
    for (const [name, text] of Object.entries(TREE)) await vscode.workspace.fs.writeFile(workspaceFile(name), Buffer.from(text));
  });

  after(async () => {
    await cfg().update('kustomize', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceFile('kz'), { recursive: true }).then(undefined, () => undefined);
  });

  it('is off by default; turned on, the patched VirtualService is checked as kustomize renders it', async function () {
    this.timeout(120000);
    assert.equal(cfg().get('kustomize'), false);
    // The tree is in the model (its DestinationRule's subset is known) and nothing is rendered.
    await waitFor('the tree in the workspace model', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceFile('kz/base/vs.yaml'), new vscode.Position(3, 9));
      return h.length > 0;
    }, 60000);
    assert.deepEqual(subsetV2(), []);
    await cfg().update('kustomize', true, vscode.ConfigurationTarget.Workspace);
    // The rendered VirtualService routes to subset v2, which the DestinationRule does not define.
    const d = await waitFor('the rendered overlay\'s finding on its kustomization', () => subsetV2().find((x) => /"reviews\+v2"/.test(x.message)), 60000);
    assert.match(d.message, /\(in what kubectl kustomize renders here, line \d+\)$/);
    assert.deepEqual(d.range.start, new vscode.Position(0, 0));
    await cfg().update('kustomize', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('no rendering once turned off', () => subsetV2().length === 0 && true, 60000);
  });
});
