// The same extension-host suite in desktop VS Code, where it can be downloaded (not on the CI
// machine, which has no internet; there `npm run test:e2e` runs it in code-server):
//   node scripts/build.mjs && node test/e2e/build.mjs && node --import tsx test/e2e/runElectron.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-e2e-'));
  fs.cpSync(path.join(ROOT, 'examples/hello'), ws, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/e2e/suite/index.js'),
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
