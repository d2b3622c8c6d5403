// Packs the VS Code extension from the built dist/ (`npm run package` builds first):
// `node scripts/package.mjs [-o FILE]`, default istio-lens.vsix. What goes in is .vscodeignore's
// list; the README is the one vsixReadme.mjs writes, so its screenshot shows offline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVSIX } from '@vscode/vsce';
import { vsixReadme } from './vsixReadme.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const o = args.findIndex((a) => a === '-o' || a === '--out');
const out = resolve(o >= 0 && args[o + 1] ? args[o + 1] : 'istio-lens.vsix');

mkdirSync(resolve(root, 'dist'), { recursive: true });
writeFileSync(resolve(root, 'dist/README.md'), vsixReadme(root));
await createVSIX({ cwd: root, packagePath: out, readmePath: 'dist/README.md', rewriteRelativeLinks: false, dependencies: false });
