/** The client's settings as the server reads them: include/exclude globs, workspace options. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { RUN_TESTS_METHOD, TEST_FAILURE_CODE } from '../../server/src/protocol/routingTests';
import { LspClient } from './client';
import { globToRegExp, pathFilter, readServerSettings, workspaceOptionsOf } from '../../server/src/lsp/settings';

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
    const { settings, warnings } = readServerSettings({ defaultNamespace: 'shop', outboundTrafficPolicy: 'NOPE', clusterDomain: '' });
    assert.deepEqual(workspaceOptionsOf(settings), { defaultNamespace: 'shop', clusterDomain: 'cluster.local', rootNamespace: 'istio-system', outboundTrafficPolicy: 'ALLOW_ANY' });
    assert.deepEqual(warnings.map((w) => w.split(' ')[2]), ['istioLens.clusterDomain', 'istioLens.outboundTrafficPolicy']);
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

/** Settings of the wrong type, at start and when they change: each is a warning naming the setting,
 *  its default is used, and the server keeps serving. */
describe('settings of the wrong type through a real server', () => {
  it('warns, uses the defaults and keeps serving', async () => {
    const typo = readFileSync('examples/hello/case5.yaml', 'utf8').replace('        subset: v1', '        subsett: v1');
    const c = await LspClient.start({ 'mesh/case5.yaml': typo, 'mesh/workload.yaml': readFileSync('examples/hello/workload.yaml', 'utf8') });
    const shown: string[] = [];
    c.connection.onNotification('window/showMessage', (m: { type: number; message: string }) => {
      if (m.type === 2) shown.push(m.message);
    });
    /** The server warns as it takes the settings, before it answers the next request (the messages
     *  come in order): after an answer, every warning is here. */
    const warnedAbout = (...settings: string[]) => {
      for (const s of settings) assert.ok(shown.some((m) => m.includes(` ${s} `)), `no warning names ${s}: ${JSON.stringify(shown)}`);
    };
    const uri = c.uri('mesh/case5.yaml');
    /** An answer (whatever it holds) from a server that still serves. */
    const alive = async () => assert.ok(Array.isArray(await c.request<unknown[]>('workspace/symbol', { query: '' })));
    try {
      // VS Code's settings.json with `"istioLens.include": "**/*.yaml"` (a string, not a list).
      await c.initialize({ settings: { include: '**/*.yaml', defaultNamespace: 42, severityOverrides: { ISL0101: 'loud', IST0101: 'warning' } } });
      await alive();
      warnedAbout('istioLens.include', 'istioLens.defaultNamespace', 'istioLens.severityOverrides.ISL0101');
      assert.match(shown.find((m) => m.includes('istioLens.include'))!, /must be a list of strings, not a string \("\*\*\/\*\.yaml"\); the default \["\*\*\/\*\.yaml","\*\*\/\*\.yml"\] is used/);
      // The default globs read the folder; the unusable override is left out, so ISL0101 keeps its level.
      const d = await c.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'ISL0101'));
      assert.notEqual(d.find((y) => y.code === 'ISL0101')!.severity, undefined);
      await alive();

      shown.length = 0;
      await c.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { istioLens: { include: 5, exclude: 'mesh/**', outboundTrafficPolicy: 'allow', clusterDomain: null, rootNamespace: [], severityOverrides: ['off'] } },
      });
      await alive();
      warnedAbout('istioLens.include', 'istioLens.exclude', 'istioLens.outboundTrafficPolicy', 'istioLens.clusterDomain', 'istioLens.rootNamespace', 'istioLens.severityOverrides');
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { istioLens: 'everything' } });
      await alive();
      warnedAbout('istioLens');
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      // Still serving, and still reading settings: a good value takes effect.
      assert.ok(c.diagnostics.get(uri)!.some((y) => y.code === 'ISL0101'));
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { istioLens: { severityOverrides: { ISL0101: 'off' } } } });
      await c.waitForDiagnostics(uri, (x) => !x.some((y) => y.code === 'ISL0101'));
      await alive();
    } finally {
      await c.stop();
    }
  });
});
