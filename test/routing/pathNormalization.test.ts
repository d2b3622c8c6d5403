/** Envoy normalizes the request path before routing, as Istio configures it by default: MeshConfig
 *  pathNormalization DEFAULT/BASE sets the HTTP connection manager's normalize_path
 *  (istio/istio pilot/pkg/networking/core/listener_builder.go; Envoy source/common/http/path_utility.cc
 *  canonicalPath, on Chromium's url_canon_path; istio.io/latest/docs/reference/config/security/normalization/):
 *  unreserved characters percent-decoded once, backslashes made slashes, dot segments resolved (RFC 3986
 *  5.2.4); adjacent slashes and %2F kept. The route matches, and the upstream gets, the normalized path. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePath } from '../../server/src/core/routing/pathNormalization';
import { sim, workspace } from '../helpers/workspace';
import { REVIEWS, reviewsVirtualService } from './base';

const snap = workspace(reviewsVirtualService(`  - match: [{ uri: { prefix: /v2 } }]
    route: [{ destination: { host: reviews, subset: v2 } }]
  - match: [{ uri: { exact: /api/data } }]
    route: [{ destination: { host: reviews, subset: v3 } }]
  - route: [{ destination: { host: reviews, subset: v1 } }]
`) + `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }, { name: v3, labels: { version: v3 } }]
`);

const subset = (path: string) => sim(snap, `${REVIEWS}${path}`).destinations[0]?.subset;

describe('path normalization before routing (Istio default BASE)', () => {
  it('resolves dot segments: /v1/../v2/x is routed as /v2/x', () => {
    const r = sim(snap, `${REVIEWS}/v1/../v2/x`);
    assert.equal(r.destinations[0].subset, 'v2');
    assert.equal(r.request.path, '/v2/x');
    assert.equal(r.request.rawPath, '/v1/../v2/x');
    assert.ok(r.trace.some((t) => /normalizes the path \/v1\/\.\.\/v2\/x to \/v2\/x/.test(t.message)), 'the trace says so');
  });
  it('decodes percent-encoded unreserved characters once: /%76%32 is /v2, /api/%64ata is /api/data', () => {
    assert.equal(subset('/%76%32/x'), 'v2');
    assert.equal(subset('/api/%64ata'), 'v3');
    assert.equal(normalizePath('/%2561'), '/%2561', 'no double decoding');
  });
  it('turns backslashes into slashes', () => {
    assert.equal(subset('/api\\data'), 'v3');
  });
  it('keeps adjacent slashes and an encoded slash (MERGE_SLASHES and DECODE_AND_MERGE_SLASHES are not the default)', () => {
    assert.equal(subset('//v2/x'), 'v1');
    assert.equal(subset('/api%2Fdata'), 'v1');
  });
  it('leaves a path without anything to normalize as it is', () => {
    const r = sim(snap, `${REVIEWS}/v2/x?q=%41`);
    assert.equal(r.request.path, '/v2/x');
    assert.equal(r.request.rawPath, undefined);
    assert.equal(normalizePath('/a/./b/../../c/'), '/c/');
    assert.equal(normalizePath('/..'), '/');
  });
});
