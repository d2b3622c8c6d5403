/** The client's settings as the server reads them: include/exclude globs, workspace options. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { RUN_TESTS_METHOD, TEST_FAILURE_CODE } from '../../server/src/protocol/routingTests';
import { LspClient } from './client';
import { globToRegExp, pathFilter, workspaceOptionsOf } from '../../server/src/lsp/settings';

describe('settings', () => {
  it('matches globs as VS Code does for the defaults', () => {
    assert.ok(globToRegExp('**/*.yaml').test('vs.yaml'));
    assert.ok(globToRegExp('**/*.yaml').test('apps/hello/vs.yaml'));
    assert.ok(!globToRegExp('**/*.yaml').test('apps/vs.yml'));
    assert.ok(globToRegExp('**/*.{yaml,yml}').test('a/b.yml'));
    assert.ok(globToRegExp('**/node_modules/**').test('x/node_modules/p/a.yaml'));
    assert.ok(globToRegExp('charts/*/values.yaml').test('charts/app/values.yaml'));
    assert.ok(!globToRegExp('charts/*/values.yaml').test('charts/a/b/values.yaml'));
  });

  it('filters workspace paths by include and exclude', () => {
    const keep = pathFilter({ include: ['**/*.yaml'], exclude: ['**/charts/**', 'tmp/**'] });
    assert.deepEqual(['mesh/vs.yaml', 'charts/x/t.yaml', 'tmp/a.yaml', 'a.yml'].filter(keep), ['mesh/vs.yaml']);
    assert.ok(pathFilter({})('deep/dir/a.yml'));
  });

  it('reads only valid workspace options', () => {
    assert.deepEqual(workspaceOptionsOf({ defaultNamespace: 'shop', outboundTrafficPolicy: 'NOPE' as never, clusterDomain: '' }), { defaultNamespace: 'shop' });
  });
});

describe('settings through a real server', () => {
  it('honours include/exclude globs and severity overrides, at start and when they change', async () => {
    const typo = readFileSync('examples/hello/case5.yaml', 'utf8').replace('        subset: v1', '        subsett: v1');
    const ignored = typo.replace(/vs-hello|dr-hello/g, (n) => `${n}-2`).replace('weight: 90', 'weight: "ninety"');
    const c = await LspClient.start({ 'mesh/case5.yaml': typo, 'ignored/case5.yaml': ignored, 'mesh/workload.yaml': readFileSync('examples/hello/workload.yaml', 'utf8') });
    try {
      await c.initialize({ settings: { exclude: ['ignored/**'], severityOverrides: { ISL0101: 'hint' } } });
      const d = await c.waitForDiagnostics(c.uri('mesh/case5.yaml'), (x) => x.some((y) => y.code === 'ISL0101'));
      assert.equal(d.find((y) => y.code === 'ISL0101')!.severity, DiagnosticSeverity.Hint);
      assert.equal(c.diagnostics.get(c.uri('ignored/case5.yaml')), undefined, 'excluded files are not read');
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { istioLens: { severityOverrides: { ISL0101: 'off' } } } });
      await c.waitForDiagnostics(c.uri('mesh/case5.yaml'), (x) => !x.some((y) => y.code === 'ISL0101'));
      // Without the exclude glob the folder is read again: the other file's own error shows up.
      const line = ignored.split('\n').findIndex((l) => l.includes('"ninety"'));
      await c.waitForDiagnostics(c.uri('ignored/case5.yaml'), (x) => x.some((y) => y.range.start.line === line) && !x.some((y) => y.code === 'ISL0101'));
    } finally {
      await c.stop();
    }
  });

  it('applies severity overrides to the routing tests\' diagnostics too (ISL-TEST)', async () => {
    const broken = readFileSync('examples/hello-tests-broken/routing.test.yaml', 'utf8')
      .replace(/  config:\n  - \.\.\/hello\/workload\.yaml\n  - \.\.\/hello\/case5\.yaml\n/, '  config: [workload.yaml, case5.yaml]\n');
    const c = await LspClient.start({
      'workload.yaml': readFileSync('examples/hello/workload.yaml', 'utf8'), 'case5.yaml': readFileSync('examples/hello/case5.yaml', 'utf8'), 'routing.test.yaml': broken,
    });
    try {
      await c.initialize({ settings: { severityOverrides: { 'ISL-TEST': 'warning' } } });
      const uri = c.uri('routing.test.yaml');
      await c.request(RUN_TESTS_METHOD, { tests: [{ uri }] });
      const d = await c.waitForDiagnostics(uri, (x) => x.some((y) => y.code === TEST_FAILURE_CODE));
      assert.ok(d.filter((y) => y.code === TEST_FAILURE_CODE).every((y) => y.severity === DiagnosticSeverity.Warning));
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { istioLens: { severityOverrides: { 'ISL-TEST': 'off' } } } });
      await c.waitForDiagnostics(uri, (x) => !x.some((y) => y.code === TEST_FAILURE_CODE));
    } finally {
      await c.stop();
    }
  });
});
