/** Definition and references between Gateway API backendRefs and the Services they name: a backendRef's
 *  `name` is a Service in its `namespace`, else the route's (istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go buildDestination); and between parentRefs and the
 *  Gateways, listeners (sectionName, port) or Services they name (conversion.go
 *  toInternalParentReference, referenceAllowed). */
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

const GATEWAY = `#- file: gw.yaml
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop-gw, namespace: shop}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: admin, port: 8080, protocol: HTTP}
`;
const parentRoute = (refs: string) => `#- file: route.yaml
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs:
${refs}`;

describe('Gateway API parentRefs in the editor', () => {
  it('goes from a parentRef name to the Gateway, and from sectionName and port to the listener', () => {
    const name = fixture(GATEWAY + parentRoute('  - {name: shop$0-gw}\n'));
    assert.deepEqual(show(name, definition(name.snap, name.file, name.offset)), ['gw.yaml:3: shop-gw']);
    const section = fixture(GATEWAY + parentRoute('  - {name: shop-gw, sectionName: adm$0in}\n'));
    assert.deepEqual(show(section, definition(section.snap, section.file, section.offset)), ['gw.yaml:8: admin']);
    const port = fixture(GATEWAY + parentRoute('  - {name: shop-gw, port: 80$080}\n'));
    assert.deepEqual(show(port, definition(port.snap, port.file, port.offset)), ['gw.yaml:8: 8080']);
  });

  it('does not take a parentRef in another namespace, or of another kind, for the Gateway', () => {
    const other = fixture(GATEWAY + parentRoute('  - {name: shop$0-gw, namespace: pay}\n'));
    assert.deepEqual(definition(other.snap, other.file, other.offset), []);
    const kind = fixture(GATEWAY + parentRoute('  - {group: example.com, kind: Gateway, name: shop$0-gw}\n'));
    assert.deepEqual(definition(kind.snap, kind.file, kind.offset), []);
  });

  it('goes from a Service parentRef (GAMMA) to the Service, and finds it from the Service', () => {
    const f = fixture(SERVICES + parentRoute('  - {group: "", kind: Service, name: sh$0op}\n'));
    assert.deepEqual(show(f, definition(f.snap, f.file, f.offset)), ['svc.yaml:3: shop']);
    const back = fixture(SERVICES.replace('metadata: {name: shop, namespace: shop}', 'metadata: {name: sh$0op, namespace: shop}') + parentRoute('  - {group: "", kind: Service, name: shop}\n  - {name: shop}\n'));
    assert.deepEqual(show(back, references(back.snap, back.file, back.offset, false)), ['route.yaml:6: shop']);
  });

  // sectionName of a Service parent is a port name (kubernetes-sigs/gateway-api apis/v1/shared_types.go ParentReference).
  it('goes from a Service parentRef sectionName and port to the Service port', () => {
    const section = fixture(SERVICES + parentRoute('  - {group: "", kind: Service, name: shop, sectionName: ht$0tp}\n'));
    assert.deepEqual(show(section, definition(section.snap, section.file, section.offset)), ['svc.yaml:4: http']);
    const port = fixture(SERVICES + parentRoute('  - {group: "", kind: Service, name: shop, namespace: pay, port: 80$080}\n'));
    assert.deepEqual(show(port, definition(port.snap, port.file, port.offset)), ['svc.yaml:9: 8080']);
    const none = fixture(SERVICES + parentRoute('  - {group: "", kind: Service, name: shop, port: 80$080}\n'));
    assert.deepEqual(definition(none.snap, none.file, none.offset), []);
  });

  it('finds the parentRefs naming a Gateway, and the sectionNames naming a listener', () => {
    const routes = parentRoute('  - {name: shop-gw}\n  - {name: shop-gw, sectionName: admin}\n  - {name: shop-gw, sectionName: http}\n  - {name: shop-gw, namespace: pay}\n');
    const gw = fixture(GATEWAY.replace('name: shop-gw', 'name: shop$0-gw') + routes);
    assert.deepEqual(show(gw, references(gw.snap, gw.file, gw.offset, false)), ['route.yaml:6: shop-gw', 'route.yaml:7: shop-gw', 'route.yaml:8: shop-gw']);
    const listener = fixture(GATEWAY.replace('name: admin', 'name: ad$0min') + routes);
    assert.deepEqual(show(listener, references(listener.snap, listener.file, listener.offset, true)), ['gw.yaml:8: admin', 'route.yaml:7: admin']);
    const fromRef = fixture(GATEWAY + routes.replace('sectionName: admin', 'sectionName: adm$0in'));
    assert.deepEqual(show(fromRef, references(fromRef.snap, fromRef.file, fromRef.offset, true)), ['gw.yaml:8: admin', 'route.yaml:7: admin']);
  });
});
