// The words of the VS Code client's inline Simulate Request result (client/src/simulate/format.ts),
// its history and its "is this Kubernetes YAML?" test: pure code, pinned here without VS Code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKubernetesYaml, isYamlSyntaxCode } from '../../client/src/k8sDocument';
import { addToHistory, HISTORY_LIMIT } from '../../client/src/simulate/history';
import { hoverMarkdown, inlineText, outcomeFails, outcomeText, shortHost } from '../../client/src/simulate/format';
import type { Simulation } from '../../client/src/simulate/protocol';

function sim(over: Partial<Simulation>): Simulation {
  return {
    request: { scheme: 'http', authority: 'svc-hello.default.svc.cluster.local:8080', port: 8080, method: 'GET', path: '/v2', query: null, headers: {}, source: { namespace: 'default', labels: {} }, gateway: 'mesh' },
    protocol: 'http', action: 'route', status: null,
    virtualService: { namespace: 'default', name: 'vs-hello', file: 'file:///ws/vs.yaml', line: 2 },
    httpRouteIndex: 0, matchIndex: 0, tcpRouteIndex: null, tlsRouteIndex: null, destinations: [],
    rewrite: null, redirect: null, directResponse: null, fault: null, timeout: null, retries: null, trace: [],
    locations: { virtualService: null, route: null, match: null, destinations: [], trace: [] },
    ...over,
  } as Simulation;
}

const ep = (pod: string) => ({ pod, ip: '10.0.0.1', port: 8080 });

