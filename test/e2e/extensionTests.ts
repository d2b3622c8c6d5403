// Layer A: loads the workbench with a test payload; VS Code's extension host requires the mocha
// runner (suite/index.ts) and reports its exit code through window.codeAutomationExit.
import * as util from 'node:util';
import type { Browser } from 'playwright-core';
import { loopbackContext } from './browser';

const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;

export async function runExtensionTests(browser: Browser, url: string, folder: string, devPath: string, testsPath: string, timeoutMs = 300000): Promise<boolean> {
  const context = await loopbackContext(browser);
  const page = await context.newPage();
  let done!: (code: number | string) => void;
  const exited = new Promise<number | string>((r) => (done = r));
  await page.exposeFunction('codeAutomationExit', (code: number) => done(code));
  const pending: Promise<void>[] = [];
  page.on('console', (m) => pending.push((async () => {
    let args: unknown[] = await Promise.all(m.args().map((x) => x.jsonValue())).catch(() => [m.text()]);
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
    else if (!process.env.VERBOSE) return;
    const line = util.format(...args);
    if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
  })()));
  const payload = [['extensionDevelopmentPath', `vscode-remote://remote${devPath}`], ['extensionTestsPath', `vscode-remote://remote${testsPath}`]];
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
  clearTimeout(timer);
  await Promise.all(pending);
  console.log(`extension host exit code: ${code}`);
  await context.close();
  return code === 0;
}
