/** The repository stands alone: no file points at material a clone does not have (notes or a
 *  style guide kept next to the repository, a tracker's issue numbers, paths of one machine).
 *  Cite Istio, Envoy or Gateway API sources, or the repository's own docs, instead. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// Built from pieces so that this file does not match itself.
const FORBIDDEN: [RegExp, string][] = [
  [new RegExp(['\\.\\./', 'shared'].join('')), 'a folder outside the repository'],
  [new RegExp(['shared', '/notes'].join('')), 'notes outside the repository'],
  [new RegExp(['STYLE', '\\.md'].join('')), 'a style guide outside the repository'],
  [new RegExp(['\\bissues?', ' ?#?[0-9]+\\b'].join(''), 'i'), 'an issue number'],
  [new RegExp(['/work', '/(main|wt-|shared)'].join('')), 'a path of one machine'],
];

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', '.vscode-test']);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = dir === '.' ? e.name : join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : walk(p);
    return e.isFile() ? [p] : [];
  });
}

/** The files of the repository: git's list when this is a clone, else every file under the root. */
function repositoryFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z'], { encoding: 'utf8' });
  if (git.status === 0 && git.stdout) return git.stdout.split('\0').filter(Boolean);
  return walk('.');
}

/** Every line of a text file that matches a forbidden pattern, as `file:line: why: text`. */
export function outsideReferences(file: string, text: string): string[] {
  if (text.includes('\0')) return []; // binary
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [re, why] of FORBIDDEN) if (re.test(line)) out.push(`${file}:${i + 1}: ${why}: ${line.trim().slice(0, 120)}`);
  });
  return out;
}

describe('the repository stands alone', () => {
  it('finds a reference to outside material when there is one', () => {
    const samples = ['see ../' + 'shared/x', 'shared/' + 'notes/cli.md', 'STYLE' + '.md §3', 'fixed in issue' + ' 7', 'Issue' + ' #12', '/work' + '/main/x'];
    for (const s of samples) assert.equal(outsideReferences('x.ts', s).length, 1, s);
    assert.deepEqual(outsideReferences('x.ts', 'rule #2 is never used; see docs/cli-json.md and istio/istio pilot/pkg/model/config.go'), []);
  });

  it('no tracked file refers to material outside the repository', () => {
    const files = repositoryFiles().filter((f) => f !== 'package-lock.json' && !/\.(png|jpg|gif|ico|vsix)$/.test(f));
    assert.ok(files.length > 100, `only ${files.length} files found: not the repository root?`);
    const found = files.flatMap((f) => {
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch {
        return []; // listed by git but deleted in the work tree
      }
      return outsideReferences(f, text);
    });
    assert.deepEqual(found, []);
  });
});
