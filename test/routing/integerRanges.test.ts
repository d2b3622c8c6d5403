/** A VirtualService with a whole number outside the 32-bit type istio/api declares for its field
 *  (networking/v1alpha3/virtual_service.proto `int32 weight`, `int32 attempts`) cannot be read by
 *  Istio (istio/istio pkg/util/protomarshal ApplyJSON fails) and is rejected whole: the engine routes
 *  as if it were absent, and the trace says why, instead of computing shares from the overflow. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pods, shares, sim, workspace } from '../helpers/workspace';
import { BASE, REVIEWS, reviewsVirtualService } from './base';

const VS = (w1: string, w2: string) => reviewsVirtualService(`  - route:
    - { destination: { host: reviews, subset: v1 }, weight: ${w1} }
    - { destination: { host: reviews, subset: v2 }, weight: ${w2} }
`) + `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }] }
`;

describe('whole numbers outside their protobuf type', () => {
  it('in range, the weights split the traffic (the largest int32 included)', () => {
    const r = sim(workspace(VS('2147483647', '2147483647')), `${REVIEWS}/`);
    assert.deepEqual(Object.values(shares(r)), [50, 50]);
  });

  for (const [w1, w2] of [['1e308', '1e308'], ['4294967296', '1'], ['1', '2147483648']]) {
    it(`weights ${w1} and ${w2}: the VirtualService is rejected, routing goes to every endpoint, and the trace says why`, () => {
      const r = sim(workspace(VS(w1, w2)), `${REVIEWS}/`);
      const all = sim(workspace(BASE), `${REVIEWS}/`);
      assert.deepEqual(pods(r), pods(all));
      assert.ok(r.destinations.every((d) => !d.subset), JSON.stringify(r.destinations));
      const note = r.trace.map((s) => s.message).find((m) => m.includes('is not used'));
      assert.match(note ?? '', /VirtualService default\/reviews is not used: `weight` \S+ is outside int32 .*rejects the whole resource/);
    });
  }
});
