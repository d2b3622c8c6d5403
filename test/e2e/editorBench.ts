// The editor benchmark step of `npm run test:e2e` (on with ISTIO_LENS_E2E_BENCH=1; `npm run
// bench:editor` runs it alone). It prints figures and asserts nothing about time:
// - time to first diagnostics: a generated 2,000-document file opened through Quick Open, from the
//   Enter that opens it to the first error squiggle painted in the editor, next to the CLI's `check`
//   of the same file;
// - key-to-paint: characters typed one at a time into that file, from each keydown (its event
//   timestamp) to the first animation frame after the character is in the editor's view lines,
//   p50 and p90, in one code-server with the extension installed and one without it;
// - where the time to first diagnostics goes, from the extension's output log (its activation line
//   and the server's "first diagnostics sent N ms after the editor opened it").
// docs/performance.md ("In the editor") says how to read the figures.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { median, percentile } from '../../bench/floor';
import { generateMesh } from '../../bench/generate';
import { loopbackContext } from './browser';
import { startCodeServer } from './codeServer';

const DOCUMENTS = 2000;
const WARMUP = 5;
const KEYS = Number(process.env.ISTIO_LENS_E2E_BENCH_KEYS) || 40;
const GAP_MS = 120; // a brisk typist: the next key comes while the server may still be busy with the last
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789';

// A VirtualService first, so that its findings (a subset the DestinationRule lacks, two
// VirtualServices for one host) are on the lines the editor shows after opening; `name` is line 4,
// where the keys go.
const HEAD = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-bench
  namespace: team-0
spec:
  hosts:
  - app-0
  http:
  - route:
    - destination:
        host: app-0
        subset: v9
