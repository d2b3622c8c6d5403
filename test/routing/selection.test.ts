/** Which VirtualService applies (pilot/pkg/model/config.go ResolveShortnameToFQDN, pkg/config/host/name.go,
 *  pilot/pkg/model/push_context.go initVirtualServices, pilot/pkg/networking/core/route/route.go
 *  separateVSHostsAndServices, pilot/pkg/model/sidecar.go computeWildcardHostVirtualServiceIndex). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, workspace } from '../helpers/workspace';
import { BASE, REVIEWS } from './base';

function vsDoc(name: string, ns: string, extra: string, dest = 'ratings.default.svc.cluster.local'): string {
  return `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${name}, namespace: ${ns} }
spec:
${extra}
  http:
  - route: [{ destination: { host: ${dest} } }]
`;
}

describe('host names in a VirtualService', () => {
  it('a short name is expanded in the VirtualService namespace, not the service one', () => {
    const snap = workspace(BASE + vsDoc('r', 'other', '  hosts: [reviews]'));
    assert.equal(sim(snap, `${REVIEWS}/`).action, 'defaultService');
    const own = workspace(BASE + vsDoc('r', 'default', '  hosts: [reviews]'));
    assert.equal(sim(own, `${REVIEWS}/`).action, 'route');
  });
  it('a name with a dot is literal: reviews.default is not reviews.default.svc.cluster.local (ignored on :9080)', () => {
    const snap = workspace(BASE + vsDoc('r', 'default', '  hosts: [reviews.default]'));
    assert.equal(sim(snap, `${REVIEWS}/`).action, 'defaultService');
  });
  it('host matching is case-insensitive', () => {
    const snap = workspace(BASE + vsDoc('r', 'default', '  hosts: [Reviews.Default.svc.cluster.local]'));
    assert.equal(sim(snap, `${REVIEWS}/`).action, 'route');
  });
  it('the bare service name works only from the same namespace (virtual host domains)', () => {
    const snap = workspace(BASE + vsDoc('r', 'default', '  hosts: [reviews]'));
    assert.equal(sim(snap, 'http://reviews:9080/').action, 'route');
    assert.equal(sim(snap, 'http://reviews.default:9080/').action, 'route');
    assert.equal(sim(snap, { url: 'http://reviews:9080/', source: { namespace: 'other', labels: {} } }).action, 'passthrough');
  });
});

describe('wildcard hosts: the most specific wins, an exact host beats every wildcard', () => {
  const snap = workspace(BASE +
    vsDoc('wide', 'default', '  hosts: ["*.svc.cluster.local"]', 'reviews.default.svc.cluster.local') +
    vsDoc('narrow', 'default', '  hosts: ["*.default.svc.cluster.local"]'));
  it('*.default.svc.cluster.local beats *.svc.cluster.local', () => {
    assert.equal(sim(snap, `${REVIEWS}/`).virtualService?.meta.name, 'narrow');
  });
  it('an exact host beats both', () => {
    const s = workspace(BASE + vsDoc('narrow', 'default', '  hosts: ["*.default.svc.cluster.local"]') + vsDoc('exact', 'default', '  hosts: [reviews]', 'reviews'));
    assert.equal(sim(s, `${REVIEWS}/`).virtualService?.meta.name, 'exact');
  });
  it('*.default.svc.cluster.local does not match a name without that suffix', () => {
    const s = workspace(BASE + vsDoc('narrow', 'default', '  hosts: ["*.svc.cluster.local"]'));
    assert.equal(sim(s, 'http://10.0.0.9:9080/').action, 'passthrough');
  });
});

describe('gateways and exportTo decide visibility', () => {
  it('a VirtualService bound only to a gateway has no effect on sidecars', () => {
    const snap = workspace(BASE + vsDoc('r', 'default', '  hosts: [reviews]\n  gateways: [my-gateway]'));
    assert.equal(sim(snap, `${REVIEWS}/`).action, 'defaultService');
    const both = workspace(BASE + vsDoc('r', 'default', '  hosts: [reviews]\n  gateways: [my-gateway, mesh]'));
    assert.equal(sim(both, `${REVIEWS}/`).action, 'route');
  });
  it('exportTo "." hides the VirtualService from other namespaces', () => {
    const snap = workspace(BASE + vsDoc('r', 'default', '  hosts: [reviews]\n  exportTo: ["."]'));
    assert.equal(sim(snap, `${REVIEWS}/`).action, 'route');
    assert.equal(sim(snap, { url: `${REVIEWS}/`, source: { namespace: 'other', labels: {} } }).action, 'defaultService');
  });
  it('exportTo a named namespace shows it there only', () => {
    const snap = workspace(BASE + vsDoc('r', 'default', '  hosts: [reviews]\n  exportTo: [frontend]'));
    assert.equal(sim(snap, { url: `${REVIEWS}/`, source: { namespace: 'frontend', labels: {} } }).action, 'route');
    assert.equal(sim(snap, `${REVIEWS}/`).action, 'defaultService');
  });
});

describe('several VirtualServices for one host on a sidecar: no merge, the oldest wins', () => {
  const older = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: zeta, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z" }
spec:
  hosts: [reviews]
  http:
  - match: [{ uri: { prefix: /a } }]
    route: [{ destination: { host: ratings } }]
`;
  const newer = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: alpha, namespace: default, creationTimestamp: "2025-01-01T00:00:00Z" }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: reviews } }]
`;
  it('creationTimestamp decides, not the name', () => {
    const snap = workspace(BASE + newer + older);
    const r = sim(snap, `${REVIEWS}/b`);
    assert.equal(r.virtualService?.meta.name, 'zeta');
    assert.equal(r.action, 'noRoute', 'the newer VirtualService is not merged in');
  });
  it('with equal timestamps the name decides', () => {
    const snap = workspace(BASE + vsDoc('b-second', 'default', '  hosts: [reviews]', 'reviews') + vsDoc('a-first', 'default', '  hosts: [reviews]'));
    assert.equal(sim(snap, `${REVIEWS}/`).virtualService?.meta.name, 'a-first');
  });
});

describe('a VirtualService for a host outside the registry applies on port 80 only', () => {
  const snap = workspace(BASE + vsDoc('ext', 'default', '  hosts: [api.example.com]'));
  it('port 80', () => assert.equal(sim(snap, 'http://api.example.com/').action, 'route'));
  it('another port passes through', () => assert.equal(sim(snap, 'http://api.example.com:8080/').action, 'passthrough'));
});

describe('delegate VirtualServices (virtualservice.go mergeVirtualServices)', () => {
  const root = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: root, namespace: default }
spec:
  hosts: [reviews]
  http:
  - match: [{ uri: { prefix: /api } }]
    delegate: { name: api, namespace: team }
    timeout: 3s
  - route: [{ destination: { host: reviews } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: team }
spec:
  http:
  - match: [{ uri: { prefix: /api/v2 } }]
    route: [{ destination: { host: ratings.default.svc.cluster.local } }]
  - match: [{ uri: { prefix: /other } }]
    route: [{ destination: { host: ratings.default.svc.cluster.local } }]
`;
  const snap = workspace(BASE + root);
  it('a delegate route replaces the root route in place and inherits its timeout', () => {
    const r = sim(snap, `${REVIEWS}/api/v2/x`);
    assert.equal(r.virtualService?.meta.name, 'api');
    assert.equal(r.httpRouteIndex, 0);
    assert.equal(r.rootVirtualService?.vs.meta.name, 'root');
    assert.equal(r.timeout, '3s');
  });
  it('a request that misses every delegate route goes on with the root next route', () => {
    const r = sim(snap, `${REVIEWS}/api/v1`);
    assert.equal(r.virtualService?.meta.name, 'root');
    assert.equal(r.httpRouteIndex, 1);
  });
  it('a delegate match that conflicts with the root match is dropped', () => {
    assert.equal(sim(snap, `${REVIEWS}/other`).httpRouteIndex, 1);
  });
  it('a regex on either side, or a different ignoreUriCase, conflicts (virtualservice.go stringMatchConflict, hasConflict)', () => {
    const s = workspace(BASE + `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: root, namespace: default }
spec:
  hosts: [reviews]
  http:
  - match: [{ uri: { prefix: /api } }]
    delegate: { name: api }
  - route: [{ destination: { host: reviews } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: default }
spec:
  http:
  - match: [{ uri: { regex: "/api/.*" } }]
    route: [{ destination: { host: ratings } }]
  - match: [{ uri: { prefix: /api/b }, ignoreUriCase: true }]
    route: [{ destination: { host: ratings } }]
  - match: [{ uri: { exact: /api/c } }]
    route: [{ destination: { host: ratings } }]
`);
    assert.equal(sim(s, `${REVIEWS}/api/a`).virtualService?.meta.name, 'root');
    assert.equal(sim(s, `${REVIEWS}/api/b`).virtualService?.meta.name, 'root');
    const c = sim(s, `${REVIEWS}/api/c`);
    assert.equal(c.virtualService?.meta.name, 'api');
    assert.equal(c.httpRouteIndex, 2);
  });
  it('a missing delegate skips the root route; a self-reference does not loop', () => {
    const s = workspace(BASE + `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: root, namespace: default }
spec:
  hosts: [reviews]
  http:
  - delegate: { name: nowhere }
  - delegate: { name: root }
  - route: [{ destination: { host: ratings } }]
`);
    const r = sim(s, `${REVIEWS}/x`);
    assert.equal(r.httpRouteIndex, 2);
  });
});
