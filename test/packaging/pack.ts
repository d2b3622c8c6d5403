import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** npm with the variables `npm test` exports removed, so the child acts as a user's npm would. */
export function npm(args: string[], cwd: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync('npm', args, { cwd, env: { ...clean, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `npm pack` of this repository's built package (dist/ from `npm test`'s build) into `dir`. */
export function pack(dir: string): { tarball: string; files: string[] } {
  const packed = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], process.cwd());
  assert.equal(packed.status, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path).sort() };
}
