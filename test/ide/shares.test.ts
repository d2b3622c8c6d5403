/** The shares the hovers, references and inlay hints quote (uses.ts shareOf) are the engine's
 *  (core/routing/httpEval.ts weightedBackends, after route.go applyHTTPRouteDestination): one
 *  destination takes everything, weight-0 destinations are dropped, the rest share weight/total. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { RouteDestination } from '../../server/src/core/model/istioTypes';
import { weightedBackends } from '../../server/src/core/routing/backends';
import { backendsOf } from '../../server/src/core/routing/fromVirtualService';
import { Trace } from '../../server/src/core/routing/trace';
import { shareOf } from '../../server/src/core/ide/uses';
import { fixture } from './fixture';

describe('route shares', () => {
  it('agree with the routing engine for any weights', () => {
    const f = fixture('#- include: examples/hello/workload.yaml\n#- file: x.yaml\n$0');
    const vs = f.snap.workloads[0].meta; // any resource's meta: only used to place trace steps
    const ctx = { snap: f.snap, client: { namespace: 'default', labels: {} }, listenerPort: 8080, portRule: 'listener' as const, trace: new Trace() };
    fc.assert(fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: 1, maxLength: 5 }), (weights) => {
      const route: RouteDestination[] = weights.map((weight, index) => ({ index, weight, destination: { host: 'svc-hello' } }));
      const engine = new Map(weightedBackends(backendsOf(route, ['spec']), vs, ['spec'], ctx).map((d, i) => [d.index ?? i, d.weight]));
      for (const d of route) assert.equal(shareOf(route, d), engine.get(d.index) ?? 0, JSON.stringify(weights));
    }), { numRuns: 300 });
  });
});
