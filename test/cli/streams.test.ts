/** Standard input and pipes: `-` as a path for check, simulate and test; `helm template` output read
 *  one file per template (its `# Source:` comments); the size limit applied while a pipe is read. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BROKEN_VS, cliIn } from './run';

/** `helm template` output: `---`, `# Source: CHART/templates/FILE`, the rendered document
 *  (helm/helm pkg/action/action.go, renderResources). */
function rendered(docs: [string, string][]): string {
  return docs.map(([source, doc]) => `---\n# Source: ${source}\n${doc}\n`).join('');
}

describe('standard input', () => {
  it('check - reads the YAML from standard input and names it <stdin>', () => {
    const r = cliIn(['check', '-', '--json'], BROKEN_VS);
    assert.equal(r.status, 1, r.stderr);
    const d = JSON.parse(r.stdout).diagnostics;
    assert.deepEqual(d.map((x: { file: string; code: string; range: { start: { line: number } } }) => [x.file, x.code, x.range.start.line]), [['<stdin>', 'IST0101', 17]]);
  });

  it('check - with helm template output points at the template and the line inside its document', () => {
    const [svc, dr, vs] = BROKEN_VS.split('---\n');
    const input = rendered([['shop/templates/service.yaml', svc.trim()], ['shop/templates/dr.yaml', dr.trim()], ['shop/templates/vs.yaml', vs.trim()]]);
    const r = cliIn(['check', '-', '--json'], input);
    assert.equal(r.status, 1, r.stderr);
    const d = JSON.parse(r.stdout).diagnostics;
    // vs.yaml line 8 (0-based 7) is `- destination: {host: reviews, subset: v3}` in the rendered document.
    assert.deepEqual(d.map((x: { file: string; code: string; range: { start: { line: number } } }) => [x.file, x.code, x.range.start.line]), [['shop/templates/vs.yaml', 'IST0101', 7]]);
    const text = cliIn(['check', '-'], input);
    assert.match(text.stdout, /^shop\/templates\/vs\.yaml:8:\d+ error IST0101 /);
  });

  it('two documents of one template follow each other in that template\'s file', () => {
    const [svc, dr, vs] = BROKEN_VS.split('---\n');
    const input = rendered([['c/templates/all.yaml', svc.trim()], ['c/templates/all.yaml', dr.trim()], ['c/templates/all.yaml', vs.trim()]]);
    const d = JSON.parse(cliIn(['check', '-', '--json'], input).stdout).diagnostics;
    // 4 + `---` + 4 + `---` lines before the VirtualService; its destination is its 8th line.
    assert.deepEqual(d.map((x: { file: string; range: { start: { line: number } } }) => [x.file, x.range.start.line]), [['c/templates/all.yaml', 17]]);
  });

  it('simulate - routes over the YAML from standard input', () => {
    const input = readFileSync('examples/hello/workload.yaml', 'utf8') + '\n---\n' + readFileSync('examples/hello/case5.yaml', 'utf8');
    const r = cliIn(['simulate', '-', '--url', 'http://svc-hello.default.svc.cluster.local:8080/', '--json'], input);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.virtualService.name, 'vs-hello');
    assert.deepEqual(out.destinations.map((x: { subset: string; weight: number }) => [x.subset, x.weight]), [['v1', 90], ['v2', 10]]);
    assert.equal(out.virtualService.file, '<stdin>');
  });

  it('test - runs a routing test from standard input against the configuration it names', () => {
    const test = readFileSync('examples/hello-tests/case5/routing.test.yaml', 'utf8').replace(/\.\.\/\.\.\/hello\//g, 'examples/hello/');
    const r = cliIn(['test', '-', '--json'], test);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(out.summary.passed > 0);
    assert.equal(out.summary.failed, 0);
    assert.deepEqual(out.files, ['<stdin>']);
  });

  it('stops reading a pipe at the 10 MB limit instead of reading it whole', () => {
    // 30 MB through a pipe; what the CLI leaves unread is counted after it exits. Reading the whole
    // stream before refusing it (a pipe reports size 0 to stat) would leave nothing.
    const script = `yes 'a: b' | head -c 31457280 | { node dist/cli.js check -; echo "exit=$?"; wc -c; }`;
    const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    const [exit, rest] = r.stdout.trim().split('\n').slice(-2);
    assert.equal(exit, 'exit=0', r.stderr);
    assert.match(r.stderr, /<stdin>: not read: .* over the 10 MB limit/);
    assert.ok(Number(rest) > 15 * 1048576, `only ${rest} bytes were left unread`);
  });
});
