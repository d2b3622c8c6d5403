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
});
