/** `check --format`: SARIF 2.1.0 valid against the OASIS schema, GitHub workflow-command annotations,
 *  JUnit with a test case per file, `--json` as an alias, and `--fail-on`. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { BROKEN_VS, cliIn } from './run';

interface SaxParser {
  onopentag: (t: { name: string; attributes: Record<string, unknown> }) => void;
  onerror: (e: Error) => void;
  write(s: string): { close(): void };
}
const sax = createRequire(__filename)('sax') as { parser(strict: boolean): SaxParser };

const BROKEN = 'test/analysis/fixtures/virtualservice.destinationSubsets/invalid.yaml';

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync('test/cli/fixtures/sarif-schema-2.1.0.json', 'utf8')));
}

describe('check --format', () => {
  it('sarif is valid SARIF 2.1.0 and carries each finding with its rule and 1-based region', () => {
    const validate = validator();
    const r = cliIn(['check', BROKEN, 'examples/hello', '--format', 'sarif']);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as { runs: { results: Record<string, unknown>[] }[] } & Record<string, unknown>;
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const run = log.runs[0] as any;
    const json = JSON.parse(cliIn(['check', BROKEN, 'examples/hello', '--json']).stdout).diagnostics;
    assert.equal(run.results.length, json.length);
    const first = run.results[0];
    assert.equal(first.ruleId, 'IST0101');
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'IST0101');
    assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: BROKEN, uriBaseId: '%SRCROOT%' });
    assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 49, startColumn: 45, endLine: 49, endColumn: 47 });
    assert.equal(first.level, 'error');
    // The validator is strict enough to fail a broken log.
    assert.equal(validate({ ...log, runs: [{ ...run, results: [{ ...first, level: 'fatal' }] }] }), false);
  });

  it('sarif stays valid with names a URI cannot hold (standard input, spaces, absolute paths)', () => {
    const validate = validator();
    const dir = mkdtempSync(join(tmpdir(), 'istio lens sarif '));
    writeFileSync(join(dir, 'a b.yaml'), BROKEN_VS);
    const log = JSON.parse(cliIn(['check', '-', dir, '--format', 'sarif'], BROKEN_VS).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const uris = log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('%3Cstdin%3E'), uris.join(' '));
    assert.ok(uris.some((u: string) => u.startsWith('file:///') && u.endsWith('/a%20b.yaml')), uris.join(' '));
  });

  it('github prints one workflow command per finding, escaped', () => {
    const r = cliIn(['check', BROKEN, '--format', 'github']);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, JSON.parse(cliIn(['check', BROKEN, '--json']).stdout).diagnostics.length);
    assert.equal(lines[0], `::error file=${BROKEN},line=49,col=45,endLine=49,endColumn=47,title=IST0101 VirtualService shop/reviews::Referenced host+subset in destinationrule not found: "reviews+v2" — DestinationRule shop/reviews for reviews.shop.svc.cluster.local defines only v1`);
    assert.ok(lines.some((l) => l.startsWith('::warning file=') && l.includes('title=IST0130')));
    // A comma in a property and a newline in a message are escaped (actions/toolkit command.ts).
    const input = BROKEN_VS.replace('name: reviews, namespace: shop}\nspec:\n  hosts', 'name: "a,b", namespace: shop}\nspec:\n  hosts');
    const g = cliIn(['check', '-', '--format', 'github'], input).stdout;
    assert.match(g, /title=IST0101 VirtualService shop\/a%2Cb::/);
  });

  it('junit has one test case per file, failed by its errors, and is well-formed XML', () => {
    const r = cliIn(['check', BROKEN, 'examples/hello', '--format', 'junit']);
    assert.equal(r.status, 1);
    const cases: { name: string; failed: boolean }[] = [];
    const parser = sax.parser(true);
    parser.onerror = (e) => assert.fail(`not well-formed XML: ${e.message}`);
    parser.onopentag = (t) => {
      if (t.name === 'testcase') cases.push({ name: String(t.attributes.name), failed: false });
      if (t.name === 'failure') cases[cases.length - 1].failed = true;
    };
    parser.write(r.stdout).close();
    assert.deepEqual(cases, [
      { name: BROKEN, failed: true },
      { name: 'examples/hello/case5.yaml', failed: false },
      { name: 'examples/hello/workload.yaml', failed: false },
    ]);
  });

  it('--json is --format json', () => {
    assert.equal(cliIn(['check', BROKEN, '--json']).stdout, cliIn(['check', BROKEN, '--format', 'json']).stdout);
    assert.equal(cliIn(['check', BROKEN, '--format', 'yaml']).status, 2);
  });
});

describe('check --fail-on', () => {
  const warningOnly = [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata: {name: a, namespace: shop}',
    'spec:',
    '  hosts: [a]',
    '  http:',
    '  - route: [{destination: {host: a}}]',
    '  - match: [{uri: {prefix: /x}}]',
    '    route: [{destination: {host: a}}]',
    '',
  ].join('\n');

  it('exits 1 at or above the level, 0 below it', () => {
    const codes = JSON.parse(cliIn(['check', '-', '--json'], warningOnly).stdout).diagnostics.map((d: { severity: string }) => d.severity);
    assert.ok(codes.includes('warning') && !codes.includes('error'), codes.join(' '));
    assert.equal(cliIn(['check', '-'], warningOnly).status, 0, 'default: errors only');
    assert.equal(cliIn(['check', '-', '--fail-on', 'error'], warningOnly).status, 0);
    assert.equal(cliIn(['check', '-', '--fail-on', 'warning'], warningOnly).status, 1);
    assert.equal(cliIn(['check', '-', '--fail-on', 'info'], warningOnly).status, 1);
    assert.equal(cliIn(['check', '-', '--fail-on', 'hint'], warningOnly).status, 2);
  });
});
