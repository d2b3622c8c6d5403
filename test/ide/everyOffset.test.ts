/** Editor features never throw (docs/architecture.md): every feature at every offset of the seed files, and of
 *  every prefix of them (the states a document goes through while it is typed). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { codeLenses } from '../../server/src/core/ide/codeLens';
import { complete } from '../../server/src/core/ide/completion';
import { definition } from '../../server/src/core/ide/definition';
import { hover } from '../../server/src/core/ide/hover';
import { inlayHints } from '../../server/src/core/ide/inlayHints';
import { references } from '../../server/src/core/ide/references';
import { commandLineAt } from '../../server/src/core/ide/simulateCommandLine';
import { documentSymbols } from '../../server/src/core/ide/symbols';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const CASE5 = readFileSync('examples/hello/case5.yaml', 'utf8');
const CASE3 = readFileSync('examples/hello-cases/case3/vs-hello.yaml', 'utf8');

function everything(text: string, offsets: Iterable<number>): number {
  const snap = buildSnapshot([['w.yaml', WORKLOAD], ['f.yaml', text]]);
  let answers = 0;
  documentSymbols(snap, 'f.yaml');
  codeLenses(snap, 'f.yaml');
  inlayHints(snap, 'f.yaml', { start: 0, end: text.length });
  for (const o of offsets) {
    answers += complete(snap, text, o).length;
    if (hover(snap, 'f.yaml', o)) answers++;
    hover(snap, 'f.yaml', o, `${text}\n# typed since the snapshot`);
    answers += definition(snap, 'f.yaml', o).length + references(snap, 'f.yaml', o, true).length;
    commandLineAt(snap, 'f.yaml', o);
  }
  return answers;
}

describe('editor features at every offset', () => {
  for (const [name, text] of [['case5', CASE5], ['case3', CASE3]] as const) {
    it(`${name}: every offset of the file`, () => {
      assert.ok(everything(text, Array.from({ length: text.length + 1 }, (_, i) => i)) > 100);
    });
    it(`${name}: every prefix, at its end`, () => {
      for (let n = 0; n <= text.length; n += 3) everything(text.slice(0, n), [n]);
    });
  }
});
