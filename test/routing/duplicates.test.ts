/** One resource in several files: the engine uses one copy, chosen without regard to the order files
 *  were opened. istioctl analyze keeps the last copy it reads (istio/istio pilot/pkg/config/file/store.go
 *  KubeSource.ApplyContent: a later object of the same kind/namespace/name updates the stored one), and
 *  reads a folder in lexical path order as kubectl does (k8s.io/cli-runtime pkg/resource/visitor.go
 *  ExpandPathsToFileVisitors, Go's filepath.Walk). A simulation started from a file uses its copy. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRequest } from '../../server/src/core/routing/request';
import { simulate } from '../../server/src/core/routing/simulate';
import { codeLenses } from '../../server/src/core/ide/codeLens';
import { runSimulation } from '../../server/src/lsp/simulation';
import { comparePaths } from '../../server/src/core/workspace/copies';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { splitFixture } from '../helpers/workspace';
import { BASE, REVIEWS } from './base';

function vsTo(version: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: reviews, subset: ${version} } }]
`;
}

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }, { name: v3, labels: { version: v3 } }]
`;

const base = splitFixture(BASE);
const copies: [string, string][] = [
  ['overlays/prod/vs.yaml', vsTo('v2')],
  ['base/vs.yaml', vsTo('v1')],
  ['overlays/dev/vs.yaml', vsTo('v3')],
];

function subsetFor(files: [string, string][], preferFile?: string): string | null | undefined {
  const snap = buildSnapshot([...base, ['dr.yaml', DR], ...files]);
  const res = simulate(snap, parseRequest({ url: `${REVIEWS}/` }), { preferFile });
  return res.destinations[0]?.subset;
}

describe('a resource defined in several files', () => {
  it('uses the last copy in path order, whatever order the files were read in', () => {
    const orders = [copies, [...copies].reverse(), [copies[1], copies[0], copies[2]]];
    // overlays/prod/vs.yaml sorts last: base < overlays/dev < overlays/prod.
    for (const files of orders) assert.equal(subsetFor(files), 'v2');
  });

  it('uses the copy of the file the simulation was started from', () => {
    assert.equal(subsetFor(copies, 'base/vs.yaml'), 'v1');
    assert.equal(subsetFor(copies, 'overlays/dev/vs.yaml'), 'v3');
    // A file without a copy changes nothing.
    assert.equal(subsetFor(copies, 'dr.yaml'), 'v2');
  });

  it('within one file, the later document is the copy kept (applied last)', () => {
    const one: [string, string] = ['all.yaml', `${vsTo('v1')}---\n${vsTo('v3')}`];
    assert.equal(subsetFor([one]), 'v3');
    assert.equal(subsetFor([one], 'all.yaml'), 'v3');
  });

  it('the trace says which copy was used and why', () => {
    const snap = buildSnapshot([...base, ['dr.yaml', DR], ...copies]);
    const notes = (preferFile?: string) => simulate(snap, parseRequest({ url: `${REVIEWS}/` }), { preferFile }).trace.map((s) => s.message).filter((m) => m.includes('defined 3 times'));
    assert.deepEqual(notes(), ['VirtualService default/reviews is defined 3 times; this uses the copy in overlays/prod/vs.yaml (the last copy in path order, as kubectl apply -R or istioctl analyze -R over the folder would keep); the others: base/vs.yaml, overlays/dev/vs.yaml']);
    assert.match(notes('base/vs.yaml')[0], /uses the copy in base\/vs\.yaml \(the simulation was started from that file\)/);
  });

  it('endpoints of a workload defined twice are counted once', () => {
    const pod = BASE.slice(BASE.indexOf('apiVersion: v1\nkind: Pod\nmetadata: { name: reviews-v1'), BASE.indexOf('---'));
    const snap = buildSnapshot([...base, ['dr.yaml', DR], ['copy/pod.yaml', pod], ['base/vs.yaml', vsTo('v1')]]);
    const res = simulate(snap, parseRequest({ url: `${REVIEWS}/` }));
    assert.deepEqual(res.destinations[0].endpoints.map((e) => e.pod), ['default/reviews-v1']);
  });

  it('orders paths as a directory walk does, segment by segment', () => {
    assert.ok(comparePaths('a/z.yaml', 'a-b/c.yaml') < 0);
    assert.ok(comparePaths('a-b/c.yaml', 'a/z.yaml') > 0);
    assert.ok(comparePaths('base/vs.yaml', 'overlays/dev/vs.yaml') < 0);
    assert.equal(comparePaths('x.yaml', 'x.yaml'), 0);
  });
});

describe('editor features on a copy of a duplicated resource', () => {
  it("each copy's Simulate lens runs a request that matches its own route (the lens simulates with its file's copy)", () => {
    const snap = buildSnapshot([...base, ['dr.yaml', DR], ...copies]);
    for (const [file] of copies) {
      const titles = codeLenses(snap, file).map((l) => l.title).filter((t) => t.startsWith('▶'));
      assert.deepEqual(titles, ['▶ Simulate'], file);
    }
  });

  it('the LSP simulate request uses the copy of the document it names (preferFile, else uri)', () => {
    const snap = buildSnapshot([...base, ['dr.yaml', DR], ...copies]);
    const subset = (preferFile?: string) => runSimulation(snap, `GET ${REVIEWS}/`, preferFile).destinations[0].subset;
    assert.equal(subset(), 'v2');
    assert.equal(subset('base/vs.yaml'), 'v1');
  });
});
