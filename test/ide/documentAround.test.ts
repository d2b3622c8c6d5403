/** Completion finds the YAML document around the cursor without splitting the whole file; it must cut
 *  exactly where splitDocuments (core/yaml/documents.ts) cuts, for every offset. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { documentAround } from '../../server/src/core/ide/completionContext';
import { splitDocuments } from '../../server/src/core/yaml/documents';

function expected(text: string, offset: number) {
  const c = [...splitDocuments(text)].reverse().find((x) => x.base <= offset) ?? { base: 0, text };
  return { base: c.base, text: c.text };
}

describe('documentAround', () => {
  it('agrees with splitDocuments on markers, end markers, comments after markers and CRLF', () => {
    const texts = ['a: 1\n---\nb: 2\n...\nc: 3\n--- \nd: 4', '---\na: 1\n---\n', '', 'x: 1', 'a\n...\n...\nb\n---x\nc', '--- # c\na: 1\r\n---\r\nb: 2\r\n'];
    for (const t of texts) for (let o = 0; o <= t.length; o++) assert.deepEqual(documentAround(t, o), expected(t, o), JSON.stringify({ t, o }));
  });

  it('agrees with splitDocuments on generated texts', () => {
    const line = fc.constantFrom('---', '...', '--- x', '---x', 'a: 1', '  - b', '', '# ---', '....');
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), fc.nat(), (lines, n) => {
      const text = lines.join('\n');
      const o = text.length ? n % (text.length + 1) : 0;
      assert.deepEqual(documentAround(text, o), expected(text, o));
    }), { numRuns: 2000 });
  });
});
