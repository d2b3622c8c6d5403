/** The open of the 5,000-document file in process, split into its phases, in CPU time of this
 *  process and as a ratio to `parseAllDocuments` of the same text timed just before: the parse
 *  (`parseFile`), lowering and indexing (`WorkspaceState.snapshot`), and the first analysis
 *  (`computeDiagnostics`), after the same 100-document warm-up as the bench's. With `--analyzers`,
 *  the first-run CPU time of each analyzer too. One JSON line per run.
 *
 *  Run it bundled, as the server runs (under tsx every call into another module goes through an
 *  export getter, which overstates code that calls small helpers of other modules), in fresh
 *  processes, interleaving the trees compared (docs/performance.md, "The open, next round"):
 *
 *    npx esbuild bench/openPhases.ts --bundle --platform=node --target=node20 \
 *      --define:ISTIO_LENS_VERSION='"0"' --outfile=/tmp/open-phases.js
 *    node /tmp/open-phases.js [--analyzers] */
import { PerformanceObserver } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { ANALYZERS } from '../server/src/core/analysis/registry';
import { parseFile } from '../server/src/core/yaml/parse';
import { computeDiagnostics } from '../server/src/lsp/diagnosticsEngine';
import { WorkspaceState } from '../server/src/lsp/workspaceState';
import { meshText } from './workspaces';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Garbage collection pauses of this thread, in ms (delivered between phases). */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const perAnalyzer = new Map<string, number>();
let timing = false;
if (process.argv.includes('--analyzers')) {
  for (const a of ANALYZERS) {
    const run = a.run;
    (a as { run: typeof run }).run = (ctx) => {
      const start = cpu();
      try {
        run.call(a, ctx);
      } finally {
        if (timing) perAnalyzer.set(a.name, (perAnalyzer.get(a.name) ?? 0) + cpu() - start);
      }
    };
  }
}

async function main(): Promise<void> {
  const warm = new WorkspaceState();
  warm.openDocument('file:///warm/mesh.yaml', meshText(100, 9), 1);
  computeDiagnostics(warm);
  const text = meshText(5000, 1);
  parseAllDocuments(text);
  await settle();
  let t = cpu();
  parseAllDocuments(text);
  const raw = cpu() - t;
  await settle();
  const gc0 = gcMs;
  t = cpu();
  parseFile('file:///open/mesh.yaml', text);
  const parse = cpu() - t;
  await settle();
  const gc1 = gcMs;
  const ws = new WorkspaceState();
  t = cpu();
  ws.openDocument('file:///open/mesh.yaml', text, 1);
  ws.snapshot();
  const lower = cpu() - t;
  await settle();
  const gc2 = gcMs;
  timing = true;
  t = cpu();
  const published = computeDiagnostics(ws);
  const analysis = cpu() - t;
  timing = false;
  await settle();
  const open = parse + lower + analysis;
  const r = Math.round;
  const findings = published.reduce((n, f) => n + f.items.length, 0);
  const analyzers = Object.fromEntries([...perAnalyzer].sort((a, b) => b[1] - a[1]).map(([name, ms]) => [name, r(ms)]));
  console.log(JSON.stringify({
    raw: r(raw), parse: r(parse), lower: r(lower), analysis: r(analysis), open: r(open), ratio: +(open / raw).toFixed(3), findings,
    gcPauses: { parse: r(gc1 - gc0), lower: r(gc2 - gc1), analysis: r(gcMs - gc2) }, ...(perAnalyzer.size ? { analyzers } : {}),
  }));
}

void main();
