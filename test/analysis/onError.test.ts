/** An analyzer that throws loses its own findings only, and the caller hears which one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analyzer } from '../../server/src/core/analysis/analyzer';
import { runAnalyzers } from '../../server/src/core/analysis/analyzer';
import { IncrementalAnalysis } from '../../server/src/core/analysis/incremental';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const broken = { name: 'test.broken', reads: ['VirtualService'], run() { throw new Error('boom'); } } as unknown as Analyzer;

describe('analyzer failures', () => {
  const snap = buildSnapshot([['vs.yaml', 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: a }\nspec: { hosts: [a] }\n']]);
  it('runAnalyzers reports the analyzer and its error', () => {
    const heard: string[] = [];
    runAnalyzers(snap, [broken], {}, (name, e) => heard.push(`${name}: ${(e as Error).message}`));
    assert.deepEqual(heard, ['test.broken: boom']);
  });
  it('the incremental analysis reports it through options.onError', () => {
    const heard: string[] = [];
    new IncrementalAnalysis([broken]).analyze(snap, { onError: (name) => heard.push(name) });
    assert.deepEqual(heard, ['test.broken']);
  });
});
