/** `istio-lens check` end to end through the built CLI (docs/cli-json.md). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/workspace';

const BROKEN = 'test/analysis/fixtures/virtualservice.destinationSubsets/invalid.yaml';

describe('istio-lens check', () => {
  it('is clean on the seed example and exits 0', () => {
    const r = cli(['check', 'examples/hello']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /0 errors, 0 warnings/);
  });

  it('prints file:line:col severity CODE message (Kind ns/name) and exits 1 on an error', () => {
    const r = cli(['check', BROKEN]);
    assert.equal(r.status, 1);
    const first = r.stdout.split('\n')[0];
    assert.equal(first, `${BROKEN}:49:45 error IST0101 Referenced host+subset in destinationrule not found: "reviews+v2" — DestinationRule shop/reviews for reviews.shop.svc.cluster.local defines only v1 (VirtualService shop/reviews)`);
  });

  it('prints JSON with 0-based LSP ranges', () => {
    const r = cli(['check', BROKEN, '--json']);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    const d = out.diagnostics[0];
    assert.deepEqual(d.range, { start: { line: 48, character: 44 }, end: { line: 48, character: 46 } });
    assert.deepEqual([d.file, d.severity, d.code], [BROKEN, 'error', 'IST0101']);
    assert.deepEqual(d.resource, { kind: 'VirtualService', namespace: 'shop', name: 'reviews' });
    assert.ok(out.diagnostics.every((x: { severity: string }) => ['error', 'warning', 'info', 'hint'].includes(x.severity)));
  });

  it('filters with --min-severity and --suppress', () => {
    const errorsOnly = JSON.parse(cli(['check', BROKEN, '--json', '--min-severity', 'error']).stdout).diagnostics;
    assert.ok(errorsOnly.length > 0 && errorsOnly.every((d: { severity: string }) => d.severity === 'error'));
    const r = cli(['check', BROKEN, '--json', '--suppress', 'IST0101', '--suppress', 'IST0130']);
    assert.equal(r.status, 0, 'no error left once IST0101 is suppressed');
    assert.deepEqual(JSON.parse(r.stdout).diagnostics, []);
  });

  it('treats the files as the whole cluster with --complete-workspace', () => {
    // istio/istio pkg/config/analysis/analyzers/testdata/destinationrule-with-fake-host.yaml: a lone DestinationRule gets IST0174.
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-check-'));
    writeFileSync(join(dir, 'dr.yaml'), 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: fake}\nspec:\n  host: fake.default.svc.cluster.local\n');
    assert.deepEqual(JSON.parse(cli(['check', dir, '--json']).stdout).diagnostics, []);
    const strict = JSON.parse(cli(['check', dir, '--json', '--complete-workspace']).stdout).diagnostics;
    assert.deepEqual(strict.map((d: { code: string }) => d.code), ['IST0174']);
  });

  it('exits 2 on bad usage', () => {
    assert.equal(cli(['check', 'no/such/path']).status, 2);
    assert.equal(cli(['check', 'examples/hello', '--min-severity', 'fatal']).status, 2);
    assert.equal(cli(['check', '--no-such-flag']).status, 2);
  });

  it('reports broken YAML with its position, and a Helm template as not checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-check-'));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: {a: b\n');
    writeFileSync(join(dir, 'chart.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n');
    const out = JSON.parse(cli(['check', dir, '--json']).stdout).diagnostics;
    assert.ok(out.some((d: { file: string; code: string }) => d.file.endsWith('broken.yaml') && d.code === 'ISL0001'));
    // The template is not checked, and says so once (info: it does not fail a CI gate).
    assert.deepEqual(out.filter((d: { file: string }) => d.file.endsWith('chart.yaml')).map((d: { code: string; severity: string }) => [d.code, d.severity]), [['ISL0003', 'info']]);
  });
});