---
`;

export interface EditorRun {
  firstDiagnosticsMs?: number;
  keyToPaintMs: number[];
  /** Wall-clock times (ms since the epoch) of the Enter that opened the file and of its first squiggle. */
  enterAt?: number;
  squiggleAt?: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function writeBenchFolder(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bench.yaml');
  fs.writeFileSync(file, HEAD + generateMesh(DOCUMENTS).text);
  return file;
}

/** Wall time of `istio-lens check <file>`, the median of three runs. */
function cliCheckMs(root: string, file: string): number {
  const runs: number[] = [];
  // Output to /dev/null opened write-only, as a shell's `> /dev/null` does. Node's `stdio: 'ignore'`
  // gives the child a read-write /dev/null, which the CLI cannot tell from a closed standard output
  // (server/src/cli/closedStdout.ts) and refuses with exit 3.
  const devNull = fs.openSync('/dev/null', 'w');
  try {
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', file, '--format', 'json'], { stdio: ['ignore', devNull, 'pipe'] });
      if (r.status !== 1) throw new Error(`check of the bench file exited ${r.status} (expected 1: it has errors): ${r.stderr}`);
      runs.push(performance.now() - t);
    }
  } finally {
    fs.closeSync(devNull);
  }
  return median(runs);
}

// Page-side code, as strings: this file is type-checked without the DOM library.
const INSTALL_PROBE = `(() => {
  const probe = { pending: null, samples: [] };
  window.__istioLensK2P = probe;
  window.addEventListener('keydown', (e) => { if (probe.pending && probe.pending.t0 === undefined) probe.pending.t0 = e.timeStamp; }, true);
  new MutationObserver(() => {
    const p = probe.pending;
    if (!p || p.t0 === undefined || p.seen) return;
    const lines = document.querySelector('.editor-instance .monaco-editor .view-lines'); // looked up each time: the editor may re-create it
    if (!lines || !lines.textContent.includes(p.expect)) return;
    p.seen = true;
    requestAnimationFrame(() => { probe.samples.push(performance.now() - p.t0); probe.pending = null; });
  }).observe(document.querySelector('.monaco-workbench'), { subtree: true, childList: true, characterData: true });
})()`;

async function openBenchFile(page: Page): Promise<number> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill('bench.yaml');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'bench.yaml' }).first().waitFor();
  const opened = Date.now();
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'vs-bench' }).waitFor();
  return opened;
}

async function typeKeys(page: Page): Promise<number[]> {
  await page.evaluate(INSTALL_PROBE);
  // The end of `name: vs-bench` (line 4); the editor has the focus since Quick Open opened the file.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  let expect = 'vs-bench';
  let lost = 0;
  for (let i = 0; i < WARMUP + KEYS; i++) {
    const ch = TYPED[i % TYPED.length];
    expect += ch;
    await page.evaluate(`window.__istioLensK2P.pending = { expect: ${JSON.stringify(expect)} }`);
    await page.keyboard.press(ch);
    // A key whose character never shows counts as lost rather than ending the run.
    const painted = await page.waitForFunction('window.__istioLensK2P.pending === null', undefined, { timeout: 15000 }).then(() => true, () => false);
    if (!painted) {
      lost++;
      await page.evaluate('window.__istioLensK2P.pending = null');
      expect = String(await page.evaluate(`document.querySelector('.editor-instance .monaco-editor .view-lines').textContent`)).match(/vs-bench[a-z0-9]*/)?.[0] ?? expect;
    }
    await sleep(GAP_MS);
  }
  if (lost) console.log(`editor bench: ${lost} of ${WARMUP + KEYS} keys did not show within 15 s`);
  const samples = await page.evaluate('window.__istioLensK2P.samples') as number[];
  return samples.slice(WARMUP);
}

export async function runOnce(browser: Browser, url: string, folder: string, withExtension: boolean, failShot?: string): Promise<EditorRun> {
  const context = await loopbackContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.ISTIO_LENS_E2E_BENCH_TIMEOUT) || 120000);
  try {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    const opened = await openBenchFile(page);
    let squiggleAt: number | undefined;
    if (withExtension) {
      await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor();
      squiggleAt = Date.now();
    } else {
      await sleep(3000); // let the editor settle after opening, as the run with the extension does
    }
    const firstDiagnosticsMs = squiggleAt === undefined ? undefined : squiggleAt - opened;
    return { firstDiagnosticsMs, enterAt: opened, squiggleAt, keyToPaintMs: await typeKeys(page) };
  } catch (e) {
    if (failShot) await page.screenshot({ path: failShot }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;

/** A line of a VS Code log file: `2026-12-07 21:41:05.058 [info] text`, its time in the local zone. */
const LOG_LINE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[\w+\] (.*)$/;

function findFile(dir: string, name: string): string | undefined {
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const p = path.join(dir, e.name);
    const found = e.isDirectory() ? findFile(p, name) : e.name === name ? p : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Where the time from the Enter to the first squiggle went, read from the extension's output log
 *  (`<user-data>/logs/<session>/exthost<N>/istio-lens.istio-lens/Istio Lens.log`): when the extension
 *  activated, when the server process started and when it had the document (the time of its "first
 *  diagnostics sent N ms after the editor opened it (M ms after the server process started)" line,
 *  less M and N) and when it sent the diagnostics. The log's times are those at which the extension
 *  host wrote each line (the activation line's can come late: the log is created asynchronously).
 *  Figures only: a line missing is said, not failed. */
function breakdown(userData: string, run: EditorRun, file: string): string {
  const log = findFile(path.join(userData, 'logs'), 'Istio Lens.log');
  if (!log || run.enterAt === undefined || run.squiggleAt === undefined) return 'no breakdown: the extension\'s output log was not found';
  let activated: number | undefined;
  let sent: { at: number; afterOpen: number; afterStart: number } | undefined;
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    const m = LOG_LINE.exec(line);
    if (!m) continue;
    const at = new Date(`${m[1]}T${m[2]}`).getTime();
    if (activated === undefined && / activated; starting its language server$/.test(m[3])) activated = at;
    const first = /: first diagnostics sent (\d+) ms after the editor opened it \((\d+) ms after the server process started\)$/.exec(m[3]);
    if (first && !sent && m[3].includes(`/${path.basename(file)}:`)) sent = { at, afterOpen: Number(first[1]), afterStart: Number(first[2]) };
  }
  if (activated === undefined || !sent) return `no breakdown: ${activated === undefined ? 'no activation line' : 'no "first diagnostics sent" line'} in ${log}`;
  const after = (t: number) => `${t >= run.enterAt! ? '+' : '−'}${ms(Math.abs(t - run.enterAt!))}`;
  return `after the Enter: extension activated ${after(activated)}, server process started ${after(sent.at - sent.afterStart)}, document at the server ${after(sent.at - sent.afterOpen)}, ` +
    `diagnostics sent ${after(sent.at)} (${ms(sent.afterOpen)} after the server had the document), squiggle painted ${after(run.squiggleAt)} (${ms(run.squiggleAt - sent.at)} after they were sent)`;
}

/** Runs the benchmark; returns false only when it could not run (a step failed), never on a figure. */
export async function runEditorBench(browser: Browser, bin: string, vsix: string, root: string, tmp: string, out: string): Promise<boolean> {
  try {
    const file = writeBenchFolder(path.join(tmp, 'bench-ws'));
    const runs: Record<'with' | 'without', EditorRun | undefined> = { with: undefined, without: undefined };
    let where = '';
    for (const which of ['with', 'without'] as const) {
      const dir = path.join(tmp, `bench-server-${which}`);
      const server = await startCodeServer(bin, dir, which === 'with' ? vsix : undefined);
      try {
        const r = runs[which] = await runOnce(browser, server.url, path.dirname(file), which === 'with', path.join(out, `bench-${which}-fail.png`));
        console.log(`editor bench, ${which} the extension: key-to-paint ${r.keyToPaintMs.map(Math.round).join(' ')} ms` +
          (r.firstDiagnosticsMs === undefined ? '' : `; first diagnostics ${ms(r.firstDiagnosticsMs)}`));
        if (which === 'with') where = breakdown(path.join(dir, 'user-data'), r, file);
      } finally {
        server.stop();
      }
    }
    const check = cliCheckMs(root, file);
    const w = runs.with!;
    const wo = runs.without!;
    const p = (r: EditorRun, q: number) => percentile(r.keyToPaintMs, q);
    console.log(`editor bench (${DOCUMENTS} documents, ${KEYS} keys, code-server + headless Chromium):`);
    console.log(`  open → first error squiggle: ${ms(w.firstDiagnosticsMs!)}; CLI check of the same file: ${ms(check)}` +
      ` (${(w.firstDiagnosticsMs! / check).toFixed(2)}×, target ≤ 2×)`);
    console.log(`    ${where}`);
    console.log(`  key-to-paint with the extension:    p50 ${ms(p(w, 50))}, p90 ${ms(p(w, 90))}`);
    console.log(`  key-to-paint without the extension: p50 ${ms(p(wo, 50))}, p90 ${ms(p(wo, 90))}`);
    console.log(`  difference: p50 ${ms(p(w, 50) - p(wo, 50))}, p90 ${ms(p(w, 90) - p(wo, 90))} (target: p90 within 15 ms)`);
    return true;
  } catch (e) {
    console.log(`editor bench could not run:\n${(e as Error).stack ?? e}`);
    return false;
  }
}
