/** The summary lens and the hovers of an HTTPRoute flag the rules no request reaches under Istio's
 *  precedence, as the VirtualService summaries flag routes after a catch-all. They read the findings
 *  of the diagnostics themselves (ISL2012, ISL2013), so the editor and the Problems panel agree:
 *  istio/istio pilot/pkg/config/kube/gateway/conversion.go sortHTTPRoutes (a regular-expression path
 *  ranks below every PathPrefix; identical matches keep their order) and
 *  pilot/pkg/networking/core/route/route.go BuildHTTPRoutesForVirtualService (routes after the first
 *  catch-all are dropped). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { codeLenses } from '../../server/src/core/ide/codeLens';
import { hover } from '../../server/src/core/ide/hover';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const WORKLOAD: [string, string] = ['examples/hello/workload.yaml', readFileSync('examples/hello/workload.yaml', 'utf8')];
const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: hello.example.com}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: precedence, namespace: default}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /v2}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - backendRefs: [{name: svc-hello-v1, port: 8080}]
  - matches: [{path: {type: RegularExpression, value: "/r.*"}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - matches: [{path: {type: Exact, value: /x}}, {path: {type: RegularExpression, value: "/y.*"}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /v2}}]
    backendRefs: [{name: svc-hello-v1, port: 8080}]
`;

describe('HTTPRoute rules no request reaches, in lenses and hovers', () => {
  const snap = buildSnapshot([WORKLOAD, ['route.yaml', ROUTE]]);

  it('marks the summary lens of a rule after the catch-all, of a shadowed rule, and of a rule with one lost match', () => {
    const titles = codeLenses(snap, 'route.yaml').filter((l) => !l.simulate).map((l) => l.title);
    assert.deepEqual(titles, [
      '/v2* → svc-hello-v2:8080 100%',
      '* → svc-hello-v1:8080 100%',
      '~/r.* → svc-hello-v2:8080 100% (unreachable)',
      '=/x (+1 more) → svc-hello-v2:8080 100% (1 of 2 matches unreachable)',
      '/v2* → svc-hello-v1:8080 100% (unreachable)',
    ]);
  });

  it('flags exactly the rules the diagnostics flag, and the rule hover quotes their messages', () => {
    const findings = analyze(snap).filter((f) => f.file === 'route.yaml' && (f.code === 'ISL2012' || f.code === 'ISL2013'));
    assert.deepEqual(findings.map((f) => f.code), ['ISL2012', 'ISL2012', 'ISL2013']);
    const third = ROUTE.indexOf('- matches: [{path: {type: Exact');
    const md = hover(snap, 'route.yaml', third + 4)!.contents;
    assert.match(md, /\| rules\[3\] ⚠ 1 of 2 matches unreachable \| =\/x \(\+1 more\) \|/);
    const quoted = md.split('\n').filter((l) => l.startsWith('⚠ ISL')).map((l) => l.trim());
    assert.deepEqual(quoted, findings.filter((f) => f.message.includes('rule 3 ')).map((f) => `⚠ ${f.code}: ${f.message}`));
  });

  it('strikes the unreachable rules in the route hover', () => {
    const md = hover(snap, 'route.yaml', ROUTE.indexOf('name: precedence') + 7)!.contents;
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| rule ') && !l.startsWith('| ---')).map((l) => l.split(' | ')[0]);
    assert.deepEqual(rows, ['| rules[0]', '| rules[1]', '| ~~rules[2]~~ ⚠ unreachable', '| rules[3] ⚠ 1 of 2 matches unreachable', '| ~~rules[4]~~ ⚠ unreachable']);
  });
});

/** GAMMA: for a Service parent Istio ignores the route hostnames and merges the rules of every route
 *  of one namespace on the same Service and parent port into one VirtualService, sorted and cut after
 *  the catch-all like a Gateway's (istio/istio pilot/pkg/config/kube/gateway/route_collections.go
 *  HTTPRouteCollection mesh branch, mergeHTTPRoutes; conversion.go augmentPortMatch; core/route
 *  route.go BuildHTTPRoutesForVirtualService). Routes on another port are another VirtualService. */
const MESH = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: catch-all, namespace: default, creationTimestamp: "2026-01-01T00:00:00Z"}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 8080}]
  hostnames: [a.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /v2}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - backendRefs: [{name: svc-hello-v1, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: later, namespace: default, creationTimestamp: "2026-02-01T00:00:00Z"}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 8080}]
  hostnames: [b.example.com]
  rules:
  - matches: [{path: {type: RegularExpression, value: "/r.*"}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /v2}}, {path: {type: Exact, value: /x}}]
    backendRefs: [{name: svc-hello-v1, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: other-port, namespace: default}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 9090}]
  rules:
  - matches: [{path: {type: RegularExpression, value: "/r.*"}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
`;

describe('GAMMA HTTPRoute rules no request reaches, in lenses and hovers', () => {
  const snap = buildSnapshot([WORKLOAD, ['mesh.yaml', MESH]]);

  it('marks the lenses of rules that another route on the same Service and port hides', () => {
    const titles = codeLenses(snap, 'mesh.yaml').filter((l) => !l.simulate).map((l) => l.title);
    assert.deepEqual(titles, [
      '/v2* → svc-hello-v2:8080 100%',
      '* → svc-hello-v1:8080 100%',
      '~/r.* → svc-hello-v2:8080 100% (unreachable)',
      '/v2* (+1 more) → svc-hello-v1:8080 100% (1 of 2 matches unreachable)',
      '~/r.* → svc-hello-v2:8080 100%',
    ]);
  });

  it('strikes them in the route hover and quotes the findings, which name the Service, in the rule hover', () => {
    const md = hover(snap, 'mesh.yaml', MESH.indexOf('name: later') + 7)!.contents;
    const rows = md.split('\n').filter((l) => l.startsWith('| rules') || l.startsWith('| ~~')).map((l) => l.split(' | ')[0]);
    assert.deepEqual(rows, ['| ~~rules[0]~~ ⚠ unreachable', '| rules[1] ⚠ 1 of 2 matches unreachable']);
    const rule = hover(snap, 'mesh.yaml', MESH.indexOf('- matches: [{path: {type: PathPrefix, value: /v2}}, {path') + 4)!.contents;
    const quoted = rule.split('\n').filter((l) => l.startsWith('⚠ ISL')).map((l) => l.trim());
    assert.deepEqual(quoted, [
      '⚠ ISL2013: HTTPRoute default/later rule 1 match 0 matches exactly what HTTPRoute default/catch-all rule 0 match 0 matches on sidecar traffic to svc-hello.default.svc.cluster.local port 8080, and Istio orders that one first: it takes every request, so this match is never used',
    ]);
  });
});

describe('copies of one HTTPRoute in two files', () => {
  // The cluster keeps one object per kind, namespace and name: a copy hides none of the other's rules.
  it('are not flagged as hiding each other', () => {
    const route = readFileSync('examples/gateway-api/case3/httproute.yaml', 'utf8');
    const snap = buildSnapshot([WORKLOAD, ['a.yaml', route], ['b.yaml', route]]);
    assert.deepEqual(analyze(snap).filter((f) => f.code === 'ISL2012' || f.code === 'ISL2013'), []);
    assert.deepEqual(codeLenses(snap, 'b.yaml').filter((l) => !l.simulate).map((l) => l.title), ['/v2* → svc-hello-v2:8080 100%', '* → svc-hello-v1:8080 100%']);
  });
});
