/** Destination → cluster → endpoints (route.go GetDestinationCluster; push_context.go destinationRule;
 *  pilot/pkg/networking/util/util.go MergeSubsetTrafficPolicy; Kubernetes Service selector and targetPort;
 *  istio.io/latest/docs/reference/config/networking/destination-rule/). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pods, sim, workspace } from '../helpers/workspace';
import { BASE, REVIEWS } from './base';

const VS_SUBSET = (subset: string, extra = '') => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: reviews, subset: ${subset}${extra} } }]
`;
const DR = (ns: string, subsets: string, extra = '') => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews-${ns}, namespace: ${ns} }
spec:
  host: reviews.default.svc.cluster.local
${extra}  subsets:
${subsets}`;
const V1 = '  - { name: v1, labels: { version: v1 } }\n';
const V2 = '  - { name: v2, labels: { version: v2 } }\n';

describe('subsets', () => {
  it('subset labels narrow the Service selector', () => {
    const r = sim(workspace(BASE + VS_SUBSET('v2') + DR('default', V1 + V2)), `${REVIEWS}/`);
    assert.deepEqual(pods(r), ['default/reviews-v2']);
    assert.equal(r.destinations[0].cluster, 'outbound|9080|v2|reviews.default.svc.cluster.local');
  });
  it('an undefined subset means no cluster: 503', () => {
    const r = sim(workspace(BASE + VS_SUBSET('v9') + DR('default', V1)), `${REVIEWS}/`);
    assert.equal(r.action, 'route');
    assert.deepEqual(r.destinations[0].endpoints, []);
    assert.match(r.destinations[0].missing ?? '', /subset "v9"/);
    assert.equal(r.status, 503);
  });
  it('a DestinationRule in the client namespace hides the one in the service namespace (no merging)', () => {
    const snap = workspace(BASE + VS_SUBSET('v2') + DR('default', V1 + V2) + DR('frontend', V1));
    const fromFrontend = sim(snap, { url: `${REVIEWS}/`, source: { namespace: 'frontend', labels: {} } });
    assert.match(fromFrontend.destinations[0].missing ?? '', /subset "v2" is not defined in DestinationRule frontend/);
    assert.deepEqual(pods(sim(snap, `${REVIEWS}/`)), ['default/reviews-v2']);
  });
  it('the root namespace is the last resort; exportTo "." keeps a rule to its namespace', () => {
    const snap = workspace(BASE + VS_SUBSET('v1') + DR('istio-system', V1) + DR('default', V2, '  exportTo: ["."]\n'));
    assert.deepEqual(pods(sim(snap, { url: `${REVIEWS}/`, source: { namespace: 'frontend', labels: {} } })), ['default/reviews-v1']);
  });
  it('rules of one namespace for the same host are merged: the first definition of a subset wins', () => {
    const other = DR('default', '  - { name: v1, labels: { version: v3 } }\n').replace('reviews-default', 'reviews-zz');
    const snap = workspace(BASE + VS_SUBSET('v1') + DR('default', V1) + other);
    assert.deepEqual(pods(sim(snap, `${REVIEWS}/`)), ['default/reviews-v1']);
  });
});

describe('destination port', () => {
  const twoPorts = `---
apiVersion: v1
kind: Service
metadata: { name: multi, namespace: default }
spec:
  selector: { app: ratings }
  ports: [{ name: http, port: 8080 }, { name: http-admin, port: 9090 }]
---
apiVersion: v1
kind: Service
metadata: { name: single, namespace: default }
spec:
  selector: { app: ratings }
  ports: [{ name: http, port: 8000 }]
`;
  const vsTo = (host: string, port = '') => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: ${host}${port} } }]
`;
  it('on a sidecar a destination without port uses the request port, even when the service lacks it: 503', () => {
    const r = sim(workspace(BASE + twoPorts + vsTo('single')), `${REVIEWS}/`);
    assert.equal(r.destinations[0].port, 9080);
    assert.equal(r.destinations[0].cluster, 'outbound|9080||single.default.svc.cluster.local');
    assert.match(r.destinations[0].missing ?? '', /has no port 9080/);
    assert.equal(r.status, 503);
  });
  it('an explicit port picks that service port', () => {
    const r = sim(workspace(BASE + twoPorts + vsTo('multi', ', port: { number: 9090 }')), `${REVIEWS}/`);
    assert.equal(r.destinations[0].port, 9090);
    assert.deepEqual(pods(r), ['default/ratings-v1']);
  });
});

describe('endpoints', () => {
  it('only ready pods; a pod without status counts as ready', () => {
    const snap = workspace(BASE + `---
apiVersion: v1
kind: Pod
metadata: { name: reviews-v4, namespace: default, labels: { app: reviews, version: v4 } }
status: { phase: Running, conditions: [{ type: Ready, status: "False" }] }
---
apiVersion: v1
kind: Pod
metadata: { name: reviews-v5, namespace: default, labels: { app: reviews, version: v5 } }
`);
    assert.deepEqual(pods(sim(snap, `${REVIEWS}/`)), ['default/reviews-v1', 'default/reviews-v2', 'default/reviews-v3', 'default/reviews-v5']);
  });
  it('a named targetPort is resolved per pod; a pod without that port name is not an endpoint', () => {
    const snap = workspace(`
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: web-port }]
---
apiVersion: v1
kind: Pod
metadata: { name: web-a, labels: { app: web } }
spec: { containers: [{ name: c, ports: [{ name: web-port, containerPort: 8081 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-b, labels: { app: web } }
spec: { containers: [{ name: c, ports: [{ containerPort: 8081 }] }] }
`);
    const r = sim(snap, 'http://web.default.svc.cluster.local/');
    assert.deepEqual(r.destinations[0].endpoints, [{ pod: 'default/web-a', ip: null, port: 8081 }]);
  });
  it('a Deployment template stands for its pods and says so', () => {
    const snap = workspace(`
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ name: http, port: 80, targetPort: 8080 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web-v1 }
spec:
  replicas: 2
  template:
    metadata: { labels: { app: web, version: v1 } }
    spec: { containers: [{ name: c }] }
`);
    const r = sim(snap, 'http://web.default.svc.cluster.local/');
    assert.deepEqual(r.destinations[0].endpoints, [{ pod: 'default/web-v1', ip: null, port: 8080, fromTemplate: 'Deployment/web-v1' }]);
  });
});

describe('traffic policy merge (util.go GetPortLevelTrafficPolicy, MergeSubsetTrafficPolicy)', () => {
  const extra = `  trafficPolicy:
    loadBalancer: { simple: ROUND_ROBIN }
    connectionPool: { tcp: { maxConnections: 10 } }
    portLevelSettings:
    - port: { number: 9080 }
      outlierDetection: { consecutive5xxErrors: 3 }
`;
  it('port-level settings replace the top level wholesale (no inheritance)', () => {
    const r = sim(workspace(BASE + VS_SUBSET('v1') + DR('default', V1, extra)), `${REVIEWS}/`);
    assert.deepEqual(r.destinations[0].trafficPolicy, { outlierDetection: { consecutive5xxErrors: 3 } });
    assert.equal(r.destinations[0].loadBalancer, 'LEAST_REQUEST');
  });
  it('a subset policy overrides field by field', () => {
    const subsets = '  - name: v1\n    labels: { version: v1 }\n    trafficPolicy: { loadBalancer: { simple: RANDOM } }\n';
    const top = '  trafficPolicy:\n    loadBalancer: { simple: ROUND_ROBIN }\n    connectionPool: { tcp: { maxConnections: 10 } }\n';
    const r = sim(workspace(BASE + VS_SUBSET('v1') + DR('default', subsets, top)), `${REVIEWS}/`);
    assert.deepEqual(r.destinations[0].trafficPolicy, { loadBalancer: { simple: 'RANDOM' }, connectionPool: { tcp: { maxConnections: 10 } } });
    assert.equal(r.destinations[0].loadBalancer, 'RANDOM');
  });
});
