/** --count/--seed sampling: weights by a seeded draw, endpoints by the load balancer
 *  (cluster_traffic_policy.go: LEAST_REQUEST by default; ROUND_ROBIN in turn). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleDistribution } from '../../server/src/core/routing/sample';
import { sim, workspace } from '../helpers/workspace';
import { BASE, REVIEWS } from './base';

describe('sampling', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const r = sim(workspace(BASE), `${REVIEWS}/`);
    assert.deepEqual(sampleDistribution(r, 300, 5), sampleDistribution(r, 300, 5));
    assert.notDeepEqual(sampleDistribution(r, 300, 5).byPod, sampleDistribution(r, 300, 6).byPod);
  });
  it('ROUND_ROBIN takes the endpoints in turn', () => {
    const snap = workspace(BASE + `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec: { host: reviews, trafficPolicy: { loadBalancer: { simple: ROUND_ROBIN } } }
`);
    const d = sampleDistribution(sim(snap, `${REVIEWS}/`), 300, 1);
    assert.deepEqual(d.byPod, { 'default/reviews-v1': 100, 'default/reviews-v2': 100, 'default/reviews-v3': 100 });
  });
  it('fault aborts are counted apart', () => {
    const snap = workspace(BASE + `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - fault: { abort: { httpStatus: 503, percentage: { value: 50 } } }
    route: [{ destination: { host: reviews } }]
`);
    const d = sampleDistribution(sim(snap, `${REVIEWS}/`), 1000, 3);
    assert.ok(d.aborted > 430 && d.aborted < 570, String(d.aborted));
  });
});
