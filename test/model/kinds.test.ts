/** The registry of resource kinds (server/src/core/model/kinds.ts) is the one list of kinds: every kind
 *  the model declares has an entry, every entry lowers into the model and fills what it says, and the
 *  generated schemas are the registry's. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { descriptorFor, kindDescriptors } from '../../server/src/core/model/kinds';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Kinds the model declares: interfaces with `meta: ResourceMeta` and a literal `kind` (a union of
 *  literals counts each). */
function modelKinds(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of sources('server/src/core')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/interface (\w+)[^{]*\{([\s\S]*?)\n\}/g)) {
      const body = m[2];
      if (!/\n\s+meta: ResourceMeta;/.test(body)) continue;
      const kind = /\n\s+kind: ((?:'\w+'(?: \| )?)+);/.exec(body);
      if (!kind) continue;
      for (const k of kind[1].matchAll(/'(\w+)'/g)) out.set(k[1], `${file} ${m[1]}`);
    }
  }
  return out;
}

function document(kind: string, apiVersion: string, name: string): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: ${name}, namespace: ns1 }\nspec: {}\n`;
}

describe('registry of resource kinds', () => {
  const lowered = kindDescriptors().filter((d) => d.lower);

  it('every kind the model declares has a registry entry, and every entry a kind of the model', () => {
    const model = modelKinds();
    assert.ok(model.has('VirtualService') && model.has('Deployment'), 'the scan finds the model');
    for (const [kind, where] of model) assert.ok(lowered.some((d) => d.id === kind), `${where} declares kind ${kind}, which has no entry in model/kinds.ts`);
    for (const d of lowered) assert.ok(model.has(d.id), `model/kinds.ts lists ${d.id}, which no model interface declares`);
  });

  it('each entry lowers its documents, at every served version, into the collections it names', () => {
    for (const d of lowered) {
      for (const version of d.versions) {
        const apiVersion = d.group ? `${d.group}/${version}` : version;
        const snap = buildSnapshot([['k.yaml', document(d.kind, apiVersion, 'one')]]);
        assert.deepEqual(snap.ofKind(d.id as never).map((r) => (r as { meta: { name: string } }).meta.name), ['one'], `${apiVersion} ${d.kind}`);
        assert.equal(snap.resources.length, 1);
        assert.equal(snap.resources[0].kind, d.id);
        if (d.collection) assert.equal((snap[d.collection] as unknown[])[0], snap.resources[0], `${d.kind} fills ${d.collection}`);
        if (d.workload) assert.equal(snap.workloads.length, 1, `${d.kind} is a workload`);
        else assert.equal(snap.workloads.length, 0, `${d.kind} is not a workload`);
      }
      const wrongGroup = buildSnapshot([['k.yaml', document(d.kind, `no-such-group.example.com/${d.versions[0]}`, 'x')]]);
      assert.equal(wrongGroup.resources.length, 0, `${d.kind} of another group is not lowered`);
    }
  });

  it('names only snapshot collections and parts that exist', () => {
    const snap = buildSnapshot([]) as unknown as Record<string, unknown>;
    const lists = Object.keys(snap).filter((k) => Array.isArray(snap[k]) && !['resources', 'wildcardRegistry'].includes(k));
    const collections = new Set(kindDescriptors().map((d) => d.collection).filter(Boolean));
    assert.deepEqual(lists.sort(), [...collections].sort() as string[], 'the snapshot typed lists are the registry collections');
    for (const d of kindDescriptors()) for (const p of d.parts) assert.ok(p in snap, `${d.kind}: no snapshot member ${p}`);
  });

  it('service registry entries feed the registry of hosts', () => {
    for (const d of lowered.filter((x) => x.serviceRegistry)) {
      const yaml = d.kind === 'Service'
        ? 'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: ns1 }\nspec: { ports: [{ port: 80 }] }\n'
        : `apiVersion: ${d.group}/${d.versions[0]}\nkind: ${d.kind}\nmetadata: { name: web, namespace: ns1 }\nspec: { hosts: [web.example.com], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }\n`;
      assert.equal(buildSnapshot([['s.yaml', yaml]]).allRegistryServices().length, 1, d.kind);
    }
  });

  it('the generated schemas are those of registry entries, and each entry with a builder has its schemas', () => {
    const index = JSON.parse(readFileSync('schemas/index.json', 'utf8')) as Record<string, string>;
    for (const key of Object.keys(index)) {
      const [apiVersion, kind] = key.split(' ');
      assert.ok(descriptorFor(kind, apiVersion)?.schema, `schemas/${index[key]} is of no registry entry`);
    }
    for (const d of kindDescriptors()) {
      assert.equal(!!d.schemaSpec, !!d.schema, `${d.kind}: a schema builder and a schema go together`);
      if (!d.schemaSpec || d.schemaSpec === 'gatewayApi') continue;
      for (const v of d.versions) assert.ok(`${d.group ? `${d.group}/` : ''}${v} ${d.kind}` in index, `${d.kind} ${v} has no generated schema`);
    }
  });
});
