/** The headline of `istio-lens simulate`'s text output never reads as a success when requests fail:
 *  a route to a cluster that does not exist (a subset no DestinationRule defines) is answered with
 *  Envoy's `cluster_not_found_response_code`, SERVICE_UNAVAILABLE (503) by default
 *  (envoyproxy/envoy api/envoy/config/route/v3/route_components.proto, RouteAction). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulateText } from '../../server/src/cli/renderSimulate';
import { Positions } from '../../server/src/core/workspace/positions';
import { sim, workspace } from '../helpers/workspace';

const MESH = `apiVersion: v1
kind: Service
metadata:
  name: svc-hello
spec:
  selector:
    app: hello
  ports:
  - name: http
    port: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: hello-v1
  labels:
    app: hello
    version: v1
status:
  phase: Running
  podIP: 10.0.0.1
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-hello
spec:
  host: svc-hello
  subsets:
  - name: v1
    labels:
      version: v1
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-hello
spec:
  hosts:
  - svc-hello
  http:
  - route:
`;

const dest = (subset: string, weight: number) => `    - destination:\n        host: svc-hello\n        subset: ${subset}\n      weight: ${weight}\n`;

function headline(routes: string): string {
  const snap = workspace(MESH + routes);
  const text = simulateText(sim(snap, 'http://svc-hello.default.svc.cluster.local:8080/'), new Positions(snap));
  return text.split('\n').find((l) => l.startsWith('Result:')) ?? text;
}

describe('simulate text headline', () => {
  it('says routed when every destination serves', () => {
    assert.equal(headline(dest('v1', 100)), 'Result: routed');
  });

  it('says what share fails and why for a 90/10 split with a missing subset', () => {
    assert.equal(headline(dest('v1', 90) + dest('v3', 10)), 'Result: ⚠ 10% of requests fail with 503 (no such cluster), 90% routed');
  });

  it('says all requests fail when the only destination has no cluster', () => {
    assert.equal(headline(dest('v3', 100)), 'Result: ⚠ all requests fail with 503 (no such cluster), status 503');
  });
});
