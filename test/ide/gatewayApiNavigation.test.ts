/** Definition and references between Gateway API backendRefs and the Services they name: a backendRef's
 *  `name` is a Service in its `namespace`, else the route's (istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go buildDestination). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definition } from '../../server/src/core/ide/definition';
import { references } from '../../server/src/core/ide/references';
import type { FileSpan } from '../../server/src/core/ide/types';
import { fixture, type Fixture } from './fixture';

const SERVICES = `#- file: svc.yaml
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: shop}
spec: {selector: {app: shop}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: pay}
spec: {selector: {app: pay}, ports: [{name: http, port: 8080}]}
`;
const route = (backends: string) => `#- file: route.yaml
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  rules:
  - backendRefs:
${backends}`;

function show(f: Fixture, spans: FileSpan[]): string[] {
  return spans.map((s) => {
    const text = f.snap.files.get(s.file)!.source.text;
    const line = text.slice(0, s.span.start).split('\n').length;
    return `${s.file}:${line}: ${text.slice(s.span.start, s.span.end)}`;
  });
}

describe('Gateway API backendRefs in the editor', () => {
  it('goes from a backendRef name to the Service of the route namespace, or of the namespace it names', () => {
    const own = fixture(SERVICES + route('    - {name: sh$0op, port: 80}\n'));
    assert.deepEqual(show(own, definition(own.snap, own.file, own.offset)), ['svc.yaml:3: shop']);
    const other = fixture(SERVICES + route('    - {name: sh$0op, namespace: pay, port: 8080}\n'));
    assert.deepEqual(show(other, definition(other.snap, other.file, other.offset)), ['svc.yaml:8: shop']);
  });

  it('does not take a backendRef of another kind for a Service', () => {
    const f = fixture(SERVICES + route('    - {group: example.com, kind: Bucket, name: sh$0op}\n'));
    assert.deepEqual(definition(f.snap, f.file, f.offset), []);
  });

  it('finds the backendRefs that name a Service from the Service', () => {
    const f = fixture(SERVICES.replace('metadata: {name: shop, namespace: shop}', 'metadata: {name: sh$0op, namespace: shop}') + route('    - {name: shop, port: 80}\n    - {name: shop, namespace: pay, port: 8080}\n'));
    assert.deepEqual(show(f, references(f.snap, f.file, f.offset, false)), ['route.yaml:7: shop']);
  });
});
