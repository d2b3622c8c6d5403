/** Hover previews (and share inlay hints) of HTTPRoutes and GRPCRoutes: where the route attached, or why not, as the status
 *  Istio writes (istio/istio pilot/pkg/config/kube/gateway/conversion.go referenceAllowed,
 *  conditions.go createRouteStatus); then each rule's backends with their shares (weight / total,
 *  conversion.go buildHTTPDestination) and the pods behind them, a missing backend's share answered
 *  with 500 (route.go applyHTTPRouteDestination). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/core/ide/hover';
import { inlayHints } from '../../server/src/core/ide/inlayHints';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const read = (f: string): [string, string] => [f, readFileSync(f, 'utf8')];
const WORKLOAD = read('examples/hello/workload.yaml');
const INGRESS = read('examples/gateway-api/ingress/gateway.yaml');

function hoverAt(files: [string, string][], file: string, needle: string, at: number): string {
  const snap = buildSnapshot(files);
  const text = files.find(([f]) => f === file)![1];
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return hover(snap, file, i + at)?.contents ?? '';
}

describe('Gateway API route previews', () => {
  it('previews an ingress HTTPRoute on its name: the listener it attached to, each rule, backends and pods', () => {
    const md = hoverAt([WORKLOAD, INGRESS], INGRESS[0], 'name: hello-ingress', 8);
    assert.match(md, /\*\*HTTPRoute default\/hello-ingress\*\*/);
    assert.match(md, /- Gateway default\/hello-gw: attached to listener `http` \(port 80 HTTP hello\.example\.com\)/);
    assert.match(md, /\| rules\[0\] \| \/v2\* \| route \| `svc-hello-v2:8080` \| 100% \| hello-server-v2 \|/);
    assert.match(md, /\| rules\[1\] \| =\/old \| redirect 302 \|/);
    assert.match(md, /\| rules\[2\] \| \* \| route \| `svc-hello-v1:8080` \| 100% \| hello-server-v1 \|/);
  });

  it('previews one rule on its keys', () => {
    const md = hoverAt([WORKLOAD, INGRESS], INGRESS[0], '  - matches:', 5);
    assert.match(md, /rules\[0\]/);
    assert.doesNotMatch(md, /rules\[1\]|rules\[2\]/);
  });

  it('says why a route did not attach', () => {
    const lost = INGRESS[1].replace('  hostnames:\n  - hello.example.com', '  hostnames:\n  - other.example.com');
    const md = hoverAt([WORKLOAD, [INGRESS[0], lost]], INGRESS[0], 'name: hello-ingress', 8);
    assert.match(md, /- Gateway default\/hello-gw: ⚠ not attached: NoMatchingListenerHostname \(no hostnames matched parent hostname "hello\.example\.com"\)/);
    const noGw = INGRESS[1].replace('  - name: hello-gw', '  - name: nowhere-gw');
    assert.match(hoverAt([WORKLOAD, [INGRESS[0], noGw]], INGRESS[0], 'name: hello-ingress', 8), /- Gateway default\/nowhere-gw: ⚠ not attached: no such Gateway in the workspace/);
  });

  it('gives each backend its share of the weights, and the 500 of one that does not resolve', () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: split, namespace: default}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 8080}]
  rules:
  - backendRefs:
    - {name: svc-hello-v1, port: 8080, weight: 3}
    - {name: svc-hello-v2, port: 8080, weight: 1}
    - {name: svc-gone, port: 8080, weight: 4}
    - {name: svc-hello-v2, port: 8080, weight: 0}
