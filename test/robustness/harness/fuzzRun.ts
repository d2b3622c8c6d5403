/** `npm run fuzz [-- --cases N --seed S]`: the fuzz property of fuzz.test.ts at scale. Unlike the
 *  test it keeps going after a failure, then prints what it ran: cases, calls, failures by stage,
 *  the slowest call, and the first failing inputs (to replay with FUZZ_SEED and a focused test). */
import fc from 'fast-check';
import { caseInput, toCase, type CaseInput } from './cases';
import { loadCorpus } from './corpus';
import { knownBugOf } from './known';
import { CALL_LIMIT_MS, runCase, runCaseConfirmed, type CallTime, type Failure } from './pipeline';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const cases = flag('cases', 100_000);
const seed = flag('seed', 20261127);
const BATCH = 500;
const corpus = loadCorpus();
const arb = caseInput(corpus);
const failures: { input: CaseInput; failures: Failure[] }[] = [];
const byStage = new Map<string, number>();
let calls = 0;
let pauses = 0;
const known = new Map<string, number>();
const totals = new Map<string, number>();
let slowest: CallTime = { stage: '', wallMs: 0, cpuMs: 0 };
runCase(toCase(corpus, { seed: 0, mutations: [], requests: [], offsets: [0] })); // warm-up: first calls compile
const started = performance.now();

let done = 0;
let stopped = false;
// Ctrl-C (or a CI time limit's SIGTERM) ends the run after the current batch, with the summary.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (stopped = true));

async function run(): Promise<void> {
  for (; done < cases && !stopped; done += Math.min(BATCH, cases - done)) {
    const inputs = fc.sample(arb, { seed: seed + done, numRuns: Math.min(BATCH, cases - done) });
    for (const input of inputs) record(input, runCaseConfirmed(toCase(corpus, input)));
    if ((done + BATCH) % 10_000 === 0) process.stderr.write(`fuzz: ${done + BATCH} cases, ${failures.length} failing, ${pauses} collector pauses, slowest ${describe(slowest)}, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB\n`);
    await new Promise((r) => setImmediate(r));
  }
  summary();
}

function record(input: CaseInput, report: ReturnType<typeof runCase>): void {
  calls += report.calls;
  pauses += report.pauses ?? 0;
  for (const [stage, ms] of report.totals) totals.set(stage, (totals.get(stage) ?? 0) + ms);
  if (Math.min(report.slowest.wallMs, report.slowest.cpuMs) > Math.min(slowest.wallMs, slowest.cpuMs)) slowest = report.slowest;
  for (const f of report.failures) {
    const k = knownBugOf(f);
    if (k) known.set(k.reproducer, (known.get(k.reproducer) ?? 0) + 1);
  }
  const fresh = report.failures.filter((f) => !knownBugOf(f));
  if (fresh.length) {
    failures.push({ input, failures: fresh });
    for (const f of fresh) byStage.set(f.stage, (byStage.get(f.stage) ?? 0) + 1);
  }
}

function describe(c: CallTime): string {
  return `${c.stage} ${c.wallMs.toFixed(1)} ms wall, ${c.cpuMs.toFixed(1)} ms cpu`;
}

function summary(): void {
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz: ${done} cases${done < cases ? ` (stopped; ${cases} asked)` : ''} (seed ${seed}, ${corpus.length} seed files, ${calls} calls) in ${seconds.toFixed(1)} s`);
  console.log(`fuzz: failing cases: ${failures.length}${byStage.size ? ' — ' + [...byStage].map(([s, n]) => `${s}: ${n}`).join(', ') : ''}`);
  console.log(`fuzz: slowest call: ${describe(slowest)} (limit ${CALL_LIMIT_MS} ms)`);
  console.log(`fuzz: calls over the limit only on a heap full of earlier cases (under it when their case ran again after a collection): ${pauses}`);
  console.log(`fuzz: rss at the end ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  for (const [repro, n] of known) console.log(`fuzz: known bug hit ${n} times (not counted as failing): ${repro}`);
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`fuzz: time by stage: ${top.map(([s, ms]) => `${s} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  for (const f of failures.slice(0, 5)) {
    console.log(`\nfailing case on ${corpus[f.input.seed].name}: ${JSON.stringify(f.input)}`);
    for (const x of f.failures.slice(0, 3)) console.log(`  [${x.stage}] ${x.message.split('\n').slice(0, 4).join('\n    ')}`);
  }
  process.exitCode = failures.length ? 1 : 0;
}

void run();
