/** A Helm chart is never a silent pass: its templates are not checked as YAML (they are Go templates
 *  until `helm template` renders them), take no part in cross-references, and the summary says how
 *  many were skipped and how to check them. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cliIn } from './run';

function chart(): string {
  const root = mkdtempSync(join(tmpdir(), 'istio-lens-helm-'));
  const dir = join(root, 'shop');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'name: reviews\ntls:\n  mode: SIMPEL\n');
  // A template with a misspelled TLS mode and a name only the values give.
  writeFileSync(join(dir, 'templates', 'dr.yaml'), [
    'apiVersion: networking.istio.io/v1',
    'kind: DestinationRule',
    'metadata:',
    '  name: {{ .Values.name }}',
    'spec:',
    '  host: {{ .Values.name }}',
    '  trafficPolicy: {tls: {mode: SIMPEL}}',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'templates', 'vs.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n');
  writeFileSync(join(dir, 'templates', '_helpers.tpl'), '{{- define "shop.name" -}}shop{{- end }}\n');
  return root;
}

describe('Helm charts', () => {
  it('templates are not checked; the summary counts them and gives the command that checks them', () => {
    const root = chart();
    const r = cliIn(['check', 'shop'], undefined, root);
    assert.equal(r.stdout, '', 'no finding from a template');
    assert.match(r.stderr, /^0 errors, 0 warnings, 0 notes in /);
    assert.match(r.stderr, /2 Helm templates not checked in shop \(templates are checked once rendered: helm template shop \| istio-lens check -\)/);
    const json = JSON.parse(cliIn(['check', 'shop', '--json'], undefined, root).stdout);
    assert.deepEqual(json.diagnostics, []);
    assert.deepEqual(json.skippedTemplates, [{ chart: 'shop', templates: 2 }]);
  });

  it('a template named on the command line, or the templates folder, is skipped the same way', () => {
    const root = chart();
    for (const p of ['shop/templates/dr.yaml', 'shop/templates']) {
      const r = cliIn(['check', p], undefined, root);
      assert.equal(r.stdout, '', p);
      assert.match(r.stderr, /Helm templates? not checked in shop/, p);
    }
  });

  it('templates take no part in cross-references of the files beside the chart', () => {
    const root = chart();
    // A VirtualService outside the chart names subset v1 of reviews; only a template defines it.
    writeFileSync(join(root, 'vs.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: outside}\nspec:\n  hosts: [other]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n');
    writeFileSync(join(root, 'shop', 'templates', 'dr2.yaml'), 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  subsets: [{name: v1}]\n');
    writeFileSync(join(root, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\nspec: {ports: [{name: http, port: 80}]}\n');
    const r = JSON.parse(cliIn(['check', '.', '--json'], undefined, root).stdout);
    assert.deepEqual(r.diagnostics.map((d: { file: string; code: string }) => [d.file, d.code]), [['vs.yaml', 'IST0101']]);
  });

  it('the rendered chart is checked from standard input, findings at the template', () => {
    const rendered = '---\n# Source: shop/templates/dr.yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  trafficPolicy: {tls: {mode: SIMPEL}}\n';
    const r = JSON.parse(cliIn(['check', '-', '--json'], rendered).stdout);
    assert.deepEqual(r.diagnostics.map((d: { file: string; code: string; range: { start: { line: number } } }) => [d.file, d.code, d.range.start.line]), [['shop/templates/dr.yaml', 'ISL0103', 6]]);
  });
});
