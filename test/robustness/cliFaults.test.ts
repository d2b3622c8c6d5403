/** Faults at the CLI: missing, unreadable, looping, binary, oversized and device paths are
 *  reported in one line each and the rest of the workspace is still used; symbolic links inside the
 *  named folders are not followed (nothing outside them is read); never a stack trace.
 *  Runs dist/cli.js (`npm test` builds it first). */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { cli } from '../helpers/workspace';

const URL = 'http://svc-hello.default.svc.cluster.local:8080/v2';
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal|Error: /m;

function simulate(...paths: string[]) {
  const r = cli(['simulate', ...paths, '--url', URL, '--json']);
  assert.doesNotMatch(r.stderr, STACK, r.stderr);
  return { ...r, out: r.status === 0 ? JSON.parse(r.stdout) : undefined };
}

describe('CLI faults', () => {
  const root = mkdtempSync(join(tmpdir(), 'istio-lens-faults-'));
  const ws = join(root, 'ws');
  const outside = join(root, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  copyFileSync('examples/hello/workload.yaml', join(ws, 'workload.yaml'));
  // Outside the workspace: a VirtualService that would send /v2 to svc-hello-v2 if it were read.
  copyFileSync('examples/hello-cases/case3/vs-hello.yaml', join(outside, 'vs-hello.yaml'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('the outside VirtualService applies when its folder is named (so the link tests below can fail)', () => {
    const r = simulate(ws, outside);
    assert.equal(r.out.virtualService?.name, 'vs-hello');
  });

  it('symbolic links to a file and to a folder outside are not followed', () => {
    symlinkSync(join(outside, 'vs-hello.yaml'), join(ws, 'link.yaml'));
    symlinkSync(outside, join(ws, 'linked-folder'));
    const r = simulate(ws);
    assert.equal(r.status, 0);
    assert.equal(r.out.action, 'defaultService');
    assert.equal(r.out.virtualService, null);
    rmSync(join(ws, 'link.yaml'));
    rmSync(join(ws, 'linked-folder'));
  });

  it('a missing path, a dangling link and a link loop are bad usage (exit 2), as for check and test', () => {
    symlinkSync(join(root, 'gone.yaml'), join(root, 'dangling.yaml'));
    symlinkSync(join(root, 'loop.yaml'), join(root, 'loop.yaml'));
    for (const p of ['missing.yaml', 'dangling.yaml', 'loop.yaml']) {
      const r = simulate(ws, join(root, p));
      assert.equal(r.status, 2, p);
      assert.equal(r.stderr.trim(), `istio-lens: ${join(root, p)}: no such file or folder`);
    }
  });

  it('an unreadable file and folder are reported, not fatal', (t) => {
    // Permissions do not stop root (CI runs as root): there, run the CLI as `nobody` when runuser exists.
    const asRoot = process.getuid?.() === 0;
    const runuser = asRoot ? spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--version']) : undefined;
    if (asRoot && runuser?.status !== 0) return t.skip('running as root without runuser: permissions do not stop root');
    const space = mkdtempSync(join(tmpdir(), 'istio-lens-perm-'));
    const bundle = join(space, 'cli.js');
    copyFileSync('dist/cli.js', bundle);
    mkdirSync(join(space, 'ws'));
    copyFileSync('examples/hello/workload.yaml', join(space, 'ws', 'workload.yaml'));
    writeFileSync(join(space, 'ws', 'locked.yaml'), 'kind: Service\n');
    mkdirSync(join(space, 'closed'));
    for (const [p, mode] of [[space, 0o755], [join(space, 'ws'), 0o755], [bundle, 0o644], [join(space, 'ws', 'workload.yaml'), 0o644], [join(space, 'ws', 'locked.yaml'), 0o000], [join(space, 'closed'), 0o000]] as const) chmodSync(p, mode);
    const args = [bundle, 'simulate', join(space, 'ws'), join(space, 'closed'), '--url', URL, '--json'];
    const r = asRoot ? spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
    rmSync(space, { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, STACK);
    assert.match(r.stderr, /locked\.yaml: cannot read: permission denied/);
    assert.match(r.stderr, /closed: cannot read folder: permission denied/);
    assert.equal(JSON.parse(r.stdout).action, 'defaultService');
  });

  it('a binary file and a file with a tab are warnings with file:line:column', () => {
    writeFileSync(join(ws, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(ws, 'tabs.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n');
    const r = simulate(ws);
    rmSync(join(ws, 'image.yaml'));
    rmSync(join(ws, 'tabs.yaml'));
    assert.equal(r.status, 0);
    assert.match(r.stderr, /image\.yaml:1:1: not read: not YAML text — a NUL character at offset 8/);
    assert.match(r.stderr, /tabs\.yaml:4:1: YAML: Tabs are not allowed as indentation/);
  });

  it('a file over the limit is skipped before it is read, with the limit in the message', () => {
    // 8 GiB, sparse (no disk space): reading it would fail (Node reads at most 2 GiB into a buffer)
    // or take minutes, so only a size check made before reading passes.
    const big = join(ws, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 8 * 1024 ** 3);
    const r = simulate(ws);
    rmSync(big);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /big\.yaml: not read: 8192\.0 MB is over the 10 MB limit for one file/);
  });

  it('a recursive alias does not break the JSON output (it used to: "Converting circular structure to JSON")', () => {
    writeFileSync(join(ws, 'loop.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: loop }\nspec:\n  hosts: [svc-hello.default.svc.cluster.local]\n  http:\n  - corsPolicy: &c { allowOrigins: [*c] }\n    route: [{ destination: { host: svc-hello.default.svc.cluster.local } }]\n');
    const r = simulate(ws);
    rmSync(join(ws, 'loop.yaml'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /loop\.yaml:1:1: YAML document could not be read: an alias refers to the node that contains it/);
  });

  it('a device named on the command line is not read (it would never end)', () => {
    const r = simulate(ws, '/dev/zero');
    assert.equal(r.status, 0);
    assert.match(r.stderr, /\/dev\/zero: not read: not a regular file/);
  });

  // Owner: cli/main.ts. `istio-lens simulate … | head -c1` on a big answer, or a reader that closes
  // early, makes Node throw EPIPE from process.stdout with a stack trace.
  it('a closed stdout ends quietly', () => {
    const r = spawnSync(process.execPath, ['-e', `
      const { spawn } = require('node:child_process');
      const p = spawn(process.execPath, ['dist/cli.js', 'simulate', 'examples/hello', '--url', '${URL}', '--json']);
      p.stdout.destroy();
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => process.stdout.write(JSON.stringify({ code, err })));`], { encoding: 'utf8' });
    const { err } = JSON.parse(r.stdout);
    assert.doesNotMatch(err, STACK);
  });

  // Node reopens a closed descriptor 1 as /dev/null before the program runs (src/node.cc
  // PlatformInit): every write succeeded and `check` exited 0 with nothing printed.
  it('stdout closed from the start (`>&-`): exit 3 with a message; redirected to /dev/null it is still 0', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
    const run = (redirect: string) => spawnSync('/bin/sh', ['-c', `exec "$0" dist/cli.js check examples/hello ${redirect}`, process.execPath], { encoding: 'utf8' });
    const closed = run('>&-');
    assert.equal(closed.status, 3, closed.stderr);
    assert.match(closed.stderr, /^istio-lens: standard output is closed, so the result cannot be written/);
    assert.doesNotMatch(closed.stderr, STACK);
    const devNull = run('>/dev/null');
    assert.equal(devNull.status, 0, devNull.stderr);
    // A write that fails (the JSON result into a full device) exits 3 too.
    const full = spawnSync('/bin/sh', ['-c', 'exec "$0" dist/cli.js check examples/hello --json >/dev/full', process.execPath], { encoding: 'utf8' });
    assert.equal(full.status, 3, full.stderr);
    assert.match(full.stderr, /cannot write the output: ENOSPC/);
  });
});
