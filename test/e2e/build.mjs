// Bundles the extension-host test suite (test/e2e/suite/*.ts → out/e2e/suite/*.js). `vscode` comes
// from the extension host and `mocha` from the project's node_modules, so both stay external.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const dir = 'test/e2e/suite';
const entryPoints = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`);
await build({
  entryPoints, outdir: 'out/e2e/suite', bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning',
});
