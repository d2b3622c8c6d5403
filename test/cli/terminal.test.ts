/** What file content and file names can do to a terminal, and names that are not UTF-8. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BROKEN_VS, cliIn } from './run';

/** Any C0 control but newline, DEL or a C1 control: what moves a terminal's cursor or erases. */
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

describe('control characters in text output', () => {
  it('a test name cannot make a FAIL line read as PASS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-term-'));
    const test = readFileSync('examples/hello-tests-broken/routing.test.yaml', 'utf8');
    // Every case name gets a carriage return, an erase-line escape and a fake PASS line.
    writeFileSync(join(dir, 'routing.test.yaml'), test.replace(/- name: (.*)/g, '- name: "$1\\r\\e[2K\\n  PASS  forged"').replace(/\.\.\/hello\//g, `${process.cwd()}/examples/hello/`));
    const r = cliIn(['test', dir]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.doesNotMatch(r.stdout, /^\s*PASS\s+forged/m);
    assert.match(r.stdout, /FAIL .*\\r\\e\[2K\\n  PASS  forged/);
  });

  it('check escapes controls in names and messages', () => {
    const input = BROKEN_VS.replace('metadata: {name: reviews, namespace: shop}\nspec:\n  hosts', 'metadata: {name: "rev\\e[31miews", namespace: shop}\nspec:\n  hosts');
    const r = cliIn(['check', '-'], input);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /VirtualService shop\/rev\\e\[31miews/);
    assert.doesNotMatch(r.stdout + r.stderr, RAW_CONTROL);
  });
});

describe('file names that are not UTF-8', () => {
  it('are read by their bytes and reported by their real name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-bytes-'));
    const name = Buffer.concat([Buffer.from(`${dir}/vs-`), Buffer.from([0xff, 0xfe]), Buffer.from('.yaml')]);
    writeFileSync(name, BROKEN_VS);
    const r = cliIn(['check', dir, '--json']);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr.includes('cannot read'), false, r.stderr);
    const d = JSON.parse(r.stdout).diagnostics;
    assert.deepEqual(d.map((x: { file: string; code: string }) => [x.file, x.code]), [[`${dir}/vs-\\xff\\xfe.yaml`, 'IST0101']]);
  });

  it('a routing test in such a file runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-bytes-'));
    const sub = Buffer.concat([Buffer.from(`${dir}/t`), Buffer.from([0xe9])]);
    mkdirSync(sub);
    const test = readFileSync('examples/hello-tests/case5/routing.test.yaml', 'utf8').replace(/\.\.\/\.\.\/hello\//g, `${process.cwd()}/examples/hello/`);
    writeFileSync(Buffer.concat([sub, Buffer.from('/routing.test.yaml')]), test);
    const r = cliIn(['test', dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`${dir}/t\\\\xe9/routing\\.test\\.yaml`));
  });
});
