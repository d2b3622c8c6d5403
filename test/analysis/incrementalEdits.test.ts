/** What an edit changed, as the language server sees it (server/src/core/analysis/changes.ts): the
 *  documents between the unchanged ones at both ends of the file, less those only moved. Followed
 *  through the server's own path (the file re-parsed around the change, server/src/lsp/workspaceState.ts),
 *  incremental analysis must still say exactly what analyze() says: with repeated documents, several
 *  edits at once and documents cut and pasted. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze, type Finding } from '../../server/src/core/analysis';
import { Change, DocumentMap } from '../../server/src/core/analysis/changes';
import { IncrementalAnalysis } from '../../server/src/core/analysis/incremental';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { WorkspaceState } from '../../server/src/lsp/workspaceState';
import { splitFixture } from '../helpers/workspace';

const canonical = (findings: Finding[]) => findings.map((f) => JSON.stringify(f)).sort();

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Documents of several analyzers' fixtures, each starting with `---` (so that any of them may move
 *  anywhere and keep its text), some of them twice. */
function documents(): string[] {
  const out: string[] = [];
  for (const dir of ['virtualservice.destinationSubsets', 'file.duplicateResources', 'virtualservice.conflictingMeshHosts', 'destinationrule.subsetPods', 'virtualservice.jwtClaimRoutes', 'file.yamlProblems']) {
    const text = readFileSync(`test/analysis/fixtures/${dir}/invalid.yaml`, 'utf8');
    for (const [, file] of splitFixture(text)) {
      for (const d of file.split(/^---[^\n]*\n/m)) if (d.trim()) out.push(`---\n${d.endsWith('\n') ? d : `${d}\n`}`);
    }
  }
  return [...out, ...out.slice(0, 4)];
}

const CHARS = ['x', '1', ' ', ':', '-', '\n', 'a'];

/** One or more changes of the document list, or of characters at one or two places. */
function edit(docs: string[], rnd: () => number): string[] {
  const pick = () => Math.floor(rnd() * docs.length);
  const at = (d: string) => Math.floor(rnd() * d.length);
  const next = [...docs];
  switch (Math.floor(rnd() * 6)) {
    case 0: { // a character in one document
      const i = pick();
      const p = Math.max(4, at(next[i]));
      next[i] = next[i].slice(0, p) + CHARS[Math.floor(rnd() * CHARS.length)] + next[i].slice(p + 1);
      return next;
    }
    case 1: { // characters in two documents at once (one analysis for both)
      for (const i of [pick(), pick()]) {
        const p = Math.max(4, at(next[i]));
        next[i] = next[i].slice(0, p) + CHARS[Math.floor(rnd() * CHARS.length)] + next[i].slice(p);
      }
      return next;
    }
    case 2: { // a document cut and pasted elsewhere
      const [moved] = next.splice(pick(), 1);
      next.splice(Math.floor(rnd() * (next.length + 1)), 0, moved);
      return next;
    }
    case 3: // a document copied
      next.splice(pick(), 0, next[pick()]);
      return next;
    case 4: // a document deleted
      if (next.length > 2) next.splice(pick(), 1);
      return next;
    default: // two documents swapped
      {
        const [i, j] = [pick(), pick()];
        [next[i], next[j]] = [next[j], next[i]];
      }
      return next;
  }
}

describe('incremental analysis of edits made through the language server', () => {
  it('equals analyze() over random edits of one file with repeated and moved documents', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = prng(seed * 104729);
      const ws = new WorkspaceState();
      const inc = new IncrementalAnalysis();
      let docs = documents();
      for (let step = 0; step < 25; step++) {
        ws.setText('file:///w/mesh.yaml', docs.join(''));
        ws.setText('file:///w/other.yaml', docs.slice(0, 3).join(''));
        const snap = ws.snapshot();
        assert.deepEqual(canonical(inc.analyze(snap)), canonical(analyze(snap)), `seed ${seed}, step ${step}`);
        docs = edit(docs, rnd);
      }
    }
  });
});

describe('the documents an edit changed', () => {
  const vs = (i: number, host = `h${i}`) => `---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs${i}\nspec:\n  hosts: [${host}]\n`;
  const base = Array.from({ length: 30 }, (_, i) => vs(i));
  const compare = (before: string[], after: string[]) => {
    const ws = new WorkspaceState();
    ws.setText('a.yaml', before.join(''));
    const old = ws.snapshot();
    ws.setText('a.yaml', after.join(''));
    return { change: new Change(new DocumentMap(old), ws.snapshot(), old), old, now: ws.snapshot() };
  };
  const spanOf = (snap: ReturnType<typeof buildSnapshot>, name: string) => {
    const r = snap.virtualServices.find((v) => v.meta.name === name)!;
    const d = r.meta.origin.document;
    return { start: d.base + 4, end: d.base + d.text.length };
  };

  it('are those between the unchanged ends: the others keep their places, moved by the change in length', () => {
    const after = [...base];
    after[10] = vs(10, 'a-much-longer-host');
    const { change, old, now } = compare(base, after);
    assert.deepEqual([...change.changedResources].map((r) => r.meta.name), ['vs10']);
    assert.deepEqual([...change.changedKinds], ['VirtualService']);
    assert.equal(change.otherDocumentChanged, false);
    assert.deepEqual(change.follow('a.yaml', spanOf(old, 'vs5')), spanOf(now, 'vs5'));
    assert.deepEqual(change.follow('a.yaml', spanOf(old, 'vs20')), spanOf(now, 'vs20'));
    assert.notDeepEqual(spanOf(old, 'vs20'), spanOf(now, 'vs20'));
    assert.equal(change.follow('a.yaml', spanOf(old, 'vs10')), undefined);
  });

  it('leave out a document cut and pasted elsewhere, which moves with its text', () => {
    const after = [...base];
    const [moved] = after.splice(3, 1);
    after.splice(25, 0, moved);
    const { change, old, now } = compare(base, after);
    assert.deepEqual([...change.changedResources], []);
    assert.deepEqual(change.follow('a.yaml', spanOf(old, 'vs3')), spanOf(now, 'vs3'));
    assert.deepEqual(change.follow('a.yaml', spanOf(old, 'vs10')), spanOf(now, 'vs10'));
  });

  it('are found document by document in a file whose documents repeat', () => {
    const repeated = [...base, ...base];
    const after = [...repeated];
    after[40] = vs(10, 'changed');
    const { change } = compare(repeated, after);
    // The first copy of vs10 stays; the second changed.
    assert.deepEqual([...change.changedResources].map((r) => [r.meta.name, r.meta.origin.document.index]), [['vs10', 40]]);
  });
});
