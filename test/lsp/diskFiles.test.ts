/** Workspace indexing reads the YAML of the workspace folders and nothing else. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { canonicalUri, scanFolders } from '../../server/src/lsp/diskFiles';

describe('scanning workspace folders', () => {
  it('reads .yaml and .yml files, skipping node_modules, dot-folders and symbolic links', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'istio-lens-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'kind: Secret\n');
    const root = mkdtempSync(join(tmpdir(), 'istio-lens-ws-'));
    for (const d of ['apps/hello', 'node_modules/pkg', '.git', '.github/workflows']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'apps/hello/vs.yaml'), 'kind: VirtualService\n');
    writeFileSync(join(root, 'apps/hello/dr.yml'), 'kind: DestinationRule\n');
    writeFileSync(join(root, 'apps/hello/notes.txt'), 'not yaml');
    writeFileSync(join(root, 'node_modules/pkg/x.yaml'), 'kind: Service\n');
    writeFileSync(join(root, '.github/workflows/ci.yaml'), 'on: push\n');
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'apps/secret.yaml'));
    const errors: string[] = [];
    const files = await scanFolders([pathToFileURL(root).href], (e) => errors.push(e));
    assert.deepEqual(files.map(([uri]) => uri.slice(pathToFileURL(root).href.length)), ['/apps/hello/dr.yml', '/apps/hello/vs.yaml']);
    assert.equal(files[1][1], 'kind: VirtualService\n');
    assert.deepEqual(errors, []);
  });

  it('reports a file over the size limit (the CLI limit and words) and leaves it out', async () => {
    const root = mkdtempSync(join(tmpdir(), 'istio-lens-big-'));
    writeFileSync(join(root, 'ok.yaml'), 'kind: Service\n');
    writeFileSync(join(root, 'big.yaml'), '');
    truncateSync(join(root, 'big.yaml'), 11 * 1048576);
    const errors: string[] = [];
    const files = await scanFolders([pathToFileURL(root).href], (e) => errors.push(e));
    assert.deepEqual(files.map(([uri]) => uri.slice(pathToFileURL(root).href.length)), ['/ok.yaml']);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /big\.yaml: not read: 11\.0 MB is over the 10 MB limit for one file/);
  });

  // Root reads every file whatever its mode: as root (CI), the scan runs in a child process under the
  // unprivileged user `nobody` (setpriv, util-linux).
  it('reports an unreadable file instead of skipping it silently', async () => {
    const root = mkdtempSync(join(tmpdir(), 'istio-lens-perm-'));
    writeFileSync(join(root, 'ok.yaml'), 'kind: Service\n');
    writeFileSync(join(root, 'locked.yaml'), 'kind: Service\n');
    chmodSync(join(root, 'locked.yaml'), 0);
    let errors: string[];
    let files: string[];
    if (process.getuid?.() === 0) {
      chmodSync(root, 0o755);
      const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', 'test/helpers/scanFolder.ts', root], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.error ?? ''}${r.stderr}`);
      ({ errors, files } = JSON.parse(r.stdout) as { errors: string[]; files: string[] });
    } else {
      errors = [];
      files = (await scanFolders([pathToFileURL(root).href], (e) => errors.push(e))).map(([uri]) => uri);
    }
    assert.match(errors.join('\n'), /locked\.yaml: cannot read \(EACCES\)/);
    assert.deepEqual(files.map((u) => u.slice(pathToFileURL(root).href.length)), ['/ok.yaml']);
  });

  it('spells a file URI one way (VS Code escapes the drive colon)', () => {
    assert.equal(canonicalUri('file:///w/a%20b.yaml'), 'file:///w/a%20b.yaml');
    assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });
});
