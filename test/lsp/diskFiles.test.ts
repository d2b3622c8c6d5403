/** Workspace indexing reads the YAML of the workspace folders and nothing else. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('reports an unreadable file instead of skipping it silently (not as root: root reads everything)', { skip: process.getuid?.() === 0 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'istio-lens-perm-'));
    writeFileSync(join(root, 'locked.yaml'), 'kind: Service\n');
    chmodSync(join(root, 'locked.yaml'), 0);
    const errors: string[] = [];
    await scanFolders([pathToFileURL(root).href], (e) => errors.push(e));
    assert.match(errors.join('\n'), /locked\.yaml: cannot read \(EACCES\)/);
  });

  it('spells a file URI one way (VS Code escapes the drive colon)', () => {
    assert.equal(canonicalUri('file:///w/a%20b.yaml'), 'file:///w/a%20b.yaml');
    assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });
});
