/** Completion of Gateway API values from the workspace. A parentRef names a Gateway (group/kind default
 *  gateway.networking.k8s.io/Gateway) or, with group "" and kind Service, a Service for the mesh; its
 *  sectionName and port select listeners; a route hostname must intersect a selected listener's
 *  hostname to attach (istio/istio pilot/pkg/config/kube/gateway/conversion.go
 *  toInternalParentReference, referenceAllowed). A backendRef names a Service, not a host name
 *  (conversion.go buildDestination rejects a dotted name); filters other than those convertHTTPRoute,
 *  convertGRPCRoute and buildHTTPDestination convert drop the route. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/ide/completion';
import { fixture } from './fixture';

const WORKSPACE = `#- file: gw.yaml
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: hello-gw, namespace: default}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: hello.example.com}
  - {name: https, port: 443, protocol: HTTPS, hostname: "*.example.com", tls: {certificateRefs: [{name: c}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: other-gw, namespace: edge}
spec: {gatewayClassName: istio, listeners: [{name: web, port: 8080, protocol: HTTP, hostname: edge.example.com}]}
---
apiVersion: v1
kind: Service
metadata: {name: svc-hello, namespace: default}
spec: {selector: {app: hello}, ports: [{name: http, port: 8080}, {name: grpc-api, port: 9000}, {name: tcp-db, port: 5432}, {port: 7000}]}
---
apiVersion: v1
kind: Service
metadata: {name: pay, namespace: edge}
spec: {selector: {app: pay}, ports: [{name: http, port: 9090}]}
#- file: route.yaml
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: default}
spec:
`;

function labels(body: string, kind = 'HTTPRoute'): string[] {
  const f = fixture(WORKSPACE.replace('kind: HTTPRoute', `kind: ${kind}`) + body);
  return complete(f.snap, f.text, f.offset).map((i) => i.label);
}

function items(body: string) {
  const f = fixture(WORKSPACE + body);
  return complete(f.snap, f.text, f.offset);
}

describe('Gateway API completion', () => {
  it('offers the Gateways of the parentRef namespace as parent names', () => {
    assert.deepEqual(labels('  parentRefs:\n  - name: $0\n'), ['hello-gw']);
    assert.deepEqual(labels('  parentRefs:\n  - namespace: edge\n    name: $0\n'), ['other-gw']);
  });

  it('offers Services for a parentRef of kind Service (GAMMA)', () => {
    assert.deepEqual(labels('  parentRefs:\n  - group: ""\n    kind: Service\n    name: $0\n'), ['svc-hello']);
  });

  // A Service parent's sectionName is a port name, its port a port number (kubernetes-sigs/gateway-api
  // apis/v1/shared_types.go ParentReference); Istio reads only the port (istio/istio
  // pilot/pkg/config/kube/gateway/route_collections.go HTTPRouteCollection mesh branch, conversion.go
  // augmentPortMatch, referenceAllowed), and a sidecar routes a tcp-named port as TCP.
  it('offers the port names and numbers of the Service a GAMMA parentRef names', () => {
    const names = items('  parentRefs:\n  - group: ""\n    kind: Service\n    name: svc-hello\n    sectionName: $0\n');
    assert.deepEqual(names.map((i) => i.label), ['http', 'grpc-api', 'tcp-db']);
    assert.equal(names[0].detail, 'port 8080 (HTTP) of Service default/svc-hello');
    assert.match(names[0].documentation ?? '', /Istio does not read `sectionName` on a Service parent.*`port: 8080`/);
    assert.match(names[2].detail ?? '', /^port 5432 \(TCP\) of Service default\/svc-hello ⚠ routed as TCP by sidecars/);
    const ports = items('  parentRefs:\n  - {group: "", kind: Service, name: svc-hello, port: $0}\n');
    assert.deepEqual(ports.map((i) => [i.label, i.detail]), [
      ['8080', 'port http (HTTP) of Service default/svc-hello'],
      ['9000', 'port grpc-api (HTTP) of Service default/svc-hello'],
      ['5432', 'port tcp-db (TCP) of Service default/svc-hello ⚠ routed as TCP by sidecars: this route\'s rules never apply there'],
      ['7000', 'unnamed port (protocol sniffed) of Service default/svc-hello'],
    ]);
    // A TCPRoute is at home on a TCP port.
    const tcp = fixture(WORKSPACE.replace('kind: HTTPRoute', 'kind: TCPRoute') + '  parentRefs:\n  - {group: "", kind: Service, name: svc-hello, port: $0}\n');
    assert.equal(complete(tcp.snap, tcp.text, tcp.offset).find((i) => i.label === '5432')?.detail, 'port tcp-db (TCP) of Service default/svc-hello');
  });

  it('looks the Service parent up in the parentRef namespace, else the route namespace', () => {
    assert.deepEqual(labels('  parentRefs:\n  - group: ""\n    kind: Service\n    namespace: edge\n    name: pay\n    sectionName: $0\n'), ['http']);
    assert.deepEqual(labels('  parentRefs:\n  - {group: "", kind: Service, namespace: edge, name: pay, port: $0}\n'), ['9090']);
    // pay is not in the route's namespace; a Gateway group or another kind is no Service parent.
    assert.deepEqual(labels('  parentRefs:\n  - {group: "", kind: Service, name: pay, port: $0}\n'), []);
    assert.deepEqual(labels('  parentRefs:\n  - {kind: Service, group: gateway.networking.k8s.io, name: svc-hello, sectionName: $0}\n'), []);
  });

  it('offers the listener names and ports of the Gateway the parentRef names', () => {
    assert.deepEqual(labels('  parentRefs:\n  - name: hello-gw\n    sectionName: $0\n'), ['http', 'https']);
    assert.deepEqual(labels('  parentRefs:\n  - name: hello-gw\n    port: $0\n'), ['80', '443']);
    assert.deepEqual(labels('  parentRefs:\n  - {name: other-gw, namespace: edge, sectionName: $0}\n'), ['web']);
  });

  it('offers the hostnames of the listeners the parentRefs select, quoting wildcards', () => {
    const all = items('  parentRefs:\n  - name: hello-gw\n  hostnames:\n  - $0\n');
    assert.deepEqual(all.map((i) => [i.label, i.insertText]), [['hello.example.com', 'hello.example.com'], ['*.example.com', '"*.example.com"']]);
    assert.deepEqual(labels('  parentRefs:\n  - {name: hello-gw, sectionName: http}\n  hostnames:\n  - $0\n'), ['hello.example.com']);
    assert.deepEqual(labels('  parentRefs:\n  - {name: hello-gw, port: 443}\n  hostnames:\n  - $0\n'), ['*.example.com']);
    assert.deepEqual(labels('  hostnames:\n  - $0\n'), []);
  });

  it('offers backendRef Services by name in the backendRef namespace, and their ports', () => {
    assert.deepEqual(labels('  rules:\n  - backendRefs:\n    - name: $0\n'), ['svc-hello']);
    assert.deepEqual(labels('  rules:\n  - backendRefs:\n    - namespace: edge\n      name: $0\n'), ['pay']);
    assert.deepEqual(labels('  rules:\n  - backendRefs:\n    - {name: pay, namespace: edge, port: $0}\n'), ['9090']);
  });

  it('offers the filter types Istio converts first, and marks the others', () => {
    const http = items('  rules:\n  - filters:\n    - type: $0\n');
    assert.deepEqual(http.slice(0, 6).map((i) => i.label), ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'RequestMirror', 'URLRewrite', 'CORS']);
    assert.deepEqual(http.filter((i) => i.detail?.startsWith('⚠')).map((i) => i.label).sort(), ['ExtensionRef', 'ExternalAuth']);
    assert.deepEqual(labels('  rules:\n  - filters:\n    - type: $0\n', 'GRPCRoute').slice(0, 3), ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror']);
    const backend = items('  rules:\n  - backendRefs:\n    - name: svc-hello\n      port: 8080\n      filters:\n      - type: $0\n');
    assert.deepEqual(backend.filter((i) => !i.detail?.startsWith('⚠')).map((i) => i.label), ['RequestHeaderModifier', 'ResponseHeaderModifier']);
  });
});
