/** The fuzzer's time limit judges inputs, not the heap earlier cases left behind: a case with a call
 *  over the limit runs again (up to RETRIES times) after the parse cache is dropped and the heap
 *  collected, and only calls slow on every run fail it (docs/robustness.md, "The fuzzer"). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseReport, FuzzCase, Failure } from './harness/pipeline';
import { RETRIES, runCaseConfirmed } from './harness/pipeline';
import { forgetParsedDocuments, parseFile } from '../../server/src/core/yaml/parse';

const CASE: FuzzCase = { files: [], requests: [], offsets: [] };
const slow: Failure = { stage: 'complete', kind: 'slow', message: 'took 300 ms (cpu 290 ms)' };
const threw: Failure = { stage: 'hover', kind: 'threw', message: 'threw TypeError' };

function runs(...results: Failure[][]): { run: (c: FuzzCase) => CaseReport; count: () => number } {
  let i = 0;
  return {
    run: () => ({ failures: [...results[Math.min(i++, results.length - 1)]], calls: 1, slowest: { stage: '', wallMs: 0, cpuMs: 0 }, totals: new Map() }),
    count: () => i,
  };
}

describe('fuzz harness: a slow call is confirmed on a collected heap', () => {
  it('drops a call that is slow only on the first run, and counts it as a pause', () => {
    const r = runs([slow], []);
    const report = runCaseConfirmed(CASE, r.run);
    assert.deepEqual(report.failures, []);
    assert.equal(report.pauses, 1);
    assert.equal(r.count(), 2);
  });

  it('keeps a call that is slow on every run', () => {
    const r = runs([slow], [slow]);
    const report = runCaseConfirmed(CASE, r.run);
    assert.deepEqual(report.failures, [slow]);
    assert.equal(report.pauses, 0);
    assert.equal(r.count(), 1 + RETRIES);
  });

  it('drops a call that is fast on the last run only', () => {
    assert.ok(RETRIES >= 2);
    const report = runCaseConfirmed(CASE, runs(...Array.from({ length: RETRIES }, () => [slow]), []).run);
    assert.deepEqual(report.failures, []);
    assert.equal(report.pauses, 1);
  });

  it('keeps every other failure of the first run, and runs a case without slow calls once', () => {
    const once = runs([threw], []);
    assert.deepEqual(runCaseConfirmed(CASE, once.run).failures, [threw]);
    assert.equal(once.count(), 1);
    assert.deepEqual(runCaseConfirmed(CASE, runs([threw, slow], []).run).failures, [threw]);
  });

  it('forgetParsedDocuments drops the parse cache: the same text is parsed anew', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache-probe\n';
    const a = parseFile('a.yaml', text).documents[0].doc;
    assert.equal(parseFile('b.yaml', text).documents[0].doc, a, 'cached: the same parsed document');
    forgetParsedDocuments();
    assert.notEqual(parseFile('c.yaml', text).documents[0].doc, a);
  });
});