describe('inline Simulate Request text', () => {
  it('shows the single destination with its share; its pods are in the hover', () => {
    const s = sim({ destinations: [{ host: 'svc-hello-v2.default.svc.cluster.local', subset: null, port: 8080, weight: 100, endpoints: [ep('default/hello-server-v2')] }] });
    assert.equal(inlineText(s), '◀ GET /v2 → svc-hello-v2:8080 100%');
    assert.match(hoverMarkdown(s), /svc-hello-v2:8080 100% — pod hello-server-v2/);
  });

  it('lists every weighted destination with its subset and share', () => {
    const s = sim({ request: { ...sim({}).request, path: '/' }, destinations: [
      { host: 'svc-hello.default.svc.cluster.local', subset: 'v1', port: 8080, weight: 90, endpoints: [ep('default/hello-server-v1')] },
      { host: 'svc-hello.default.svc.cluster.local', subset: 'v2', port: 8080, weight: 10, endpoints: [] },
    ] });
    assert.equal(inlineText(s), '◀ GET / → ⚠ 10% fail (503 no ready endpoints) · svc-hello:8080 (v1) 90%, svc-hello:8080 (v2) 10% (503)');
    assert.equal(outcomeText(s), '10% fail (503 no ready endpoints): routed to 2 destinations');
    assert.equal(outcomeFails(s), true);
  });

  it('never reads as routed when the only destination has no cluster', () => {
    const s = sim({ destinations: [{ host: 'svc-hello.default.svc.cluster.local', subset: 'v3', port: 8080, weight: 100, endpoints: [], clusterExists: false }] });
    assert.equal(inlineText(s), '◀ GET /v2 → ⚠ all requests fail (503 no such cluster) · svc-hello:8080 (v3) 100% (503)');
    assert.equal(outcomeText(s), 'all requests fail (503 no such cluster): routed');
    assert.equal(outcomeFails(s), true);
    const ok = sim({ destinations: [{ host: 'a.default.svc.cluster.local', subset: null, port: 80, weight: 100, endpoints: [ep('default/a-1')] }] });
    assert.equal(outcomeText(ok), 'routed');
    assert.equal(outcomeFails(ok), false);
  });

  it('keeps the line short with many destinations', () => {
    const d = (i: number) => ({ host: `s${i}.default.svc.cluster.local`, subset: null, port: 80, weight: 20, endpoints: [ep(`default/p${i}`)] });
    assert.equal(inlineText(sim({ destinations: [0, 1, 2, 3, 4].map(d) })), '◀ GET /v2 → s0:80 20%, s1:80 20%, s2:80 20%, +2 more');
  });

  it('explains redirect, direct response, no route, passthrough and blackhole', () => {
    assert.equal(inlineText(sim({ action: 'redirect', redirect: { location: 'http://x/new', status: 301 } })), '◀ GET /v2 → redirect 301 Location: http://x/new');
    assert.equal(inlineText(sim({ action: 'directResponse', directResponse: { status: 503, body: 'down' } })), '◀ GET /v2 → direct response 503 "down"');
    assert.equal(inlineText(sim({ action: 'noRoute', status: 404 })), '◀ GET /v2 → 404 no route: no http route of vs-hello matches');
    assert.match(inlineText(sim({ action: 'passthrough', virtualService: null })), /passthrough to the original destination/);
    assert.match(inlineText(sim({ action: 'blackhole', virtualService: null, status: 502 })), /blackhole 502 .*REGISTRY_ONLY/);
  });

  it('puts pods, rewrite, fault and timeout in the hover, not inline', () => {
    const s = sim({
      destinations: [{ host: 'a.default.svc.cluster.local', subset: null, port: 80, weight: 100, endpoints: [ep('default/a-1'), ep('other/a-2')] }],
      rewrite: { path: '/new', authority: '' }, fault: { abort: { status: 503, percent: 50 }, delay: null }, timeout: '2s',
    });
    assert.equal(inlineText(s), '◀ GET /v2 → a:80 100%');
    assert.match(hoverMarkdown(s), /a:80 100% — pods a-1, other\/a-2\n- rewrite \/new\n- fault abort 503 50%\n- timeout 2s/);
  });

  it('puts each mirror in the hover: its percentage, the Host its copies carry, its pods', () => {
    const cluster = 'outbound|8000|v2|httpbin.default.svc.cluster.local';
    const s = sim({
      destinations: [{ host: 'httpbin.default.svc.cluster.local', subset: 'v1', port: 8000, weight: 100, endpoints: [ep('default/httpbin-v1')] }],
      mirrors: [
        { cluster, percent: 100, clusterExists: true, endpoints: [ep('default/httpbin-v2')], authority: 'httpbin:8000', shadowAuthority: 'httpbin-shadow:8000' },
        { cluster: 'outbound|8000|v9|httpbin.default.svc.cluster.local', percent: 5, clusterExists: false, missing: 'subset "v9" is not defined', endpoints: [] },
      ],
    });
    assert.equal(inlineText(s), '◀ GET /v2 → httpbin:8000 (v1) 100%');
    const hover = hoverMarkdown(s);
    assert.ok(hover.includes(`- mirror 100% ${cluster} Host httpbin:8000 (httpbin-shadow:8000 with Istio 1.27 or older), pod httpbin-v2\n`), hover);
    assert.ok(hover.includes('- mirror 5% outbound|8000|v9|httpbin.default.svc.cluster.local: no such cluster, no copy is sent'), hover);
  });

  it('shortens service hosts only within the home namespace', () => {
    assert.equal(shortHost('reviews.default.svc.cluster.local', 'default'), 'reviews');
    assert.equal(shortHost('reviews.prod.svc.cluster.local', 'default'), 'reviews.prod');
    assert.equal(shortHost('api.example.com', 'default'), 'api.example.com');
  });
});

describe('Simulate Request history', () => {
  it('puts the latest first, without duplicates, bounded', () => {
    assert.deepEqual(addToHistory(['b', 'a'], 'a'), ['a', 'b']);
    assert.deepEqual(addToHistory(['a'], '  '), ['a']);
    const many = Array.from({ length: 30 }, (_, i) => `GET http://h/${i}`);
    assert.equal(addToHistory(many, 'new').length, HISTORY_LIMIT);
  });
});

describe('which YAML gets Istio features', () => {
  it('needs a top-level apiVersion and kind', () => {
    assert.equal(isKubernetesYaml('apiVersion: v1\nkind: Service\n'), true);
    assert.equal(isKubernetesYaml('steps:\n  - run: echo\n'), false);
    assert.equal(isKubernetesYaml('x:\n  apiVersion: v1\n  kind: Service\n'), false);
  });

  it('recognises plain YAML syntax codes, which Red Hat\'s YAML extension reports too', () => {
    assert.equal(isYamlSyntaxCode('ISL0001'), true);
    assert.equal(isYamlSyntaxCode({ value: 'YAML_BAD_INDENT', target: null }), true);
    assert.equal(isYamlSyntaxCode('IST0101'), false);
  });
});
