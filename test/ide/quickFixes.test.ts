/** Quick fixes that fix: a name that refers to nothing is first offered as the nearest names that
 *  exist, before the analyzer's own repair; a quoted number loses its quotes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze, type Finding } from '../../server/src/core/analysis';
import { quickFixes } from '../../server/src/core/ide/quickFixes';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const WORKLOAD: [string, string] = ['workload.yaml', readFileSync('examples/hello/workload.yaml', 'utf8')];
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-hello
spec:
  host: svc-hello
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`;
const vs = (route: string, extra = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-hello
spec:
  hosts:
  - svc-hello
${extra}  http:
  - route:
${route}`;

function fixesOf(text: string, code: string, at: string): { titles: string[]; texts: string[]; finding: Finding } {
  const snap = buildSnapshot([WORKLOAD, ['dr.yaml', DR], ['vs.yaml', text]]);
  const found = analyze(snap).filter((f) => f.file === 'vs.yaml' && f.code === code && text.slice(f.span.start, f.span.end).includes(at));
  assert.equal(found.length, 1, `one ${code} at ${at}: ${JSON.stringify(analyze(snap).filter((f) => f.file === 'vs.yaml').map((f) => [f.code, f.message]))}`);
  const fixes = quickFixes(snap, found[0]);
  return { titles: fixes.map((f) => f.title), texts: fixes.map((f) => f.edits[0].newText), finding: found[0] };
}

describe('quick fixes', () => {
  it('offers the existing subsets, nearest first, before adding the missing one', () => {
    const { titles } = fixesOf(vs('    - destination:\n        host: svc-hello\n        subset: v3\n'), 'IST0101', 'v3');
    assert.deepEqual(titles.slice(0, 2), ['Change to `v1`', 'Change to `v2`']);
    assert.ok(titles.length === 2 || /v3/.test(titles[2]), `the analyzer's repair comes last: ${titles.join(' | ')}`);
  });

  it('reads the name from the text the finding is of, when the snapshot is older', () => {
    const text = vs('    - destination:\n        host: svc-hello\n        subset: v3\n');
    const { finding } = fixesOf(text, 'IST0101', 'v3');
    const older = buildSnapshot([WORKLOAD, ['dr.yaml', DR], ['vs.yaml', text.replace('v3', 'v2')]]);
    assert.deepEqual(quickFixes(older, finding, text).slice(0, 2).map((f) => f.title), ['Change to `v1`', 'Change to `v2`']);
  });

  it('offers the nearest existing host for a host that is no service', () => {
    const { titles } = fixesOf(vs('    - destination:\n        host: svc-helo\n'), 'IST0101', 'svc-helo');
    assert.equal(titles[0], 'Change to `svc-hello`', titles.join(' | '));
  });

  it('offers the existing gateways for a gateway that is not defined', () => {
    const gw = `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: hello-gateway\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port: { number: 80, name: http, protocol: HTTP }\n    hosts: ["*"]\n---\n`;
    const { titles } = fixesOf(gw + vs('    - destination:\n        host: svc-hello\n', '  gateways:\n  - hello-gatway\n'), 'IST0101', 'hello-gatway');
    assert.ok(titles.includes('Change to `hello-gateway`'), titles.join(' | '));
    assert.equal(titles[0], 'Change to `hello-gateway`');
  });

  it('removes the quotes of a weight written as a string', () => {
    const { titles, texts } = fixesOf(vs('    - destination:\n        host: svc-hello\n        subset: v1\n      weight: "90"\n    - destination:\n        host: svc-hello\n        subset: v2\n      weight: 10\n'), 'ISL0106', '90');
    assert.equal(titles[0], 'Remove the quotes: 90');
    assert.equal(texts[0], '90');
  });
});
