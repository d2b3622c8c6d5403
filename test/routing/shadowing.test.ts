/** The shadowing analysis (IST0130/IST0131) reads the route model, not the YAML: istio/istio
 *  pkg/config/validation/validation.go analyzeUnreachableHTTPRules compares whole match blocks,
 *  build-time conditions (port, gateways, sourceLabels, sourceNamespace) included, so two blocks that
 *  differ only there are not duplicates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAnalyzers } from '../../server/src/core/analysis/analyzer';
import { unreachableRules } from '../../server/src/core/analysis/analyzers/virtualservice/unreachableRules';
import type { Route } from '../../server/src/core/routing/routeModel';
import { compareHttpRules, findShadowing } from '../../server/src/core/routing/shadowing';
import { workspace } from '../helpers/workspace';

const vsWith = (a: string, b: string, later = '/a') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r}
spec:
  hosts: [r]
  http:
  - match:
    - {uri: {prefix: /a}${a}}
    route: [{destination: {host: r}}]
  - match:
    - {uri: {prefix: ${later}}${b}}
    route: [{destination: {host: r}}]
`;
const codes = (text: string) => runAnalyzers(workspace(text), [unreachableRules]).map((f) => f.code).sort();

describe('shadowing on the route model', () => {
  it('compares routes that no VirtualService YAML wrote', () => {
    const route = (rule: number, match: number, port?: number): Route => ({
      match: { path: { kind: 'prefix', value: '/a' }, ignoreCase: false, headers: [], queryParams: [] },
      action: { kind: 'directResponse', status: 200, at: [] },
      source: { resource: { kind: 'HTTPRoute', meta: {} as never }, ruleList: 'rules', ruleIndex: rule, rulePath: [], matchIndex: match },
      ...(port ? { conditions: { port, gateways: [], sourceLabels: {} } } : {}),
    });
    assert.deepEqual(findShadowing(compareHttpRules([[route(0, 0)], [route(1, 0)]])).map((s) => s.kind), ['duplicate', 'allDuplicates']);
    assert.deepEqual(findShadowing(compareHttpRules([[route(0, 0)], [route(1, 0, 8080)]])), []);
  });

  it('follows the lowered model when it differs from the YAML', () => {
    const snap = workspace(vsWith('', ''));
    assert.deepEqual(runAnalyzers(snap, [unreachableRules]).map((f) => f.code).sort(), ['IST0130', 'IST0131']);
    const changed = workspace(vsWith('', '').replace('name: r}', 'name: r2}'));
    changed.virtualServices[0].http[1].match![0].port = 8080; // the model now differs from the YAML
    assert.deepEqual(runAnalyzers(changed, [unreachableRules]), []);
  });

  it('covers a longer prefix only on the same port (coveredValidation)', () => {
    assert.deepEqual(codes(vsWith(', port: 80', ', port: 80', '/a/b')), ['IST0131']);
    assert.deepEqual(codes(vsWith(', port: 80', ', port: 8080', '/a/b')), []);
  });

  for (const [what, a, b] of [
    ['port', ', port: 80', ', port: 8080'],
    ['sourceLabels', ', sourceLabels: {app: a}', ', sourceLabels: {app: b}'],
    ['gateways', ', gateways: [g1]', ', gateways: [g2]'],
    ['sourceNamespace', ', sourceNamespace: n1', ', sourceNamespace: n2'],
  ]) {
    it(`keeps ${what} in the comparison`, () => {
      assert.deepEqual(codes(vsWith(a, a)), ['IST0130', 'IST0131'], `same ${what}: a duplicate`);
      assert.deepEqual(codes(vsWith(a, b)), [], `different ${what}: not a duplicate`);
    });
  }
});
