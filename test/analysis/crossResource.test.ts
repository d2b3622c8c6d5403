/** Workspace-level behaviour of analyze(): suppression, cluster domain, partial workspaces, cross-file
 *  effects, and no false positives on the seed examples. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, SUPPRESS_ANNOTATION } from '../../server/src/core/analysis';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { workspace } from '../helpers/workspace';

const SERVICE = `#- file: svc.yaml
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1, namespace: shop, labels: {app: reviews, version: v1}}
spec: {containers: [{name: reviews, image: reviews}]}
`;

const VS = (host: string, subset: string, annotations = '') => `#- file: vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop${annotations ? `\n  annotations: {${annotations}}` : ''}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: ${host}, subset: ${subset}}}]}]
`;

const DR = (host: string, subsets: string[]) => `#- file: dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: "${host}"
  subsets: [${subsets.map((s) => `{name: ${s}, labels: {version: ${s}}}`).join(', ')}]
`;

const codes = (text: string, options = {}) => analyze(workspace(text, options)).filter((f) => f.severity !== 'info').map((f) => `${f.file} ${f.code}`);

/** Loads folders as the CLI does (without the CLI): every .yaml under them. */
function loadDirs(...dirs: string[]): [string, string][] {
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yaml')).map((f): [string, string] => [join(d, f), readFileSync(join(d, f), 'utf8')]));
}

describe('analyze() over a workspace', () => {
  it('is clean on the seed example (examples/hello) and on each article case with the workload', () => {
    // examples/hello-cases/README.md: the cases are valid Istio configuration.
    for (const dirs of [['examples/hello'], ['examples/hello-cases/case3', 'examples/hello'], ['examples/hello-cases/case4', 'examples/hello']]) {
      const files = loadDirs(...dirs).filter(([p]) => !(dirs.length > 1 && p.endsWith('case5.yaml')));
      const bad = analyze(buildSnapshot(files)).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(bad.map((f) => `${f.file} ${f.code} ${f.message}`), [], dirs.join(' + '));
    }
  });

  it('republishes across files: a subset error in vs.yaml appears and disappears with dr.yaml', () => {
    assert.deepEqual(codes(SERVICE + VS('reviews', 'v1') + DR('reviews', ['v2'])), ['vs.yaml IST0101']);
    assert.deepEqual(codes(SERVICE + VS('reviews', 'v2') + DR('reviews', ['v2'])), ['dr.yaml IST0173'], 'a routed subset without pods is an error');
    assert.deepEqual(codes(SERVICE + VS('reviews', 'v1') + DR('reviews', ['v1'])), []);
  });

  it('accepts a wildcard DestinationRule host (unlike istioctl IST0174/IST0101)', () => {
    assert.deepEqual(codes(SERVICE + VS('reviews', 'v1') + DR('*.shop.svc.cluster.local', ['v1'])), []);
  });

  it('resolves hosts with a non-default cluster domain (istio/istio#48326)', () => {
    const text = SERVICE + VS('reviews.shop.svc.corp.local', 'v1') + DR('reviews', ['v1']);
    assert.deepEqual(codes(text, { clusterDomain: 'corp.local' }), []);
    assert.deepEqual(codes(text), ['vs.yaml IST0101', 'vs.yaml IST0101'], 'with the default domain the corp.local host (and its subset) are unknown');
  });

  it('does not report missing hosts or pods when the workspace holds no Service or workload at all', () => {
    // As `istioctl analyze --use-kube=false` (pkg/config/analysis/local/istiod_analyze.go) skips them.
    assert.deepEqual(codes(VS('reviews', 'v1') + DR('reviews', ['v1'])), []);
    assert.deepEqual(codes(VS('reviews', 'v2') + DR('reviews', ['v1'])), ['vs.yaml IST0101'], 'subset checks need no Service');
  });

  it('reports a short host whose Service lives in another namespace, with the qualified name as fix', () => {
    const other = VS('reviews', 'v1').replace('namespace: shop', 'namespace: frontend');
    const f = analyze(workspace(SERVICE + other + DR('reviews.shop.svc.cluster.local', ['v1']))).filter((x) => x.code === 'IST0101');
    assert.equal(f.length, 2, 'the host, and the subset of reviews.frontend');
    assert.equal(f[0].fix?.edits[0].newText, 'reviews.shop.svc.cluster.local');
  });

  it('treats the files as the whole cluster with completeWorkspace, as istioctl analyzer tests do', () => {
    // istio/istio pkg/config/analysis/analyzers/testdata/destinationrule-with-fake-host.yaml: a lone DestinationRule gets IST0174.
    const snap = workspace(VS('reviews', 'v1') + DR('reviews', ['v1']));
    assert.deepEqual(analyze(snap, { completeWorkspace: true }).map((f) => `${f.file} ${f.code}`), ['dr.yaml IST0174', 'vs.yaml IST0101']);
  });

  it(`honours the ${SUPPRESS_ANNOTATION} annotation per resource, and options.suppress`, () => {
    const other = VS('reviews', 'v2').replace('vs.yaml', 'vs2.yaml').replace('name: reviews\n', 'name: reviews-v2\n');
    const text = SERVICE + VS('ratings', 'v9', `"${SUPPRESS_ANNOTATION}": "IST0101"`) + DR('reviews', ['v1', 'v2']) + other;
    assert.deepEqual(codes(text), ['dr.yaml IST0173', 'vs2.yaml IST0109', 'vs.yaml IST0109'].sort());
    const all = SERVICE + VS('ratings', 'v9', `"${SUPPRESS_ANNOTATION}": "*"`) + DR('reviews', ['v1', 'v2']) + other;
    assert.deepEqual(codes(all), ['dr.yaml IST0173', 'vs2.yaml IST0109']);
    assert.deepEqual(analyze(workspace(all), { suppress: ['IST0173', 'IST0109'] }).filter((f) => f.severity !== 'info'), []);
  });

  it('treats one VirtualService defined in several files as one object, not an IST0109 conflict', () => {
    assert.deepEqual(codes(SERVICE + VS('reviews', 'v1') + DR('reviews', ['v1']) + VS('reviews', 'v1').replace('vs.yaml', 'copy.yaml')), []);
  });

  it('never throws on hostile input', () => {
    for (const text of ['spec: [', 'kind: VirtualService\nspec: {http: [null, 3, {route: 7}]}', 'kind: DestinationRule\nspec: {subsets: [null, {name: 3}]}', '- a\n- b', 'kind: Gateway\nspec: {servers: [{port: null, hosts: [null]}]}']) {
      assert.doesNotThrow(() => analyze(workspace(`apiVersion: networking.istio.io/v1\n${text}`)));
    }
  });
});
