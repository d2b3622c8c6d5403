/** A routing test's `spec.config` cannot make the tool read outside the tested tree: the CLI refuses
 *  a path that leaves the current folder and the named paths (or a symbolic link out of them), with
 *  a message at the path; the editor resolves `config` only among the workspace's own files. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LIST_TESTS_METHOD, RUN_TESTS_METHOD, type ListTestsResult, type RunTestsResult } from '../../server/src/protocol/routingTests';
import { cli } from '../helpers/workspace';
import { LspClient } from '../lsp/client';

const [, VS] = readFileSync('examples/hello/case5.yaml', 'utf8').split(/^---\n/m);
const SECRET = VS.replace('name: vs-hello', 'name: outside-secret');
const testFile = (config: string) => `apiVersion: lens.istio-lens.dev/v1alpha1\nkind: RoutingTest\nmetadata: { name: t }\nspec:\n  config: [${JSON.stringify(config)}]\n  cases:\n  - name: c\n    request: { url: "http://svc-hello.default.svc.cluster.local/" }\n    expect: { action: route, virtualService: outside-secret }\n`;

const tmp = mkdtempSync(join(tmpdir(), 'istio-lens-config-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const outside = join(tmp, 'elsewhere');
mkdirSync(outside);
writeFileSync(join(outside, 'secret.yaml'), SECRET);

describe('spec.config stays inside the tested tree', () => {
  for (const [name, config, words] of [
    ['a relative path that climbs out', '../elsewhere', /outside the tested tree/],
    ['an absolute path elsewhere', outside, /outside the tested tree/],
    ['a symbolic link out of the tree', 'link', /a symbolic link out of the tested tree/],
  ] as const) {
    it(`the CLI refuses ${name}, at the path, and reads nothing there`, () => {
      const project = mkdtempSync(join(tmp, 'project-'));
      symlinkSync(outside, join(project, 'link'));
      writeFileSync(join(project, 'routing.test.yaml'), testFile(config));
      const r = cli(['test', project, '--json']);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      const out = JSON.parse(r.stdout) as { results: { errors?: { message: string }[] }[] };
      const text = JSON.stringify(out);
      assert.match(text, words);
      assert.ok(!text.includes('secret.yaml'), 'no path of the outside tree is printed');
    });
  }

  it('a path inside the current folder still works (the examples name ../../hello)', () => {
    assert.equal(cli(['test', 'examples/hello-tests']).status, 0);
  });

  it('the editor resolves config only among the workspace\'s files', async () => {
    // The test names a file outside the workspace holding the resource it would route through.
    const c = await LspClient.start({ 'routing.test.yaml': testFile(join(outside, 'secret.yaml')) });
    try {
      await c.initialize();
      const list = await c.request<ListTestsResult>(LIST_TESTS_METHOD, {});
      const run = await c.request<RunTestsResult>(RUN_TESTS_METHOD, { tests: list.files.map((f) => ({ uri: f.uri })) });
      const messages = run.results.flatMap((r) => r.failures.map((f) => f.message)).join('\n');
      assert.match(messages, /no such YAML file or folder in the workspace/);
    } finally {
      await c.stop();
    }
  });
});
