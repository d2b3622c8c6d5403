/** The `▶ Simulate` lens above each rule of an HTTPRoute or GRPCRoute: a request built from the rule's
 *  first match, sent through the listener the route attached to (or to its parent Service, GAMMA),
 *  which the engine must route by that very rule; and the editor ranges of the outcome. Attachment
 *  and precedence as Istio computes them (istio/istio pilot/pkg/config/kube/gateway/conversion.go
 *  referenceAllowed, sortHTTPRoutes; pilot/pkg/networking/core/route/route.go
 *  BuildHTTPRoutesForVirtualService drops what ranks after a catch-all). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { codeLenses } from '../../server/src/core/ide/codeLens';
import { outcomeSpans, parseCommandLine } from '../../server/src/core/ide/simulate';
import { parseRequest } from '../../server/src/core/routing/request';
import { simulate } from '../../server/src/core/routing/simulate';
import { resolveSource } from '../../server/src/core/routing/source';
import { buildSnapshot, type Snapshot } from '../../server/src/core/workspace/snapshot';

const read = (f: string): [string, string] => [f, readFileSync(f, 'utf8')];
const WORKLOAD = read('examples/hello/workload.yaml');
const INGRESS = read('examples/gateway-api/ingress/gateway.yaml');
const GAMMA = read('examples/gateway-api/case3/httproute.yaml');

function run(snap: Snapshot, commandLine: string) {
  const parsed = parseCommandLine(commandLine);
  assert.ok('flags' in parsed, commandLine);
  const f = parsed.flags;
  return simulate(snap, parseRequest({ url: f.url!, method: f.request, headers: f.header, gateway: f.gateway, source: resolveSource(snap, f) }));
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('Simulate lens on Gateway API rules', () => {
  it('puts a summary and a Simulate lens above each rule of an ingress HTTPRoute, through its Gateway', () => {
    const snap = buildSnapshot([WORKLOAD, INGRESS]);
    const lenses = codeLenses(snap, INGRESS[0]);
    assert.deepEqual(lenses.map((l) => l.title), [
      '/v2* → svc-hello-v2:8080 100%', '▶ Simulate', '=/old → redirect 302', '▶ Simulate', '* → svc-hello-v1:8080 100%', '▶ Simulate',
    ]);
    const rules = lenses.filter((l) => l.simulate);
    assert.deepEqual(rules.map((l) => l.simulate!.commandLine), [
      'GET http://hello.example.com/v2 --gateway default/hello-gw',
      'GET http://hello.example.com/old --gateway default/hello-gw',
      'GET http://hello.example.com/ --gateway default/hello-gw',
    ]);
    // Each lens sits on its rule's line, and its request is decided by that rule.
    const text = INGRESS[1];
    rules.forEach((l, i) => {
      const res = run(snap, l.simulate!.commandLine);
      assert.equal(res.gatewayApiRoute?.ruleIndex, i);
      const spans = outcomeSpans(res);
      assert.equal(spans.route?.file, INGRESS[0]);
      assert.equal(lineOf(text, spans.route!.span.start), lineOf(text, l.span.start), `rule ${i}`);
    });
  });

  it('points the outcome at the rule, its match and its backendRef', () => {
    const snap = buildSnapshot([WORKLOAD, INGRESS]);
    const spans = outcomeSpans(run(snap, 'GET http://hello.example.com/v2/x --gateway default/hello-gw'));
    const text = INGRESS[1];
    assert.match(text.slice(spans.match!.span.start, spans.match!.span.end), /^path:\n\s+type: PathPrefix\n\s+value: \/v2/);
    assert.deepEqual(spans.destinations.map((d) => text.slice(d!.span.start, d!.span.end).trimEnd()), ['name: svc-hello-v2\n      port: 8080']);
  });

  it('sends a GAMMA rule\'s request to the parent Service from a client of the route\'s namespace', () => {
    const snap = buildSnapshot([WORKLOAD, GAMMA]);
    const rules = codeLenses(snap, GAMMA[0]).filter((l) => l.simulate);
    assert.deepEqual(rules.map((l) => [l.title, l.simulate!.commandLine]), [
      ['▶ Simulate', 'GET http://svc-hello.default.svc.cluster.local:8080/v2 --from default/httpbin'],
      ['▶ Simulate', 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin'],
    ]);
    assert.equal(run(snap, rules[0].simulate!.commandLine).gatewayApiRoute?.ruleIndex, 0);
  });

  it('asks to edit the request of a rule no request reaches, and says when a route attached nowhere', () => {
    // A regex path ranks after PathPrefix /, whose catch-all drops it (conversion.go sortHTTPRoutes).
    const shadowed = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shadow, namespace: default}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 8080}]
  rules:
  - backendRefs: [{name: svc-hello-v1, port: 8080}]
  - matches: [{path: {type: RegularExpression, value: "/v[0-9]+"}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
`;
    const snap = buildSnapshot([WORKLOAD, ['shadow.yaml', shadowed], ['lost.yaml', shadowed.replace('name: shadow', 'name: lost').replace('{group: "", kind: Service, name: svc-hello, port: 8080}', '{name: no-such-gw}')]]);
    const lenses = codeLenses(snap, 'shadow.yaml').filter((l) => l.simulate);
    assert.deepEqual(lenses.map((l) => [l.title, l.simulate!.prompt]), [['▶ Simulate', undefined], ['▶ Simulate (edit the request to match)', true]]);
    assert.match(lenses[1].simulate!.commandLine, /^GET http:\/\/svc-hello\.default\.svc\.cluster\.local:8080\/v0 /);
    assert.deepEqual(codeLenses(snap, 'lost.yaml').filter((l) => !l.title.includes('→')).map((l) => l.title), ['not attached to any parent: nothing to simulate', 'not attached to any parent: nothing to simulate']);
  });

  it('builds a gRPC request from a GRPCRoute method match', () => {
    const grpc = `apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: g, namespace: default}
spec:
  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 8080}]
  rules:
  - matches: [{method: {service: hello.Greeter, method: SayHello}, headers: [{name: x-v, value: "2"}]}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - backendRefs: [{name: svc-hello-v1, port: 8080}]
`;
    const snap = buildSnapshot([WORKLOAD, ['grpc.yaml', grpc]]);
    const lenses = codeLenses(snap, 'grpc.yaml');
    assert.equal(lenses[0].title, '/hello.Greeter/SayHello 1 header → svc-hello-v2:8080 100%');
    assert.equal(lenses[1].simulate?.commandLine, "POST http://svc-hello.default.svc.cluster.local:8080/hello.Greeter/SayHello -H 'content-type: application/grpc' -H 'x-v: 2' --from default/httpbin");
    assert.equal(lenses[1].title, '▶ Simulate');
  });
});
