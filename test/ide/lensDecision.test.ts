/** The Simulate lens says whether its request reaches the rule it stands on. It asks the engine once
 *  per way into a route table (client or gateway, port, authority) and matches the other lenses'
 *  requests against the table that simulation walked, in table order, first match wins (envoyproxy/
 *  envoy source/common/router/config_impl.cc VirtualHostImpl::getRouteFromEntries): the answer must
 *  be the one a full simulation gives, for any request, and a long rule list must not cost one
 *  simulation per rule. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { codeLenses } from '../../server/src/core/ide/codeLens';
import { decidingRoute, type Decision } from '../../server/src/core/ide/lensDecision';
import { requestForRoute } from '../../server/src/core/ide/routeRequest';
import { requestForRule } from '../../server/src/core/ide/ruleRequest';
import { withRouteTableProbe } from '../../server/src/core/routing/httpEval';
import { parseRequest, type RequestInput } from '../../server/src/core/routing/request';
import { simulate } from '../../server/src/core/routing/simulate';
import { buildSnapshot, type Snapshot } from '../../server/src/core/workspace/snapshot';

const read = (f: string): [string, string] => [f, readFileSync(f, 'utf8')];
const WORKLOAD = read('examples/hello/workload.yaml');

/** Which route decided, by name. */
function said(d: Decision | undefined): string {
  if (!d) return 'refused';
  const g = d.gatewayApiRoute;
  if (g) return `${g.resource.kind} ${g.resource.meta.name} rules[${g.ruleIndex}]`;
  const root = d.rootVirtualService ? ` via ${d.rootVirtualService.vs.meta.name} http[${d.rootVirtualService.httpRouteIndex}]` : '';
  return `${d.virtualService?.meta.name ?? 'none'} http[${d.httpRouteIndex}]${root}`;
}

function simulated(snap: Snapshot, input: RequestInput, file: string): string {
  return said(simulate(snap, parseRequest(input), { preferFile: file }));
}

// Every kind of path condition the table index sorts routes by, before and after broader ones, with
// conditions on the method, headers, query, client labels and port; and a GAMMA HTTPRoute.
const MESH: [string, string] = ['mesh.yaml', `apiVersion: v1
kind: Service
metadata: {name: multi, namespace: default}
spec:
  selector: {app: hello, version: v1}
  ports:
  - {name: http, port: 8080}
  - {name: http-admin, port: 9090}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs-multi, namespace: default}
spec:
  hosts: [multi]
  http:
  - match: [{uri: {exact: /a/b}}]
    route: [{destination: {host: svc-hello-v1}}]
  - match: [{uri: {prefix: /a/}, method: {exact: POST}}, {uri: {prefix: /A}, ignoreUriCase: true, port: 9090}]
    route: [{destination: {host: svc-hello-v2}}]
  - match: [{uri: {regex: "/b[0-9]+"}}]
    route: [{destination: {host: svc-hello-v1}}]
  - match: [{uri: {prefix: /b}, headers: {x-v: {exact: "2"}}}]
    route: [{destination: {host: svc-hello-v2}}]
  - match: [{uri: {prefix: /b}, queryParams: {q: {exact: "1"}}}]
    route: [{destination: {host: svc-hello-v1}}]
  - match: [{uri: {prefix: /b}, sourceLabels: {version: v2}}]
    route: [{destination: {host: svc-hello-v2}}]
  - match: [{uri: {exact: /a/b}}, {uri: {prefix: /a}}]
    route: [{destination: {host: svc-hello-v1}}]
  - match: [{withoutHeaders: {x-v: {exact: "3"}}, uri: {prefix: /c}}]
    route: [{destination: {host: svc-hello-v2}}]
  - match: [{port: 9090}]
    route: [{destination: {host: svc-hello-v1}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: gamma, namespace: default}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 8080}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /a}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - matches: [{path: {type: Exact, value: /a/b}, method: GET}, {path: {type: RegularExpression, value: "/c.*"}}]
    backendRefs: [{name: svc-hello-v1, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /b/}, headers: [{name: x-v, value: "2"}]}]
    backendRefs: [{name: svc-hello-v1, port: 8080}]
  - matches: [{queryParams: [{name: q, value: "1"}]}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
`];

