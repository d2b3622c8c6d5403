/** Cycles: delegate VirtualServices that refer to each other or to themselves, and missing
 *  delegates, simulate without looping. Istio supports one level of delegation only (istio/api
 *  networking/v1alpha3/virtual_service.proto, HTTPRoute.delegate: "Only one level delegation is
 *  supported"), and a delegate is a VirtualService without hosts (pilot/pkg/model/virtualservice.go
 *  mergeVirtualServices): so a chain stops at its first step and a root never delegates to itself. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import type { SimResult } from '../../server/src/core/routing/result';
import { sim, workspace } from '../helpers/workspace';
import { cpuMs } from '../helpers/cpu';

const SERVICE = `
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { ports: [{ port: 80, name: http }] }
`;

function root(name: string, delegate: string, extra = ''): string {
  return `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${name} }
spec:
  hosts: [web]
  http:
  - match: [{ uri: { prefix: /d } }]
    delegate: { name: ${delegate} }
${extra}`;
}

function delegateVs(name: string, to: string): string {
  return `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${name} }
spec:
  http:
  - match: [{ uri: { prefix: /d/deeper } }]
    delegate: { name: ${to} }
  - route: [{ destination: { host: web, subset: ${name} } }]
`;
}

function timedSim(text: string, url = 'http://web/d/deeper/x'): { res: SimResult; ms: number; trace: string } {
  const snap = workspace(text);
  const { result: res, ms } = cpuMs(() => sim(snap, url));
  return { res, ms, trace: res.trace.map((s) => s.message).join('\n') };
}

describe('delegate cycles and missing delegates never loop', () => {
  it('a root that delegates to itself: not a delegate (it has hosts), so the route is skipped', () => {
    const { res, ms, trace } = timedSim(SERVICE + root('web', 'web', '  - route: [{ destination: { host: web } }]\n'));
    assert.ok(ms < 200);
    assert.match(trace, /delegate VirtualService default\/web does not exist \(or has hosts\): route http\[0\] is skipped/);
    assert.deepEqual([res.action, res.httpRouteIndex], ['route', 1]);
  });

  it('two delegates that delegate to each other: the second step is skipped, the delegate routes still apply', () => {
    const { res, ms, trace } = timedSim(SERVICE + root('web', 'b') + delegateVs('b', 'c') + delegateVs('c', 'b'));
    assert.ok(ms < 200);
    assert.match(trace, /delegate default\/b http\[0\] delegates again, which Istio does not allow: skipped/);
    assert.equal(res.action, 'route');
    assert.equal(res.virtualService?.meta.name, 'b');
    assert.equal(res.destinations[0]?.subset, 'b');
  });

  it('a delegate that delegates to itself: skipped the same way', () => {
    const { res, trace } = timedSim(SERVICE + root('web', 'self') + delegateVs('self', 'self'));
    assert.match(trace, /delegate default\/self http\[0\] delegates again/);
    assert.equal(res.destinations[0]?.subset, 'self');
  });

  it('a missing delegate: its route is skipped with a trace step; with no route left the VirtualService does not apply', () => {
    const { res, trace } = timedSim(SERVICE + root('web', 'ghost'));
    assert.match(trace, /delegate VirtualService default\/ghost does not exist/);
    assert.match(trace, /has no route for this client on port 80, so it does not apply/);
    assert.equal(res.action, 'defaultService');
  });

  it('through a gateway too', () => {
    const gw = `---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*"] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: edge }
spec:
  hosts: [web.example.com]
  gateways: [gw]
  http:
  - delegate: { name: b }
`;
    const snap = workspace(SERVICE + gw + delegateVs('b', 'c') + delegateVs('c', 'b'));
    const res = sim(snap, { url: 'http://web.example.com/d/deeper', gateway: 'default/gw' });
    assert.equal(res.destinations[0]?.subset, 'b');
    assert.match(res.trace.map((s) => s.message).join('\n'), /delegates again/);
  });

  it('500 delegates in a ring, each the delegate of a root: bounded', () => {
    const n = 500;
    let text = SERVICE;
    for (let i = 0; i < n; i++) text += delegateVs(`d${i}`, `d${(i + 1) % n}`);
    text += root('web', 'd0');
    const { res, ms } = timedSim(text);
    assert.equal(res.destinations[0]?.subset, 'd0');
    assert.ok(ms < 200, `${ms} ms of CPU`);
  });

  it('analysis reports a delegate that delegates again, on each of the pair', () => {
    const snap = workspace(SERVICE + root('web', 'b') + delegateVs('b', 'c') + delegateVs('c', 'b'));
    const again = analyze(snap).filter((f) => /cannot delegate again/.test(f.message)).map((f) => f.resource.name).sort();
    assert.deepEqual(again, ['b', 'c']);
  });

  it('analysis reports a missing delegate and a root that delegates to a VirtualService with hosts (itself)', () => {
    const snap = workspace(SERVICE + root('web', 'ghost', '  - match: [{ uri: { prefix: /e } }]\n    delegate: { name: web }\n'));
    const paths = analyze(snap).filter((f) => /delegate/i.test(f.message)).map((f) => snap.files.get(f.file)!.source.text.slice(f.span.start, f.span.end));
    assert.deepEqual(paths, ['ghost', 'web']);
  });
});
