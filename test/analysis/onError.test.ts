/** An analyzer that throws loses its own findings only (including those it reported before it
 *  threw), the analyzers before and after it still report, and the caller hears which one failed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analyzer } from '../../server/src/core/analysis/analyzer';
import { runAnalyzers } from '../../server/src/core/analysis/analyzer';
import { IncrementalAnalysis } from '../../server/src/core/analysis/incremental';
import { message, T } from '../../server/src/core/analysis/messages';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

/** Reports one finding on every VirtualService, with `text` as its message. */
function reporting(name: string, text: string): Analyzer {
  return {
    name, reads: ['VirtualService'],
    run(ctx) {
      for (const vs of ctx.all('VirtualService')) ctx.report(message(T.singleWeight, text), vs.meta, ['metadata', 'name']);
    },
  };
}

/** Reports like `reporting`, then throws: what it reported must not survive. */
const broken: Analyzer = {
  name: 'test.broken', reads: ['VirtualService'],
  run(ctx) {
    reporting('test.partial', 'partial finding of the broken analyzer').run(ctx);
    throw new Error('boom');
  },
};

const analyzers = [reporting('test.before', 'from the analyzer before'), broken, reporting('test.after', 'from the analyzer after')];

describe('analyzer failures', () => {
  const snap = buildSnapshot([['vs.yaml', 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: a }\nspec: { hosts: [a] }\n']]);

  it('runAnalyzers keeps the other analyzers\' findings, drops the broken one\'s, and reports its error', () => {
    const heard: string[] = [];
    const findings = runAnalyzers(snap, analyzers, {}, (name, e) => heard.push(`${name}: ${(e as Error).message}`));
    assert.deepEqual(heard, ['test.broken: boom']);
    assert.deepEqual(findings.map((f) => f.message), ['from the analyzer before', 'from the analyzer after']);
  });

  it('the incremental analysis does the same and reports it through options.onError', () => {
    const heard: string[] = [];
    const findings = new IncrementalAnalysis(analyzers).analyze(snap, { onError: (name) => heard.push(name) });
    assert.deepEqual(heard, ['test.broken']);
    assert.deepEqual(findings.map((f) => f.message).sort(), ['from the analyzer after', 'from the analyzer before']);
  });
});
