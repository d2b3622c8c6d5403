/** "An edit re-parses only the documents it touches". reparseFile splits a file again only
 *  around the change; over random edits (markers `---` and `...` made and broken, byte order marks,
 *  templates, broken YAML) it must give exactly what parseFile gives for the new text. The same for
 *  the line index that turns offsets into editor positions, taken over from the previous version. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../server/src/core/routing/sample';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { parseFile, reparseFile, type SourceFile } from '../../server/src/core/yaml/parse';

const PIECES = [
  '---\n', '--- # next\n', '...\n', '---', '--', '-', '.', '\n', ' ', 'a: 1\n', 'kind: Service\n', 'b: [1, 2\n', '  - x\n',
  '\uFEFF', '{{ .Values.x }}\n', '----\n', '"unclosed\n', 'key: value # c\n', 'spec:\n  hosts:\n  - a\n',
];

function view(f: SourceFile) {
  return {
    documents: f.documents.map((d) => ({ base: d.base, index: d.index, text: d.text, isTemplate: d.isTemplate, errors: d.doc.errors.length })),
    problems: f.problems,
  };
}

describe('re-parsing an edited file around the change', () => {
  it('equals a fresh parse over 3,000 random edits in chains', () => {
    const rnd = seededRandom(6);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    for (let chain = 0; chain < 100; chain++) {
      let text = Array.from({ length: 5 + Math.floor(rnd() * 30) }, () => pick(PIECES)).join('');
      let previous = parseFile('f.yaml', text);
      for (let step = 0; step < 30; step++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const cut = Math.min(text.length - at, Math.floor(rnd() * 6));
        const insert = rnd() < 0.3 ? '' : Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(PIECES)).join('');
        text = text.slice(0, at) + insert + text.slice(at + cut);
        const again = reparseFile(previous, text);
        const fresh = parseFile('f.yaml', text);
        assert.deepEqual(view(again), view(fresh), `chain ${chain}, step ${step}: ${JSON.stringify(text)}`);
        // The parse cache hands out one parsed document per text: a kept one is that same document.
        again.documents.forEach((d, i) => assert.equal(d.doc, fresh.documents[i].doc));
        previous = again;
      }
    }
  });

  it('keeps the documents before and after a one-character edit as they were (moved, not parsed again)', () => {
    const docs = Array.from({ length: 50 }, (_, i) => `kind: Service\nmetadata:\n  name: s${i}\n`);
    const before = parseFile('f.yaml', docs.join('---\n'));
    const at = before.documents[25].base + '---\nkind: Service\nmetadata:\n  name: s'.length;
    const after = reparseFile(before, `${before.text.slice(0, at)}x${before.text.slice(at)}`);
    assert.equal(after.documents.length, 50);
    for (let i = 0; i < 50; i++) {
      if (i === 25) continue;
      assert.equal(after.documents[i].doc, before.documents[i].doc, `document ${i} is the same parsed document`);
      assert.equal(after.documents[i].base, before.documents[i].base + (i > 25 ? 1 : 0));
    }
    assert.equal(after.documents[24], before.documents[24], 'documents before the edit are the same objects');
    assert.match(after.documents[25].text, /name: sx25/);
  });

  it('keeps the parse of a replaced document for an undo, but not of every version ever typed', () => {
    // Each version of an edited document used to stay in the parse cache (with its lowering) until
    // the cache was full: memory grew with every keystroke of a long session.
    const file = (name: string) => `kind: Service\nmetadata:\n  name: keep\n---\nkind: Service\nmetadata:\n  name: ${name}\n`;
    const first = parseFile('undo.yaml', file('a0'));
    const original = first.documents[1].doc;
    const edited = reparseFile(first, file('a0x'));
    const undone = reparseFile(edited, file('a0'));
    assert.equal(undone.documents[1].doc, original, 'an undo finds the replaced parse');
    assert.equal(undone.documents[0].doc, first.documents[0].doc);
    let f = undone;
    const versions = [original];
    for (let i = 1; i <= 100; i++) versions.push((f = reparseFile(f, file(`a${i}`))).documents[1].doc);
    assert.equal(reparseFile(f, file('a99')).documents[1].doc, versions[99], 'the last versions are kept');
    assert.notEqual(reparseFile(f, file('a0')).documents[1].doc, original, 'a hundred versions later it is parsed again');
  });

  it('a large file shrunk to a refusal and back is parsed from scratch', () => {
    const small = parseFile('f.yaml', 'a: 1\n---\nb: 2\n');
    const binary = reparseFile(small, 'a: 1\n\0\0\0\n');
    assert.deepEqual(view(binary), view(parseFile('f.yaml', 'a: 1\n\0\0\0\n')));
    assert.deepEqual(view(reparseFile(binary, 'a: 1\n---\nb: 2\n')), view(small));
  });
});

describe('the line index after an edit', () => {
  it('equals a fresh index over 3,000 random edits in chains, carriage returns and edits that keep the length included', () => {
    const rnd = seededRandom(7);
    const pieces = ['\n', 'ab', '\n\n', 'x: 1\n', '\r\n', '\r', 'long line of text '.repeat(3)];
    const pick = () => pieces[Math.floor(rnd() * pieces.length)];
    for (let chain = 0; chain < 100; chain++) {
      const crlf = chain % 5 === 0;
      const piece = () => (crlf ? pick() : pick().replace(/\r/g, ''));
      let text = Array.from({ length: 40 }, piece).join('');
      let index = new LineIndex(text);
      for (let step = 0; step < 30; step++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const cut = Math.min(text.length - at, Math.floor(rnd() * 8));
        // A third of the edits keep the length (a value typed over), with or without line breaks.
        const over = () => Array.from({ length: cut }, () => (rnd() < 0.2 ? '\n' : 'z')).join('');
        text = text.slice(0, at) + (rnd() < 0.33 ? over() : rnd() < 0.3 ? '' : piece()) + text.slice(at + cut);
        index = LineIndex.afterEdit(index, text);
        const fresh = new LineIndex(text);
        assert.equal(index.lineCount, fresh.lineCount, JSON.stringify(text));
        for (let line = 0; line < fresh.lineCount; line++) assert.equal(index.lineStart(line), fresh.lineStart(line), `line ${line} of ${JSON.stringify(text)}`);
      }
    }
  });
});