`;
    const md = hoverAt([WORKLOAD, ['split.yaml', route]], 'split.yaml', 'name: split', 7);
    assert.match(md, /- Service default\/svc-hello port 8080: attached for the mesh/);
    assert.match(md, /\| rules\[0\] \| \* \| route \| `svc-hello-v1:8080` \| 37\.5% \| hello-server-v1 \|\n\| \| \| \| `svc-hello-v2:8080` \| 12\.5% \| hello-server-v2 \|\n\| \| \| \| `svc-gone:8080` \| 50% \| ⚠ Envoy answers 500 \(BackendNotFound: backend\(svc-gone\.default\.svc\.cluster\.local\) not found\) \|$/m);
    assert.match(md, /⚠ ResolvedRefs: BackendNotFound/);
  });

  it('says on a parentRef whether the route attached there', () => {
    const md = hoverAt([WORKLOAD, INGRESS], INGRESS[0], '  - name: hello-gw', 10);
    assert.equal(md, 'Gateway default/hello-gw: attached to listener `http` (port 80 HTTP hello.example.com)');
  });

  // A Service parent: Istio checks only that the Service exists, reads the port (adding it to every
  // match) and no sectionName (istio/istio pilot/pkg/config/kube/gateway/conversion.go
  // referenceAllowed, augmentPortMatch; route_collections.go HTTPRouteCollection mesh branch).
  it('says on a GAMMA parentRef which Service host and ports the route applies to', () => {
    const svc = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80}, {name: grpc-web, port: 9000}, {name: tcp-db, port: 5432}]}
`;
    const route = (ref: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs:
  - ${ref}
  rules: [{backendRefs: [{name: api, port: 80}]}]
`;
    const at = (ref: string, kind = 'HTTPRoute') => hoverAt([['svc.yaml', svc], ['r.yaml', route(ref).replace('kind: HTTPRoute', `kind: ${kind}`)]], 'r.yaml', 'Service, name: ', 16);
    assert.equal(at('{group: "", kind: Service, name: api}'),
      'Service shop/api: attached for the mesh: sidecar traffic to `api.shop.svc.cluster.local`, every HTTP port: 80 http, 9000 grpc-web (not 5432 tcp-db (TCP))');
    assert.equal(at('{group: "", kind: Service, name: api, port: 80}'), 'Service shop/api port 80: attached for the mesh: sidecar traffic to `api.shop.svc.cluster.local` port 80 http');
    assert.equal(at('{group: "", kind: Service, name: api, port: 8080}'),
      'Service shop/api port 8080: attached for the mesh: sidecar traffic to `api.shop.svc.cluster.local` port 8080 ⚠ the Service has no port 8080: no request takes this route');
    assert.match(at('{group: "", kind: Service, name: api, port: 5432}'), /port 5432 tcp-db ⚠ sidecars route this port as TCP: the rules never apply$/);
    assert.match(at('{group: "", kind: Service, name: api, sectionName: grpc-web}'), /every HTTP port: .*; Istio does not read sectionName `grpc-web` on a Service parent$/);
    assert.match(at('{group: "", kind: Service, name: api}', 'TCPRoute'), /`api\.shop\.svc\.cluster\.local`, every port: 80 http, 9000 grpc-web, 5432 tcp-db$/);
    assert.match(at('{group: "", kind: Service, name: apx}'), /⚠ not attached: NoMatchingParent/);
  });

  it('shows each backendRef\'s share inline when a rule\'s weights do not sum to 100', () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: split, namespace: default}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 8080}]
  rules:
  - backendRefs:
    - {name: svc-hello-v1, port: 8080, weight: 3}
    - {name: svc-hello-v2, port: 8080}
  - backendRefs:
    - {name: svc-hello-v1, port: 8080, weight: 90}
    - {name: svc-hello-v2, port: 8080, weight: 10}
`;
    const snap = buildSnapshot([WORKLOAD, ['split.yaml', route]]);
    const hints = inlayHints(snap, 'split.yaml', { start: 0, end: route.length }).map((h) => `${route.slice(h.offset - 12, h.offset)}|${h.label}`);
    assert.deepEqual(hints, ['0, weight: 3|= 75%', 'svc-hello-v2|= 25%']);
  });
});
