/** Fuzzing: 1,000 seeded cases of mutated valid configurations through every stage; no
 *  exception escapes, no call takes over 200 ms, every span stays inside its file.
 *  `npm run fuzz` runs the same property 100,000 times (scripts/fuzz.mjs). FUZZ_SEED and FUZZ_RUNS
 *  reproduce or widen a run. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { caseInput, toCase } from './harness/cases';
import { loadCorpus } from './harness/corpus';
import { KNOWN_BUGS, knownBugOf, type KnownBug } from './harness/known';
import { describeFailures, runCase, runCaseConfirmed } from './harness/pipeline';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

describe('fuzz: mutated configurations through parse, model, snapshot, analyze, editor features and simulate', () => {
  const corpus = loadCorpus();
  const hit = new Set<KnownBug>();

  it('starts from the unmutated corpus without failure (and warms the code up: first calls compile)', () => {
    const report = runCase(toCase(corpus, { seed: 0, mutations: [], requests: [], offsets: [0] }));
    assert.deepEqual(report.failures.filter((f) => f.kind !== 'slow'), []);
    assert.ok(corpus.length >= 4, corpus.map((f) => f.name).join(', '));
  });

  it(`${RUNS} cases: no exception, no call over 200 ms, no span outside its file`, { timeout: 300_000 }, (t) => {
    let slowest = { stage: '', wallMs: 0, cpuMs: 0 };
    fc.assert(
      fc.property(caseInput(corpus), (input) => {
        const report = runCaseConfirmed(toCase(corpus, input));
        if (Math.min(report.slowest.wallMs, report.slowest.cpuMs) > Math.min(slowest.wallMs, slowest.cpuMs)) slowest = report.slowest;
        for (const f of report.failures) {
          const known = knownBugOf(f);
          if (known) hit.add(known);
        }
        report.failures = report.failures.filter((f) => !knownBugOf(f));
        if (report.failures.length) throw new Error(describeFailures(report));
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    t.diagnostic(`slowest call: ${slowest.stage} ${slowest.wallMs.toFixed(1)} ms wall, ${slowest.cpuMs.toFixed(1)} ms cpu`);
  });

  for (const bug of KNOWN_BUGS) {
    it(`known bug, owner ${bug.owner}`, { todo: bug.reproducer }, (t) => {
      if (hit.has(bug)) t.diagnostic('the fuzz hit it in this run');
      bug.reproduce();
    });
  }
});
