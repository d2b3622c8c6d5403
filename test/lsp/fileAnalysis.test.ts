/** Incremental re-analysis of an edited file gives what a fresh analyzeFile gives (resources, their
 *  spans, problems), for edits inside a document, edits that move later documents, and duplicates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateMesh } from '../../bench/generate';
import { spanAt } from '../../server/src/core/model/resource';
import { analyzeFile, DEFAULT_OPTIONS, type FileResult } from '../../server/src/core/workspace/snapshot';
import { analyzeFileIncrementally } from '../../server/src/lsp/fileAnalysis';

function same(actual: FileResult, expected: FileResult): void {
  assert.equal(actual.resources.length, expected.resources.length);
  actual.resources.forEach((r, i) => {
    const e = expected.resources[i];
    assert.equal(`${r.kind}/${r.meta.namespace}/${r.meta.name}`, `${e.kind}/${e.meta.namespace}/${e.meta.name}`);
    assert.deepEqual(spanAt(r.meta, ['metadata', 'name']), spanAt(e.meta, ['metadata', 'name']));
    assert.deepEqual(spanAt(r.meta, ['spec']), spanAt(e.meta, ['spec']));
    // A moved resource's metadata is rebuilt field by field: every field is still there.
    const { origin, ...fields } = r.meta;
    const { origin: expectedOrigin, ...expectedFields } = e.meta;
    assert.deepEqual(fields, expectedFields);
    assert.deepEqual(origin.prefix, expectedOrigin.prefix);
    assert.ok(actual.source.documents.includes(r.meta.origin.document), 'a resource points at a document of the file');
  });
  assert.deepEqual(actual.problems.map((p) => [p.code, p.span]), expected.problems.map((p) => [p.code, p.span]));
}

describe('incremental file analysis', () => {
  const base = generateMesh(60).text;
  const mid = base.indexOf('kind: VirtualService', base.length / 2);
  const edits: [string, string][] = [
    ['one character inside a document', base.slice(0, mid + 6) + base.slice(mid + 7)],
    ['lines inserted above later documents', base.slice(0, mid) + 'x: [1, 2\n\n' + base.slice(mid)],
    ['a document duplicated', base + '---\n' + base.slice(0, base.indexOf('---'))],
    ['a document removed at the start', base.slice(base.indexOf('---') + 4)],
  ];
  for (const [name, text] of edits) {
    it(name, () => {
      const first = analyzeFileIncrementally('f.yaml', base, DEFAULT_OPTIONS);
      const second = analyzeFileIncrementally('f.yaml', text, DEFAULT_OPTIONS, first.source);
      same(second, analyzeFile('f.yaml', text, DEFAULT_OPTIONS));
      // And back: the re-based documents are re-based again correctly.
      same(analyzeFileIncrementally('f.yaml', base, DEFAULT_OPTIONS, second.source), analyzeFile('f.yaml', base, DEFAULT_OPTIONS));
      // Without the previous parse (a file read again from disk) the lowerings are still found.
      same(analyzeFileIncrementally('f.yaml', text, DEFAULT_OPTIONS), analyzeFile('f.yaml', text, DEFAULT_OPTIONS));
    });
  }

  it('gives what analyzeFile gives over a chain of random edits, those that keep the length among them', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    // Documents whose lowering reports a problem (an alias inside the node it names), among the others.
    const cyclic = 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: c\n  self: *m\n';
    const mesh = generateMesh(40).text.split(/^(?=---$)/m);
    let text = [...mesh.slice(0, 10), `---\n${cyclic}`, ...mesh.slice(10, 30), `---\n${cyclic}`, ...mesh.slice(30)].join('');
    assert.equal(analyzeFile('f.yaml', text, DEFAULT_OPTIONS).problems.length, 2);
    let last = analyzeFileIncrementally('f.yaml', text, DEFAULT_OPTIONS);
    for (let step = 0; step < 60; step++) {
      const at = Math.floor(rnd() * text.length);
      const docs = text.split(/^(?=---$)/m);
      const d = Math.floor(rnd() * docs.length);
      switch (Math.floor(rnd() * 5)) {
        case 0: // one character replaced: the length is kept, later documents stay where they were
        case 1:
          text = text.slice(0, at) + 'xy1: -'[Math.floor(rnd() * 6)] + text.slice(at + 1);
          break;
        case 2:
          text = text.slice(0, at) + '\n' + text.slice(at);
          break;
        case 3:
          text = docs.filter((_, i) => i !== d).join('');
          break;
        default:
          text = [...docs.slice(0, d + 1), docs[d].startsWith('---') ? docs[d] : `---\n${docs[d]}`, ...docs.slice(d + 1)].join('');
      }
      last = analyzeFileIncrementally('f.yaml', text, DEFAULT_OPTIONS, last.source);
      same(last, analyzeFile('f.yaml', text, DEFAULT_OPTIONS));
    }
  });
});
