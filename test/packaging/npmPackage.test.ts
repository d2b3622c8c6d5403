/** The npm package as a user gets it: `npm pack`, installed from the tarball into an empty folder
 *  with no network, then `istio-lens` and `istio-lens-server --stdio` run from there. The bundles
 *  are self-contained, so the package declares no runtime dependencies and installs nothing else.
 *  (`npm test` builds dist/ first.) */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BROKEN_VS } from '../cli/run';
import { npm, pack } from './pack';

const ROOT = process.cwd();
const PKG = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; dependencies?: Record<string, string> };

/** Sends LSP `initialize` to a server over stdio and returns its answer, then shuts it down. */
async function initialize(command: string): Promise<{ result: { serverInfo?: { name: string; version: string }; capabilities: Record<string, unknown> } }> {
  const proc = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const send = (msg: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    proc.stdin.write(body);
  };
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  const answers: Array<{ id?: number; result?: unknown }> = [];
  let buf = Buffer.alloc(0);
  let wake: () => void = () => undefined;
  proc.stdout.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) break;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString('ascii'))?.[1]);
      if (buf.length < head + 4 + len) break;
      answers.push(JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8')));
      buf = buf.subarray(head + 4 + len);
      wake();
    }
  });
  const answer = async (id: number) => {
    for (;;) {
      const a = answers.find((m) => m.id === id);
      if (a) return a;
      const woken = new Promise<void>((res) => { wake = res; });
      if (await Promise.race([woken.then(() => false), exited.then(() => true)])) throw new Error(`the server exited before answering request ${id}`);
    }
  };
  send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const init = await answer(1);
  send({ method: 'initialized', params: {} });
  send({ id: 2, method: 'shutdown' });
  await answer(2);
  send({ method: 'exit' });
  assert.equal(await exited, 0, 'the server exits cleanly after shutdown and exit');
  return init as never;
}

describe('the npm package', () => {
  let tmp: string;
  let tarball: string;
  let files: string[];
  let bin: string;

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'istio-lens-pack-'));
    ({ tarball, files } = pack(tmp));
    const user = join(tmp, 'user');
    mkdirSync(user);
    writeFileSync(join(user, 'package.json'), '{ "name": "someone-else", "private": true }\n');
    const installed = npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], user);
    assert.equal(installed.status, 0, installed.stderr);
    bin = join(user, 'node_modules/.bin');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('ships the bundles, the user-facing schemas, README and LICENSE: no sources, tests or source maps', () => {
    assert.deepEqual(files, [
      'LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'package.json',
      'schemas/istio-lens-config.schema.json', 'schemas/routingtest.schema.json',
    ]);
  });

  it('declares no runtime dependency, so installing it pulls in nothing else', () => {
    assert.deepEqual(PKG.dependencies ?? {}, {}, 'the bundles carry their libraries: put build-time packages in devDependencies');
    const modules = readdirSync(join(tmp, 'user/node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(modules, ['istio-lens']);
  });

  it('runs `istio-lens check` from the install: a clean example passes, a broken one fails with its finding', () => {
    const clean = spawnSync(join(bin, 'istio-lens'), ['check', resolve(ROOT, 'examples/hello')], { cwd: tmp, encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stderr + clean.stdout, /0 errors/);
    writeFileSync(join(tmp, 'broken.yaml'), BROKEN_VS.replace('subsets:', 'subsetz:'));
    const broken = spawnSync(join(bin, 'istio-lens'), ['check', 'broken.yaml'], { cwd: tmp, encoding: 'utf8' });
    assert.equal(broken.status, 1, broken.stderr);
    assert.match(broken.stdout, /broken\.yaml:9:\d+ error .*subsetz/, 'the schema check (ajv, bundled) runs');
    assert.match(broken.stdout, /IST0101/, 'the cross-resource analysis runs');
  });

  it('`istio-lens --version` prints package.json\'s version', () => {
    const r = spawnSync(join(bin, 'istio-lens'), ['--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), PKG.version);
  });

  it('`istio-lens-server --stdio` answers initialize with package.json\'s version', async () => {
    const init = await initialize(join(bin, 'istio-lens-server'));
    assert.deepEqual(init.result.serverInfo, { name: 'istio-lens', version: PKG.version });
    assert.ok(init.result.capabilities.hoverProvider, 'a real server with its capabilities answered');
  });
});
