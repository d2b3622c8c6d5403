/** Kustomize trees: patch files are not resources (sigs.k8s.io/kustomize api/types/kustomization.go:
 *  `patches[].path`, `patchesStrategicMerge[]`, `patchesJson6902[].path`); `--kustomize` checks what
 *  `kubectl kustomize` renders, unchanged resources reported at their own file and line. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cliIn } from './run';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n';
const DR = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  trafficPolicy: {tls: {mode: SIMPEL}}\n';
const PATCH = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n';

function tree(patchesKey: 'patchesStrategicMerge' | 'patches' | 'patchesJson6902'): string {
  const root = mkdtempSync(join(tmpdir(), 'istio-lens-kustomize-'));
  mkdirSync(join(root, 'base'));
  mkdirSync(join(root, 'prod'));
  writeFileSync(join(root, 'base', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- vs.yaml\n- dr.yaml\n');
  writeFileSync(join(root, 'base', 'vs.yaml'), VS);
  writeFileSync(join(root, 'base', 'dr.yaml'), DR);
  const entry = patchesKey === 'patchesStrategicMerge' ? '- vs-patch.yaml' : '- path: vs-patch.yaml\n  target: {kind: VirtualService, name: reviews}';
  writeFileSync(join(root, 'prod', 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../base\n${patchesKey}:\n${entry}\n`);
  writeFileSync(join(root, 'prod', 'vs-patch.yaml'), PATCH);
  return root;
}

const codes = (r: { stdout: string }) => JSON.parse(r.stdout).diagnostics.map((d: { file: string; code: string; range: { start: { line: number } } }) => [d.file, d.code, d.range.start.line]);

describe('kustomize', () => {
  it('files listed as patches get no resource diagnostics', () => {
    for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902'] as const) {
      const root = tree(key);
      // The DestinationRule's misspelled TLS mode is still found; nothing in the patch is.
      assert.deepEqual(codes(cliIn(['check', '.', '--json'], undefined, root)), [['base/dr.yaml', 'ISL0103', 9]], key);
    }
  });

  const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

  it('--kustomize checks the rendered overlay; an unchanged resource is reported at its file', { skip: !hasKubectl && 'kubectl is not installed' }, () => {
    const root = tree('patchesStrategicMerge');
    const r = cliIn(['check', '.', '--kustomize', '--json'], undefined, root);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(codes(r), [
      ['base/dr.yaml', 'ISL0103', 9],
      // The patched VirtualService routes to v2, which the DestinationRule does not define.
      ['kubectl kustomize prod', 'IST0101', 12],
    ]);
  });

  it('kustomize: true in .istio-lens.yaml is --kustomize, as the editor\'s setting is', { skip: !hasKubectl && 'kubectl is not installed' }, () => {
    const root = tree('patchesStrategicMerge');
    writeFileSync(join(root, '.istio-lens.yaml'), 'kustomize: true\n');
    assert.deepEqual(codes(cliIn(['check', '.', '--json'], undefined, root)), [['base/dr.yaml', 'ISL0103', 9], ['kubectl kustomize prod', 'IST0101', 12]]);
    writeFileSync(join(root, '.istio-lens.yaml'), 'kustomize: false\n');
    assert.deepEqual(codes(cliIn(['check', '.', '--json'], undefined, root)), [['base/dr.yaml', 'ISL0103', 9]]);
  });

  it('--kustomize never renders a remote base', { skip: !hasKubectl && 'kubectl is not installed' }, () => {
    const root = tree('patchesStrategicMerge');
    writeFileSync(join(root, 'prod', 'kustomization.yaml'), 'resources:\n- ../base\n- https://github.com/example/config//base?ref=v1\n');
    const r = cliIn(['check', '.', '--kustomize', '--json'], undefined, root);
    assert.match(r.stderr, /prod: not rendered: it builds on https:\/\/github\.com\/example\/config\/\/base\?ref=v1, and rendering never reaches the network/);
  });

  it('--kustomize without kubectl is a clear error (exit 2)', () => {
    const root = tree('patchesStrategicMerge');
    const r = spawnSync(process.execPath, [`${process.cwd()}/dist/cli.js`, 'check', '.', '--kustomize'], { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--kustomize needs kubectl on the PATH/);
  });
});
