/** One table says what the value at a YAML path refers to (server/src/core/ide/referenceTable.ts);
 *  definition, references, hover and completion all read it, so a row added there reaches the four
 *  features at once, and a row taken away leaves all four. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/ide/completion';
import { definition } from '../../server/src/core/ide/definition';
import { hover } from '../../server/src/core/ide/hover';
import { REFERENCE_TABLE, pathMatches, referenceAt, type ReferenceRow } from '../../server/src/core/ide/referenceTable';
import { references } from '../../server/src/core/ide/references';
import { fixture, type Fixture } from './fixture';

const WORKLOAD = '#- include: examples/hello/workload.yaml\n';
const vs = (annotation: string, body = '') => `#- file: vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-hello
  annotations:
    example.com/upstream: ${annotation}
spec:
  hosts:
  - svc-hello
  http:
  - route:
    - destination: { host: svc-hello }
${body}`;

function all(f: Fixture) {
  return {
    definition: definition(f.snap, f.file, f.offset).map((l) => l.file),
    references: references(f.snap, f.file, f.offset, false).map((l) => l.file),
    hover: hover(f.snap, f.file, f.offset)?.contents ?? '',
    completion: complete(f.snap, f.text, f.offset).map((i) => i.label),
  };
}

/** Runs `fn` with a row added to the table, and takes it away after. */
function withRow<T>(row: ReferenceRow, fn: () => T): T {
  const table = REFERENCE_TABLE as ReferenceRow[];
  table.unshift(row);
  try {
    return fn();
  } finally {
    table.splice(table.indexOf(row), 1);
  }
}

describe('the reference table', () => {
  it('matches paths: `*` a list index, `+` a map key, `**.` any prefix', () => {
    assert.ok(pathMatches(['spec', 'http', 0, 'route', 1, 'destination', 'host'], '**.destination.host'));
    assert.ok(pathMatches(['spec', 'hosts', 2], 'spec.hosts.*'));
    assert.ok(!pathMatches(['spec', 'hosts', 'x'], 'spec.hosts.*'));
    assert.ok(pathMatches(['spec', 'subsets', 0, 'labels', 'version'], 'spec.subsets.*.labels.+'));
    assert.ok(!pathMatches(['x', 'spec', 'hosts', 0], 'spec.hosts.*'));
  });

  it('says what a destination subset refers to, with the host beside it', () => {
    const raw = { spec: { http: [{ route: [{ destination: { host: 'svc-hello', subset: 'v1' } }] }] } };
    const ref = referenceAt({ kind: 'VirtualService', namespace: 'shop', path: ['spec', 'http', 0, 'route', 0, 'destination', 'subset'], text: 'v1', raw });
    assert.deepEqual(ref, { to: 'subset', host: 'svc-hello', subset: 'v1', namespace: 'shop' });
  });

  it('reaches definition, references, hover and completion with one row', () => {
    const at = (text: string) => fixture(WORKLOAD + vs(text));
    const before = { written: all(at('svc-hel$0lo')), typing: all(at('$0')) };
    assert.deepEqual([before.written.definition, before.written.references, before.written.hover], [[], [], '']);
    assert.ok(!before.typing.completion.includes('svc-hello'));
    const row: ReferenceRow = { kinds: ['VirtualService'], at: 'metadata.annotations.+', target: (s) => ({ to: 'host', host: s.text, namespace: s.namespace, wildcards: false }) };
    withRow(row, () => {
      const written = all(at('svc-hel$0lo'));
      assert.deepEqual(written.definition, ['examples/hello/workload.yaml']);
      assert.ok(written.references.includes('vs.yaml'), JSON.stringify(written.references));
      assert.match(written.hover, /\*\*Service default\/svc-hello\*\*/);
      assert.ok(all(at('$0')).completion.includes('svc-hello'));
    });
    assert.deepEqual(all(at('svc-hel$0lo')).definition, []);
  });

  it('finds the references of a VirtualService host and the definition of a delegate', () => {
    const f = fixture(WORKLOAD + vs('x').replace('  - svc-hello\n', '  - svc-hel$0lo\n'));
    assert.deepEqual(references(f.snap, f.file, f.offset, false).map((l) => f.snap.files.get(l.file)!.source.text.slice(l.span.start, l.span.end)), ['svc-hello', 'svc-hello']);
    const delegate = `#- file: child.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: child, namespace: team }
spec:
  http:
  - route:
    - destination: { host: svc-hello.default.svc.cluster.local }
`;
    const g = fixture(WORKLOAD + delegate + vs('x', '  - delegate: { name: chi$0ld, namespace: team }\n'));
    assert.deepEqual(definition(g.snap, g.file, g.offset).map((l) => l.file), ['child.yaml']);
  });
});
