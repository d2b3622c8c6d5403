/** An injected abort is not retried: Envoy's HTTP fault filter (source/extensions/filters/http/fault/
 *  fault_filter.cc) answers before the router filter, which holds the retry policy; Istio puts the
 *  fault filter before the router (istio/istio pilot/pkg/networking/core/route/route.go TranslateFault,
 *  pilot/pkg/networking/core/httproute.go). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, workspace } from '../helpers/workspace';
import { REVIEWS, reviewsVirtualService } from './base';

const NOTE = /an injected abort is not retried: the fault filter answers before the router/;

describe('fault injection and retries', () => {
  it('the trace says an injected abort is not retried when the route retries', () => {
    const r = sim(workspace(reviewsVirtualService(`  - fault: { abort: { httpStatus: 500, percentage: { value: 100 } } }
    retries: { attempts: 3, retryOn: 5xx }
    route: [{ destination: { host: reviews } }]
`)), `${REVIEWS}/`);
    assert.equal(r.status, 500);
    assert.ok(r.trace.some((s) => NOTE.test(s.message) && s.message.includes('3 retries')));
  });

  it('nothing to say without retries', () => {
    const r = sim(workspace(reviewsVirtualService(`  - fault: { abort: { httpStatus: 500, percentage: { value: 100 } } }
    retries: { attempts: 0 }
    route: [{ destination: { host: reviews } }]
`)), `${REVIEWS}/`);
    assert.ok(!r.trace.some((s) => NOTE.test(s.message)));
  });
});
