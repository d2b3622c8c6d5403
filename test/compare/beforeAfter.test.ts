/** Before/after comparison: `simulate --json` and `check --json` on every example and fixture print
 *  what they printed before the route model was reworked (the goldens were recorded from that
 *  engine). Only the fields the route model adds (`route`, `ruleIndex`) may differ; `matchIndex`
 *  existed before and is compared. `UPDATE_GOLDEN=1` rewrites the goldens (new fixtures add cases);
 *  a reviewer reads the diff. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main';
import { compareCases, type CompareCase } from './cases';

/** Fields of `simulate --json` that the route model adds; everything else must stay. */
export const ADDED_SIMULATE_FIELDS = ['route', 'ruleIndex'];

interface Outcome {
  exit: number;
  output: unknown;
}

/** Runs the CLI in this process (it is the same code as dist/cli.js) and captures stdout. */
export function runCli(args: string[]): Outcome {
  const out: string[] = [];
  const write = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  let exit: number;
  try {
    exit = main(args);
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
  }
  const text = out.join('');
  let output: unknown = text;
  try {
    output = JSON.parse(text);
  } catch {
    // Not JSON (a usage error prints nothing on stdout): compare the text.
  }
  return { exit, output };
}

export function withoutAdded(output: unknown): unknown {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return output;
  return Object.fromEntries(Object.entries(output).filter(([k]) => !ADDED_SIMULATE_FIELDS.includes(k)));
}

const GOLDEN_DIR = 'test/compare/goldens';

function compareAll(kind: 'check' | 'simulate', cases: CompareCase[]): void {
  const file = `${GOLDEN_DIR}/${kind}.json`;
  const actual: Record<string, Outcome> = {};
  for (const c of cases) {
    const r = runCli(c.args);
    actual[c.name] = kind === 'simulate' ? { exit: r.exit, output: withoutAdded(r.output) } : r;
  }
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(actual, null, 1) + '\n');
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`golden ${file} did not exist; written — review it and run again`);
    return;
  }
  const golden = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Outcome>;
  // Fixtures added since the goldens were recorded are new cases, not changes: the cases both have are
  // compared, and they must be nearly all of the recorded ones (a lost case generator fails here).
  const common = Object.keys(golden).filter((name) => name in actual);
  assert.ok(common.length >= Object.keys(golden).length * 0.9, `only ${common.length} of the ${Object.keys(golden).length} cases of ${file} are still generated`);
  for (const name of common) assert.deepEqual(actual[name], golden[name], `${name}: differs from ${file}`);
}

describe('before/after comparison of the CLI on the examples and fixtures', () => {
  const cases = compareCases();
  it('covers the examples, the fixtures and the routing tests', () => {
    assert.ok(cases.check.length >= 40, `${cases.check.length} check cases`);
    assert.ok(cases.simulate.length >= 100, `${cases.simulate.length} simulate cases`);
    assert.ok(cases.simulate.some((c) => c.name.includes('hello-tests/case5')), 'the routing tests of the examples are simulated');
  });
  it('check --json prints what it printed before', () => compareAll('check', cases.check));
  it('simulate --json prints what it printed before, apart from the added fields', () => compareAll('simulate', cases.simulate));
});
