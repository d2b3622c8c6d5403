/** Positions: offsets are UTF-16 code units (JavaScript strings, LSP's default
 *  `positionEncoding` utf-16: https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocuments),
 *  right with emoji (two units) and Korean (one unit) in comments and values, and with CRLF. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { keySpanAt, spanAt } from '../../server/src/core/model/resource';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { parseFile } from '../../server/src/core/yaml/parse';
import { cli, workspace } from '../helpers/workspace';

const unit = fc.constantFrom('a', ':', ' ', '한', '글', '😀', '🇰🇷', '\n', '\r', '\r\n', '\t', 'é', 'e\u0301');
const text = fc.string({ unit, maxLength: 60 });

/** Offsets an editor can produce: not between the \r and \n of a CRLF. */
function editorOffsets(t: string): number[] {
  return [...Array(t.length + 1).keys()].filter((o) => !(t[o - 1] === '\r' && t[o] === '\n'));
}

describe('LineIndex agrees with the LSP reference implementation (vscode-languageserver-textdocument)', () => {
  it('positionAt for every offset, and back', () => {
    fc.assert(fc.property(text, (t) => {
      const idx = new LineIndex(t);
      const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, t);
      for (const o of editorOffsets(t)) {
        assert.deepEqual(idx.positionAt(o), doc.positionAt(o), `offset ${o} of ${JSON.stringify(t)}`);
        assert.equal(idx.offsetAt(idx.positionAt(o)), o);
      }
    }), { seed: 7, numRuns: 500 });
  });

  it('offsetAt for every position inside a line', () => {
    fc.assert(fc.property(text, (t) => {
      const idx = new LineIndex(t);
      const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, t);
      const lines = t.split(/\r\n|\r|\n/);
      lines.forEach((l, line) => {
        for (let character = 0; character <= l.length; character++) assert.equal(idx.offsetAt({ line, character }), doc.offsetAt({ line, character }));
      });
    }), { seed: 8, numRuns: 500 });
  });

  // Owner: core/text. LSP: "If the character value is greater than the line length it defaults back
  // to the line length"; LineIndex clamps to the start of the next line instead (after the EOL).
  it('a character past the end of a line clamps to the end of that line', () => {
    const idx = new LineIndex('ab\ncd');
    assert.equal(idx.offsetAt({ line: 0, character: 5 }), 2);
    assert.deepEqual(new LineIndex('\r\n').positionAt(1), { line: 0, character: 0 });
  });
});

const FILE = [
  '# 서비스 설명 🚀🚀 — comment with Korean and emoji',
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: { name: vs, annotations: { 설명: "😀 안녕" } }',
  'spec:',
  '  hosts: [svc-hello]  # 호스트 👍',
  '  http:',
  '  - name: "🚀 경로"',
  '    match: [{ headers: { x-이름: { exact: "👨‍👩‍👧 가족" } } }]',
  '    route: [{ destination: { host: svc-hello } }]',
  '',
].join('\n');

describe('spans from core/yaml/locate.ts with emoji and Korean', () => {
  const snap = workspace(FILE);
  const vs = snap.virtualServices[0];
  const idx = new LineIndex(FILE);
  const pos = (o: number) => `${idx.positionAt(o).line}:${idx.positionAt(o).character}`;

  it('a value after emoji on the same line starts at its UTF-16 column', () => {
    const s = spanAt(vs.meta, ['spec', 'http', 0, 'match', 0, 'headers', 'x-이름', 'exact']);
    assert.equal(FILE.slice(s.start, s.end), '"👨‍👩‍👧 가족"');
    // `    match: [{ headers: { x-이름: { exact: ` is 40 units; the family emoji is 8 units (5 code points).
    assert.equal(pos(s.start), '8:40');
    assert.equal(pos(s.end), '8:53');
  });

  it('a Korean key and an emoji value', () => {
    const k = keySpanAt(vs.meta, ['metadata', 'annotations', '설명']);
    assert.deepEqual([FILE.slice(k.start, k.end), pos(k.start)], ['설명', '3:37']);
    const v = spanAt(vs.meta, ['metadata', 'annotations', '설명']);
    assert.deepEqual([FILE.slice(v.start, v.end), pos(v.start), pos(v.end)], ['"😀 안녕"', '3:41', '3:48']);
  });

  it('a value before a trailing comment with emoji ends before the comment', () => {
    const s = spanAt(vs.meta, ['spec', 'hosts', 0]);
    assert.deepEqual([FILE.slice(s.start, s.end), pos(s.start), pos(s.end)], ['svc-hello', '5:10', '5:19']);
  });

  it('a YAML error after emoji is reported at its UTF-16 column', () => {
    const bad = '# 😀😀\nx: { 😀😀: 1, 😀😀: 2 }\n';
    const f = parseFile('bad.yaml', bad);
    assert.deepEqual(f.problems.map((p) => [p.message, new LineIndex(bad).positionAt(p.span.start)]), [
      ['YAML: Map keys must be unique', { line: 1, character: 14 }], // 12 in code points
    ]);
  });
});

describe('the CLI reports 1-based lines with Korean, emoji and CRLF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'istio-lens-positions-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: svc-hello }\nspec: { ports: [{ port: 80, name: http }] }\n---\n';

  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n']]) {
    it(`${name}: the VirtualService line and the trace lines point at the right lines`, () => {
      const file = join(dir, `vs-${name}.yaml`);
      writeFileSync(file, (service + FILE).split('\n').join(eol));
      const r = cli(['simulate', file, '--url', 'http://svc-hello/', '-H', 'x-이름: 👨‍👩‍👧 가족', '--json']);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.httpRouteIndex, 0);
      // Lines 1-5 are the Service and `---`; the comment is line 6; apiVersion is line 7.
      assert.equal(out.virtualService.line, 7);
      const hostStep = out.trace.find((s: { message: string }) => /applies to svc-hello/.test(s.message));
      assert.equal(hostStep.line, 11, JSON.stringify(out.trace));
    });
  }
});
