/** `istio-lens test` through the built CLI (dist/cli.js): the seed's cases pass, the broken
 *  expectation fails with a diff a person reads at a glance, JSON and JUnit for CI, exit codes. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli } from '../helpers/workspace';

const tmp = mkdtempSync(join(tmpdir(), 'istio-lens-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface SaxParser {
  onerror: (e: Error) => void;
  onopentag: (t: { name: string; attributes: Record<string, string> }) => void;
  ontext: (t: string) => void;
  write(s: string): SaxParser;
  close(): void;
}
// sax (installed with @vscode/vsce) in strict mode rejects any XML that is not well-formed.
const sax = createRequire(__filename)('sax') as { parser(strict: boolean): SaxParser };

function parseXml(xml: string): { tags: { name: string; attributes: Record<string, string> }[]; text: string } {
  const p = sax.parser(true);
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  let text = '';
  p.onerror = (e) => {
    throw e;
  };
  p.onopentag = (t) => tags.push(t);
  p.ontext = (t) => (text += t);
  p.write(xml).close();
  return { tags, text };
}

describe('istio-lens test on the examples', () => {
  it('the seed\'s five cases pass', () => {
    const r = cli(['test', 'examples/hello-tests']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^9 passed, 0 failed, 4 test files$/m);
    assert.match(r.stdout, /PASS {2}subsets v1 and v2 of svc-hello share 90\/10/);
  });

  it('the seed\'s cases written with the Gateway API pass, naming HTTPRoute rules and request headers', () => {
    const r = cli(['test', 'examples/gateway-api/tests']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^13 passed, 0 failed, 5 test files$/m);
    assert.match(r.stdout, /PASS {2}\/v2 reaches v2 with the header the rule adds/);
  });

  it('the broken expectation fails with one line per differing field and the trace', () => {
    const r = cli(['test', 'examples/hello-tests-broken']);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n').map((l) => l.trim());
    assert.ok(lines.includes('FAIL  /v2 reaches hello-server-v2 only  [examples/hello-tests-broken/routing.test.yaml:23]'), r.stdout);
    assert.ok(lines.includes('destinations[svc-hello.default.svc.cluster.local/v1].weight: expected 80, actual 90  [line 30]'), r.stdout);
    assert.ok(lines.includes('destinations[svc-hello.default.svc.cluster.local/v2].weight: expected 20, actual 10  [line 31]'), r.stdout);
    assert.ok(lines.includes('pods: expected [default/hello-server-v2], actual [default/hello-server-v1, default/hello-server-v2] (unexpected default/hello-server-v1)  [line 32]'), r.stdout);
    assert.ok(lines.some((l) => /^\d+\. VirtualService default\/vs-hello applies to svc-hello\.default\.svc\.cluster\.local {2}\[examples\/hello\/case5\.yaml:\d+\]$/.test(l)), r.stdout);
    assert.match(r.stdout, /^1 passed, 1 failed, 1 test file$/m);
  });

  it('--json: files, cases with failures and trace, summary', () => {
    const r = cli(['test', 'examples/hello-tests-broken', '--json']);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.files, ['examples/hello-tests-broken/routing.test.yaml']);
    assert.deepEqual(out.summary, { passed: 1, failed: 1 });
    const failed = out.cases.find((c: { passed: boolean }) => !c.passed);
    assert.equal(failed.file, 'examples/hello-tests-broken/routing.test.yaml');
    assert.equal(failed.line, 23);
    assert.equal(failed.name, '/v2 reaches hello-server-v2 only');
    assert.deepEqual(failed.failures[0], { field: 'destinations[svc-hello.default.svc.cluster.local/v1].weight', expected: 80, actual: 90, line: 30 });
    assert.ok(failed.trace.some((s: { file: string | null; line: number | null }) => s.file === 'examples/hello/case5.yaml' && typeof s.line === 'number'));
  });

  it('--junit writes well-formed JUnit XML with a failure per failing case', () => {
    const file = join(tmp, 'junit.xml');
    const r = cli(['test', 'examples/hello-tests', 'examples/hello-tests-broken', '--junit', file]);
    assert.equal(r.status, 1);
    const { tags, text } = parseXml(readFileSync(file, 'utf8'));
    assert.deepEqual({ name: tags[0].name, attributes: tags[0].attributes }, { name: 'testsuites', attributes: { name: 'istio-lens test', tests: '11', failures: '1', errors: '0', time: '0' } });
    assert.equal(tags.filter((t) => t.name === 'testsuite').length, 5);
    assert.equal(tags.filter((t) => t.name === 'testcase').length, 11);
    const failures = tags.filter((t) => t.name === 'failure');
    assert.equal(failures.length, 1);
    assert.equal(failures[0].attributes.message, '3 expectations failed');
    assert.match(text, /subset "v1" selects labels/);
  });

  it('JUnit escapes what XML cannot carry raw', () => {
    const test = `kind: RoutingTest\nspec:\n  config: [${join(process.cwd(), 'examples/hello/workload.yaml')}]\n  cases:\n  - name: "<&\\"quotes' and \\u0001 control>"\n    request: { url: "http://svc-hello.default.svc.cluster.local:8080/?a=<b>&c" }\n    expect: { action: noRoute }\n`;
    const f = join(tmp, 'escape.test.yaml');
    writeFileSync(f, test);
    const out = join(tmp, 'escape.xml');
    const r = cli(['test', f, '--junit', out]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const { tags } = parseXml(readFileSync(out, 'utf8'));
    assert.equal(tags.find((t) => t.name === 'testcase')!.attributes.name, '<&"quotes\' and \uFFFD control>');
  });
});

describe('istio-lens test: where tests and configuration come from, exit codes', () => {
  it('without spec.config a test runs against every configuration file under the paths', () => {
    const test = 'apiVersion: lens.istio-lens.dev/v1alpha1\nkind: RoutingTest\nspec:\n  cases:\n  - name: v1 only\n    request: { url: "http://svc-hello-v1.default.svc.cluster.local:8080/" }\n    expect: { action: defaultService, pods: [hello-server-v1] }\n';
    writeFileSync(join(tmp, 'inline.test.yaml'), test);
    const r = cli(['test', 'examples/hello/workload.yaml', join(tmp, 'inline.test.yaml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /PASS {2}v1 only/);
  });

  it('a spec.config path that does not exist fails the file, pointing at it', () => {
    const f = join(tmp, 'missing-config.test.yaml');
    writeFileSync(f, 'kind: RoutingTest\nspec:\n  config: [nowhere.yaml]\n  cases:\n  - name: c\n    request: { url: "http://a.b/" }\n    expect: { action: passthrough }\n');
    const r = cli(['test', f]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /error: spec\.config: .*nowhere\.yaml: no such file or folder {2}\[line 3\]/);
  });

  it('runs istio-config-validator test files', () => {
    const r = cli(['test', 'test/routingtest/fixtures/validator']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^12 passed, 0 failed, 1 test file$/m);
  });

  it('exit 2 when there is no test under the paths', () => {
    const r = cli(['test', 'examples/hello']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^istio-lens: no routing test found under examples\/hello: a test file is YAML with "apiVersion: lens.istio-lens.dev\/v1alpha1" and "kind: RoutingTest"/);
  });

  it('exit 2 for a path that does not exist and for an unknown option', () => {
    const missing = cli(['test', 'examples/no-such-folder']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /examples\/no-such-folder: no such file or folder/);
    const bad = cli(['test', 'examples/hello-tests', '--junt', 'x.xml']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown option '--junt'/);
  });
});
