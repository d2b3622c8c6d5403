/** The look-ups kept from one snapshot to the next: the snapshot's workload index survives an edit
 *  that keeps every workload, and only such an edit; so do the analyzers' indexes of a list. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeptIndex } from '../../server/src/core/workspace/keptIndex';
import { analyzeFile, buildSnapshot, DEFAULT_OPTIONS, Snapshot, type FileResult } from '../../server/src/core/workspace/snapshot';

const deployment = (name: string, version: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: reviews, version: ${version}}\n`;
const service = (port: number) => `apiVersion: v1\nkind: Service\nmetadata: {name: reviews, namespace: shop}\nspec:\n  selector: {app: reviews}\n  ports: [{port: ${port}}]\n`;

/** Snapshots as an editor session makes them: an unchanged file keeps its resources. */
function session(): (path: string, text: string) => Snapshot {
  const files = new Map<string, FileResult>();
  return (path, text) => {
    files.set(path, analyzeFile(path, text, DEFAULT_OPTIONS));
    return new Snapshot(new Map(files), DEFAULT_OPTIONS);
  };
}

const names = (snap: Snapshot, ns: string | undefined, selector: Record<string, string>) => snap.selectWorkloads(ns, selector).map((w) => w.name);

describe('snapshot look-ups kept across edits', () => {
  it('answers after an edit of a Service as a new workspace would, and after an edit of a workload too', () => {
    const edit = session();
    edit('pods.yaml', [deployment('v1', 'v1'), deployment('v2', 'v2')].join('---\n'));
    let snap = edit('svc.yaml', service(80));
    assert.deepEqual(names(snap, 'shop', { app: 'reviews', version: 'v2' }), ['v2']);
    snap = edit('svc.yaml', service(81));
    assert.deepEqual(names(snap, 'shop', { app: 'reviews', version: 'v2' }), ['v2']);
    assert.deepEqual(names(snap, undefined, { app: 'reviews' }), ['v1', 'v2']);
    snap = edit('pods.yaml', [deployment('v1', 'v1'), deployment('v2', 'v3')].join('---\n'));
    assert.deepEqual(names(snap, 'shop', { app: 'reviews', version: 'v2' }), []);
    assert.deepEqual(names(snap, 'shop', { version: 'v3' }), ['v2']);
    const fresh = buildSnapshot([...snap.files].map(([p, f]) => [p, f.source.text]));
    assert.deepEqual(names(fresh, 'shop', { version: 'v3' }), ['v2']);
  });

  it('answers with its own workloads when those of the last snapshot were moved by an edit above them', () => {
    const edit = session();
    const before = edit('pods.yaml', [deployment('v1', 'v1'), deployment('v2', 'v2')].join('---\n'));
    assert.deepEqual(names(before, 'shop', { app: 'reviews' }), ['v1', 'v2']);
    // As the language server re-bases the resources of a document that moved: same lowering, new objects.
    const pods = before.files.get('pods.yaml')!;
    const moved = pods.resources.map((r) => ({ ...r, meta: { ...r.meta } }));
    const after = new Snapshot(new Map([...before.files, ['pods.yaml', { ...pods, resources: moved }]]), DEFAULT_OPTIONS);
    const found = after.selectWorkloads('shop', { app: 'reviews' });
    assert.deepEqual(found.map((w) => w.name), ['v1', 'v2']);
    assert.ok(found.every((w) => after.workloads.includes(w)));
  });
});

describe('the service registry after an edit above its Services', () => {
  it("points at the moved Service, not at its earlier self, and follows a Service's own edit", () => {
    const edit = session();
    const before = edit('svc.yaml', service(80));
    const host = 'reviews.shop.svc.cluster.local';
    assert.equal(before.serviceByHost(host)?.source, before.services[0]);
    // As the language server re-bases a moved document's resources: the same lowering (meta.raw), new objects.
    const svc = before.files.get('svc.yaml')!;
    const moved = svc.resources.map((r) => ({ ...r, meta: { ...r.meta } }));
    const after = new Snapshot(new Map([...before.files, ['svc.yaml', { ...svc, resources: moved }]]), DEFAULT_OPTIONS);
    const entry = after.serviceByHost(host);
    assert.equal(entry?.source, after.services[0]);
    assert.notEqual(entry?.source, before.services[0]);
    assert.deepEqual(entry?.ports.map((p) => p.port), [80]);
    assert.equal(entry?.k8sName, 'reviews');
    // The earlier snapshot still answers with its own Service.
    assert.equal(before.serviceByHost(host)?.source, before.services[0]);
    assert.deepEqual(edit('svc.yaml', service(81)).serviceByHost(host)?.ports.map((p) => p.port), [81]);
  });
});

describe('an index kept for the next list', () => {
  it('is built again only when the list holds other objects or the key changed', () => {
    let builds = 0;
    const index = new KeptIndex((list: readonly object[], key) => ({ size: list.length, key, build: ++builds }));
    const [a, b, c] = [{}, {}, {}];
    const first = index.get([a, b], 'cluster.local');
    assert.equal(index.get([a, b], 'cluster.local'), first);
    assert.equal(index.get([a, c], 'cluster.local').build, 2);
    assert.equal(index.get([a, c, b], 'cluster.local').size, 3);
    assert.equal(index.get([a, c, b], 'example.org').key, 'example.org');
    assert.equal(builds, 4);
  });
});
