/** The README a user reads (and the extension's details tab shows): its quoted answers are what
 *  the bundled example really gives, it opens with what the tool does rather than how to build it,
 *  and its test command is the one CI runs. (`npm test` builds dist/ first.) */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inlineText } from '../../client/src/simulate/format';
import type { Simulation } from '../../client/src/simulate/protocol';
import { codeLenses } from '../../server/src/core/ide/codeLens';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const README = readFileSync('README.md', 'utf8');

function cli(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Whether `expected` (lines, with `…` standing for lines left out) is what `actual` says. */
function matchesWithGaps(expected: string[], actual: string[]): boolean {
  const parts: string[][] = [[]];
  for (const l of expected) if (l.trim() === '…') parts.push([]); else parts[parts.length - 1].push(l);
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    let found = -1;
    for (let k = at; k + part.length <= actual.length; k++) {
      if (i === 0 && k > 0) break;
      if (last && k + part.length !== actual.length) continue;
      if (part.every((l, j) => actual[k + j] === l)) { found = k; break; }
    }
    if (found < 0) return false;
    at = found + part.length;
  }
  return true;
}

describe('the README', () => {
  it('quotes what `istio-lens` really prints for the example commands', () => {
    const blocks = [...README.matchAll(/^```console\n([\s\S]*?)^```/gm)].map((m) => m[1].replace(/\n$/, '').split('\n'));
    assert.ok(blocks.length > 0, 'the README shows a command with its output');
    for (const [cmd, ...output] of blocks) {
      assert.match(cmd, /^\$ istio-lens /);
      const r = cli(cmd.slice('$ istio-lens '.length).split(/\s+/));
      assert.equal(r.status, 0, r.out);
      const actual = r.out.replace(/\n$/, '').split('\n');
      assert.ok(matchesWithGaps(output, actual), `README's output of \`${cmd}\` differs from today's:\n${r.out}`);
    }
  });

  it('quotes the extension\'s inline answer that examples/hello really gives', () => {
    const m = /in\s+`(examples\/hello)`, the lens offers\s+`([A-Z]+) (\S+)((?: --[a-z-]+ \S+)*)` and answers after\s+the route `(◀[^`]+)`/.exec(README);
    assert.ok(m, 'the README says what Simulate Request answers for examples/hello');
    const [, folder, method, url, flags, quoted] = m;
    const files = ['workload.yaml', 'case5.yaml'].map((f) => [`${folder}/${f}`, readFileSync(`${folder}/${f}`, 'utf8')] as [string, string]);
    const lens = codeLenses(buildSnapshot(files), `${folder}/case5.yaml`).find((l) => l.simulate);
    assert.equal(lens?.simulate?.commandLine, `${method} ${url}${flags}`, 'the request is the one the lens offers');
    const r = cli(['simulate', folder, '-X', method, '--url', url, ...flags.trim().split(/\s+/), '--json']);
    assert.equal(r.status, 0, r.out);
    assert.equal(quoted, inlineText(JSON.parse(r.out) as Simulation));
  });

  it('opens with what the tool does and how to use the extension, not with building it', () => {
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((h) => h[1]);
    assert.equal(headings[0], 'In VS Code', 'the details tab starts with the extension');
    const firstScreen = README.slice(0, README.indexOf('\n## '));
    assert.doesNotMatch(firstScreen, /\bnpm\b|dist\//);
    const install = README.slice(README.indexOf('\n## Install'));
    assert.match(install, /npm install --global \.\/istio-lens-\*\.tgz/);
    assert.match(install, /code --install-extension istio-lens\.vsix/);
  });

  it('documents exit codes 0 to 3', () => {
    for (const row of [/^\| 0 \|/m, /^\| 1 \|/m, /^\| 2 \|/m, /^\| 3 \|/m]) assert.match(README, row);
  });

  it('gives the test command CI runs', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    assert.match(ci, /^npm ci\b/m);
    assert.match(ci, /^npm test$/m);
    assert.match(README, /^npm ci && npm test$/m);
  });

  it('explains its examples itself: no article or "seed" the repository does not hold', () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const texts = ['README.md', 'CONTRIBUTING.md', ...walk('examples'), ...walk('docs')].filter((f) => /\.(md|ya?ml)$/.test(f));
    const hits = texts.flatMap((f) => readFileSync(f, 'utf8').split('\n').map((l, i) => `${f}:${i + 1}: ${l}`))
      .filter((l) => /\barticle\b|\bthe seed\b|\bseed's\b|\bseed cases?\b/i.test(l));
    assert.deepEqual(hits, []);
  });
});