const request = fc.record({
  host: fc.constantFrom('multi:8080', 'multi:9090', 'svc-hello:8080', 'svc-hello-v1:8080', 'elsewhere.example.com'),
  path: fc.array(fc.constantFrom('/a', '/A', '/b', '/b1', '/b12', '/bx', '/c', '/', '/b/'), { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
  method: fc.constantFrom('GET', 'POST'),
  header: fc.constantFrom(undefined, 'x-v: 2', 'x-v: 3'),
  query: fc.constantFrom('', '?q=1', '?q=2'),
  from: fc.constantFrom('httpbin', 'hello-server-v2'),
});

describe('lens decisions from the walked route table', () => {
  it('equal a full simulation for any request, table reused or not', () => {
    fc.assert(fc.property(fc.array(request, { minLength: 1, maxLength: 12 }), (reqs) => {
      // A fresh workspace per run: the first request of each way in is simulated, the others reuse its table.
      const snap = buildSnapshot([WORKLOAD, MESH]);
      for (const r of reqs) {
        const client = snap.workloads.find((w) => w.name === r.from)!;
        const input: RequestInput = { url: `http://${r.host}${r.path}${r.query}`, method: r.method, headers: r.header ? [r.header] : [], source: { namespace: 'default', labels: { ...client.labels }, workload: `default/${r.from}` } };
        assert.equal(said(decidingRoute(snap, input, MESH[0])), simulated(snap, input, MESH[0]), JSON.stringify(input));
      }
    }), { numRuns: 150 });
  });

  it('equal a full simulation for every lens of the examples', () => {
    const dirs = ['examples/hello-cases/case3', 'examples/hello-cases/case4', 'examples/gateway-api/case3', 'examples/gateway-api/case4', 'examples/gateway-api/case5', 'examples/gateway-api/ingress'];
    let lenses = 0;
    for (const dir of dirs) {
      const file = read(`${dir}/${dir.includes('gateway-api') ? (dir.endsWith('ingress') ? 'gateway' : 'httproute') : 'vs-hello'}.yaml`);
      const snap = buildSnapshot([WORKLOAD, file]);
      for (const res of snap.files.get(file[0])!.resources) {
        const inputs = res.kind === 'VirtualService' ? res.http.map((r) => requestForRoute(snap, res, r.index)?.input)
          : res.kind === 'HTTPRoute' ? res.rules.map((r) => requestForRule(snap, res, r.index)?.input) : [];
        for (const input of inputs.filter((i) => i !== undefined)) {
          lenses++;
          assert.equal(said(decidingRoute(snap, input, file[0])), simulated(snap, input, file[0]), `${dir}: ${input.url}`);
        }
      }
    }
    assert.ok(lenses >= 10, `${lenses} lenses`);
  });

  /** How many route tables the engine walks while the lenses of `file` are worked out. */
  function tablesWalked(files: [string, string][], file: string): { walked: number; simulate: number; prompts: number } {
    const snap = buildSnapshot(files);
    let walked = 0;
    const lenses = withRouteTableProbe(() => walked++, () => codeLenses(snap, file));
    return { walked, simulate: lenses.filter((l) => l.simulate).length, prompts: lenses.filter((l) => l.simulate?.prompt).length };
  }

  const N = 300;
  it(`a VirtualService of ${N} http routes: one table walked for all its lenses, not one per route`, () => {
    const rules = Array.from({ length: N }, (_, i) => `  - match: [{uri: {${i % 2 ? 'prefix' : 'exact'}: /p${i}/}}]\n    route: [{destination: {host: svc-hello-v${1 + (i % 2)}}}]`);
    const vs = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: many, namespace: default}\nspec:\n  hosts: [svc-hello]\n  http:\n${rules.join('\n')}\n`;
    assert.deepEqual(tablesWalked([WORKLOAD, ['many.yaml', vs]], 'many.yaml'), { walked: 1, simulate: N, prompts: 0 });
  });

  it(`an HTTPRoute of ${N} rules through a Gateway: one table walked for all its lenses`, () => {
    const rules = Array.from({ length: N }, (_, i) => `  - matches: [{path: {type: ${i % 2 ? 'PathPrefix' : 'Exact'}, value: /p${i}/}}]\n    backendRefs: [{name: svc-hello-v${1 + (i % 2)}, port: 8080}]`);
    const gw = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: default}\nspec:\n  gatewayClassName: istio\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: many, namespace: default}\nspec:\n  parentRefs: [{name: gw}]\n  rules:\n${rules.join('\n')}\n`;
    assert.deepEqual(tablesWalked([WORKLOAD, ['many.yaml', gw]], 'many.yaml'), { walked: 1, simulate: N, prompts: 0 });
  });
});
