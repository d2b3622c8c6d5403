/** The public analysis API: YAML problems become findings; templates are not broken YAML; suppression. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { readFileSync } from 'node:fs';
import { workspace } from '../helpers/workspace';
import { assertGolden, renderFindings } from './golden';

describe('analyze()', () => {
  it('reports a YAML syntax error at its position with a resource', () => {
    const snap = workspace('apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec: [1, 2\n');
    const f = analyze(snap).find((x) => x.code === 'ISL0001');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(f.file, 'fixture.yaml');
    assert.deepEqual(f.resource, { kind: 'Service', namespace: 'default', name: 'a' });
  });

  it('does not report a Helm template as broken YAML, and says once that it is not checked', () => {
    const snap = workspace('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- include "x" . | nindent 4 }}\n');
    const found = analyze(snap).filter((f) => f.code.startsWith('ISL000'));
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.span.start]), [['ISL0003', 'info', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: '.length]]);
  });

  it('checks a document whose only template sits inside a string value or a comment', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a # {{ not a template }}\n  annotations:\n    owner: "team {{ .Values.team }}"\n    plain: x-{{ .Values.x }}\n  name: b\n';
    const found = analyze(workspace(text)).filter((f) => f.code.startsWith('ISL000'));
    assert.deepEqual(found.map((f) => [f.code, f.span.start]), [['ISL0001', text.lastIndexOf('name: b')]]);
  });

  it('treats a template in a key or on a line of its own as structural', () => {
    for (const text of [
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels:\n    x-{{ .Values.k }}: v\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n{{- if .Values.on }}\nspec: {}\n{{- end }}\n',
    ]) assert.deepEqual(analyze(workspace(text)).filter((f) => f.code.startsWith('ISL000')).map((f) => f.code), ['ISL0003'], text);
  });

  it('shows YAML errors at their position and skips templates (fixtures/file.yamlProblems)', () => {
    const snap = workspace(readFileSync('test/analysis/fixtures/file.yamlProblems/invalid.yaml', 'utf8'));
    const findings = analyze(snap);
    assert.ok(findings.some((f) => f.code === 'ISL0001' && f.file === 'broken.yaml'));
    assert.deepEqual(findings.filter((f) => f.file === 'chart.yaml').map((f) => f.code), ['ISL0003']);
    assert.ok(findings.some((f) => f.code === 'ISL0001' && f.file === 'annotated.yaml'), 'a template inside a string hides nothing');
    assertGolden('test/analysis/fixtures/file.yamlProblems/invalid.golden', renderFindings(snap, findings));
  });

  it('reports YAML warnings as ISL0002', () => {
    const snap = workspace('apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: !custom {a: b}\n');
    const f = analyze(snap).filter((x) => x.code === 'ISL0002');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
  });

  it('drops codes listed in options.suppress', () => {
    const snap = workspace('a: [1\n');
    assert.equal(analyze(snap, { suppress: ['ISL0001'] }).length, 0);
    assert.equal(analyze(snap, { suppress: ['*'] }).length, 0);
  });
});
