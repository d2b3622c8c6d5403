/** `istio-lens check` on a repository of many files, as a CI job runs it: once where every route
 *  destination host resolves, once where none does (every Service renamed, as a kustomize
 *  `namePrefix` or a renamed Service leaves a real repository). The unresolved run reports an
 *  IST0101 per destination and looks for a "did you mean" for each; target: at most 1.5× the clean
 *  run. Both runs alternate so that they see the same load; wall and CPU time and peak RSS come from
 *  `/usr/bin/time` (the CLI process itself). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './floor';
import { REPO } from './lsp/servers';
import { writeWorkspace } from './workspaces';

export interface CheckRun {
  wallMs: number;
  cpuMs: number;
  peakMb: number;
  findings: number;
}

export interface CheckFigures {
  files: number;
  documents: number;
  clean: CheckRun[];
  unresolved: CheckRun[];
  notes: string[];
}

/** Every Service of the workspace renamed: each route destination host then resolves to nothing. */
function renameServices(path: string): void {
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.replace(/kind: Service\nmetadata:\n {2}name: /g, 'kind: Service\nmetadata:\n  name: old-'));
}

function runCheck(dir: string, out: string): CheckRun {
  const cli = join(REPO, 'dist', 'cli.js');
  const timed = existsSync('/usr/bin/time');
  const args = ['check', dir, '--format', 'json'];
  const start = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', `${out}.time`, process.execPath, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wallMs = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) throw new Error(`check exited ${r.status}: ${r.stderr.toString().slice(-500)}`);
  let findings = NaN;
  try {
    const json = JSON.parse(r.stdout.toString());
    findings = Array.isArray(json) ? json.length : (json.diagnostics?.length ?? json.findings?.length ?? json.files?.reduce?.((n: number, f: { diagnostics?: unknown[] }) => n + (f.diagnostics?.length ?? 0), 0) ?? NaN);
  } catch {
    // the count is informative only
  }
  if (!timed) return { wallMs, cpuMs: NaN, peakMb: NaN, findings };
  const [user, sys, maxKb] = readFileSync(`${out}.time`, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallMs, cpuMs: (user + sys) * 1000, peakMb: maxKb / 1024, findings };
}

export function benchCheck(tmp: string, files = 1000, documents = 10_000, runs = 3): CheckFigures {
  const clean = writeWorkspace(join(tmp, 'check-clean'), files, documents);
  const broken = writeWorkspace(join(tmp, 'check-unresolved'), files, documents);
  for (const f of broken.files) renameServices(f.path);
  const fig: CheckFigures = { files, documents: clean.documents, clean: [], unresolved: [], notes: [] };
  runCheck(clean.dir, join(tmp, 'warm')); // the file cache warm for both
  for (let i = 0; i < runs; i++) {
    fig.clean.push(runCheck(clean.dir, join(tmp, 'check')));
    fig.unresolved.push(runCheck(broken.dir, join(tmp, 'check')));
  }
  return fig;
}

/** Unresolved over clean, by CPU time when known (less noisy on a shared machine), else wall time. */
export function checkRatio(f: CheckFigures): { cpu: number; wall: number } {
  const m = (runs: CheckRun[], k: keyof CheckRun) => median(runs.map((r) => r[k]));
  return { cpu: m(f.unresolved, 'cpuMs') / m(f.clean, 'cpuMs'), wall: m(f.unresolved, 'wallMs') / m(f.clean, 'wallMs') };
}
