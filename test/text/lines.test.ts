/** The line around an offset, found locally (server/src/core/text/lines.ts), is the line LineIndex
 *  gives for it, with every kind of line break. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { lineStartAt, nextLineStart } from '../../server/src/core/text/lines';

describe('the line around an offset', () => {
  it('starts and ends where LineIndex says, over random texts with \\n, \\r\\n and lone \\r', () => {
    const text = fc.array(fc.constantFrom('a', ' ', '-', '\n', '\r', '\r\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, fc.nat(), (t, n) => {
      const offset = n % (t.length + 1);
      const idx = new LineIndex(t);
      const { line } = idx.positionAt(offset);
      assert.equal(lineStartAt(t, offset), idx.lineStart(line));
      assert.equal(nextLineStart(t, offset), line + 1 < idx.lineCount ? idx.lineStart(line + 1) : undefined);
    }), { numRuns: 2000, seed: 7 });
  });
});

describe('the line index after an edit that writes a carriage return', () => {
  it('counts the new line breaks in a text that had none, and after one is removed', () => {
    const texts = ['a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 2\rx\nc: 3\n', 'a: 1\nb: 2\r\nc: 3\n', 'a: 1\nb: 2\nc: 3\n'];
    let index = new LineIndex(texts[0]);
    for (const text of texts.slice(1)) {
      index = LineIndex.afterEdit(index, text);
      const fresh = new LineIndex(text);
      assert.equal(index.lineCount, fresh.lineCount, JSON.stringify(text));
      for (let line = 0; line < fresh.lineCount; line++) assert.equal(index.lineStart(line), fresh.lineStart(line), JSON.stringify(text));
    }
  });
});
