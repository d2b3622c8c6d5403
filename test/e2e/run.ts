// `npm run test:e2e`: builds the extension and the .vsix, installs code-server into a cache folder
// outside the repository when missing, and runs both layers against a throwaway copy of
// examples/hello: A = the mocha suite inside the extension host, B = Playwright UI tests.
// CONTRIBUTING.md says why code-server + headless Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser, CHROMIUM } from './browser';
import { installedExtensionDir, startCodeServer } from './codeServer';
import { runEditorBench } from './editorBench';
import { runExtensionTests } from './extensionTests';
import { runUiTests } from './uiTests';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'out/e2e');
const EXTENSION_ID = 'istio-lens.istio-lens';

// An extra file for the UI tests: a VirtualService of another host whose weight is a word (one
// schema error); it does not change how svc-hello is routed.
const BROKEN = `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: vs-broken
spec:
  hosts:
  - svc-hello-v1
  http:
  - route:
    - destination:
        host: svc-hello-v1
      weight: ten
`;

function step(what: string, cmd: string, args: string[]): void {
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
  console.log(`e2e: ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

function copyExample(to: string, extra: Record<string, string> = {}): string {
  fs.cpSync(path.join(ROOT, 'examples/hello'), to, { recursive: true });
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(to, name), text);
  return to;
}

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  fs.mkdirSync(OUT, { recursive: true });
  const vsix = path.join(OUT, 'istio-lens.vsix');
  if (!process.env.ISTIO_LENS_E2E_SKIP_BUILD) step('build', process.execPath, ['scripts/build.mjs']);
  step('build the e2e suite', process.execPath, ['test/e2e/build.mjs']);
  step('package the .vsix', process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', vsix]);
  const bin = execFileSync(path.join(__dirname, 'install-code-server.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-e2e-'));
  const started = Date.now();
  const server = await startCodeServer(bin, path.join(tmp, 'server'), vsix);
  const browser = await launchBrowser();
  let ok = false;
  const only = process.env.ISTIO_LENS_E2E_ONLY; // "api", "ui" or "bench"
  const bench = only === 'bench' || !!process.env.ISTIO_LENS_E2E_BENCH; // figures only, see editorBench.ts
  try {
    const devPath = installedExtensionDir(server.extensionsDir, EXTENSION_ID); // what ships, not the source tree
    const a = only === 'ui' || only === 'bench' || await runExtensionTests(browser, server.url, copyExample(path.join(tmp, 'hello')), devPath, path.join(OUT, 'suite/index.js'));
    const b = only === 'api' || only === 'bench' || await runUiTests(browser, server.url, copyExample(path.join(tmp, 'hello-ui'), { 'broken.yaml': BROKEN }), path.join(OUT, 'screenshot.png'));
    const c = !bench || await runEditorBench(browser, bin, vsix, ROOT, tmp, OUT);
    ok = a && b && c;
  } finally {
    await browser.close();
    server.stop();
    if (!ok) fs.copyFileSync(server.log, path.join(OUT, 'code-server.log'));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // The README's screenshot is the one a passing run takes.
  const shot = only !== 'api' && only !== 'bench';
  if (ok && shot) fs.copyFileSync(path.join(OUT, 'screenshot.png'), path.join(ROOT, 'images/screenshot.png'));
  console.log(`e2e: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (screenshot: ${ok && shot ? 'images/screenshot.png' : 'out/e2e/screenshot.png'})`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(2);
});
