/** The .vsix as `npm run package` makes it: only what the extension loads (no CLI bundle, no schema
 *  the manifest does not name, no source maps), and a README whose screenshot shows on the
 *  extension's details tab without a network (see scripts/vsixReadme.mjs). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';

type Manifest = { main: string; icon: string; contributes: { yamlValidation?: Array<{ url: string }> } };
const MANIFEST = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;

describe('the .vsix', () => {
  let tmp: string;
  let zip: JSZip;
  let files: string[];

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'istio-lens-vsix-'));
    const out = join(tmp, 'istio-lens.vsix');
    const r = spawnSync(process.execPath, ['scripts/package.mjs', '-o', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    zip = await JSZip.loadAsync(readFileSync(out));
    files = Object.keys(zip.files).filter((f) => f.startsWith('extension/') && !zip.files[f].dir).map((f) => f.slice('extension/'.length)).sort();
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds what the extension loads and nothing else', () => {
    assert.deepEqual(files, [
      'LICENSE.txt', 'changelog.md', 'dist/extension.js', 'dist/server.js', 'images/icon.png',
      'package.json', 'readme.md', 'schemas/istio-lens-config.schema.json',
    ]);
  });

  it('has every file the manifest and the extension bundle name', async () => {
    const named = [MANIFEST.main, MANIFEST.icon, ...(MANIFEST.contributes.yamlValidation ?? []).map((v) => v.url)];
    const bundle = await zip.file('extension/dist/extension.js')!.async('string');
    for (const m of bundle.matchAll(/asAbsolutePath\("([^"]+)"\)/g)) named.push(m[1]);
    assert.ok(named.includes('dist/server.js'), 'the extension starts the server from its own folder');
    for (const n of named) assert.ok(files.includes(n.replace(/^\.\//, '')), `${n} is in the .vsix`);
  });

  it('shows the README\'s screenshot offline: images are data URIs of the repository\'s files, links are absolute', async () => {
    const readme = await zip.file('extension/readme.md')!.async('string');
    const source = readFileSync('README.md', 'utf8');
    const images = [...source.matchAll(/!\[[^\]]*\]\((?!https?:)([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the README shows a screenshot');
    for (const image of images) {
      const data = `data:image/png;base64,${readFileSync(image).toString('base64')}`;
      assert.ok(readme.includes(`](${data})`), `${image} is inlined`);
    }
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(targets.filter((t) => !/^(https:|data:image\/png;base64,|#)/.test(t)), [], 'no relative link is left');
  });
});
