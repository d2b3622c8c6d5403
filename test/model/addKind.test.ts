/** docs/architecture.md "Add a resource kind", followed for a throwaway kind: a registry entry (with its
 *  lowering and schema) and an analyzer declared on the kind, and nothing else. The kind then lowers,
 *  lands in the snapshot, is schema-checked and name-checked by the existing analyzers, and its own
 *  analyzer runs, in full and incrementally after an edit. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runAnalyzers, type Analyzer } from '../../server/src/core/analysis/analyzer';
import { IncrementalAnalysis } from '../../server/src/core/analysis/incremental';
import { ANALYZERS } from '../../server/src/core/analysis/registry';
import type { MessageType } from '../../server/src/core/analysis/messages';
import { num, obj } from '../../server/src/core/model/coerce';
import { registerKind, type ResourceKind } from '../../server/src/core/model/kinds';
import type { ResourceMeta } from '../../server/src/core/model/resource';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

interface Throwaway {
  kind: 'Throwaway';
  meta: ResourceMeta;
  replicas: number;
}

const TOO_MANY: MessageType = { code: 'ISL9999', name: 'TooMany', severity: 'warning', description: 'test only', docsUrl: 'https://example.com' };
const KIND = 'Throwaway' as ResourceKind;

// Step 1: the registry entry, with its lowering and schema.
const unregister = registerKind({
  id: 'Throwaway', kind: 'Throwaway', group: 'lens-test.example.com', versions: ['v1'],
  lower: (meta: ResourceMeta): Throwaway => ({ kind: 'Throwaway', meta, replicas: num(obj(meta.raw.spec)?.replicas) ?? 1 }),
  parts: [], workload: false, routeSource: false, serviceRegistry: false, requiresName: true,
  schema: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' },
      spec: { type: 'object', properties: { replicas: { type: 'integer' } }, additionalProperties: false },
    },
  },
});

// Step 2: an analyzer declared on the kind.
const tooMany: Analyzer = {
  name: 'throwaway.tooMany',
  reads: [KIND],
  scope: 'resource',
  run(ctx) {
    for (const t of ctx.all(KIND) as unknown as Throwaway[]) {
      if (t.replicas > 3) ctx.report({ type: TOO_MANY, text: `${t.replicas} is too many` }, t.meta, ['spec', 'replicas']);
    }
  },
};

const doc = (name: string, spec: string) => `apiVersion: lens-test.example.com/v1\nkind: Throwaway\nmetadata: { name: ${name} }\nspec: ${spec}\n`;

describe('adding a resource kind touches its registry entry, its lowering and its analyzers only', () => {
  after(unregister);
  const files: [string, string][] = [['a.yaml', doc('small', '{ replicas: 2 }')], ['b.yaml', `${doc('big', '{ replicas: 5 }')}---\n${doc('typo', '{ replica: 1 }')}`]];

  it('lowers into the snapshot', () => {
    const snap = buildSnapshot(files);
    assert.deepEqual(snap.ofKind(KIND).map((r) => [r.meta.name, (r as unknown as Throwaway).replicas]), [['small', 2], ['big', 5], ['typo', 1]]);
  });

  it('its analyzer runs, and the schema and name checks cover it', () => {
    const findings = runAnalyzers(buildSnapshot([...files, ['c.yaml', 'apiVersion: lens-test.example.com/v1\nkind: Throwaway\nspec: {}\n']]), [...ANALYZERS, tooMany]);
    const codes = findings.map((f) => `${f.code} ${f.resource.name || '(no name)'}`);
    assert.ok(codes.includes('ISL9999 big'), codes.join(', '));
    assert.ok(!codes.includes('ISL9999 small'));
    assert.ok(findings.some((f) => f.resource.name === 'typo' && /replica/.test(f.message)), 'the schema validation reads the entry\'s schema');
    assert.ok(findings.some((f) => f.resource.kind === 'Throwaway' && /metadata\.name/.test(f.message)), 'the name check reads the entry');
  });

  it('runs again after an edit of the kind (incremental analysis reads the registry)', () => {
    const inc = new IncrementalAnalysis([tooMany]);
    assert.deepEqual(inc.analyze(buildSnapshot(files)).map((f) => f.message), ['5 is too many']);
    const edited = buildSnapshot([['a.yaml', doc('small', '{ replicas: 9 }')], files[1]]);
    assert.deepEqual(inc.analyze(edited).map((f) => f.message).sort(), ['5 is too many', '9 is too many']);
  });
});
