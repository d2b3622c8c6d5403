// The words of the VS Code client's inline Simulate Request result (client/src/simulate/format.ts),
// its history and its "is this Kubernetes YAML?" test: pure code, pinned here without VS Code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKubernetesYaml, isYamlSyntaxCode } from '../../client/src/k8sDocument';
import { addToHistory, HISTORY_LIMIT } from '../../client/src/simulate/history';
import { inlineText, shortHost } from '../../client/src/simulate/format';
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
  it('shows the single destination with its share and pod (the issue\'s example)', () => {
    const s = sim({ destinations: [{ host: 'svc-hello-v2.default.svc.cluster.local', subset: null, port: 8080, weight: 100, endpoints: [ep('default/hello-server-v2')] }] });
    assert.equal(inlineText(s), '◀ GET /v2 → svc-hello-v2:8080 100% · pod hello-server-v2');
  });

  it('lists every weighted destination with its subset and share', () => {
    const s = sim({ request: { ...sim({}).request, path: '/' }, destinations: [
      { host: 'svc-hello.default.svc.cluster.local', subset: 'v1', port: 8080, weight: 90, endpoints: [ep('default/hello-server-v1')] },
      { host: 'svc-hello.default.svc.cluster.local', subset: 'v2', port: 8080, weight: 10, endpoints: [] },
    ] });
    assert.equal(inlineText(s), '◀ GET / → svc-hello:8080 (v1) 90% · pod hello-server-v1  |  svc-hello:8080 (v2) 10% · no ready endpoints (503)');
  });

  it('explains redirect, direct response, no route, passthrough and blackhole', () => {
    assert.equal(inlineText(sim({ action: 'redirect', redirect: { location: 'http://x/new', status: 301 } })), '◀ GET /v2 → redirect 301 Location: http://x/new');
    assert.equal(inlineText(sim({ action: 'directResponse', directResponse: { status: 503, body: 'down' } })), '◀ GET /v2 → direct response 503 "down"');
    assert.equal(inlineText(sim({ action: 'noRoute', status: 404 })), '◀ GET /v2 → 404 no route: no http route of vs-hello matches');
    assert.match(inlineText(sim({ action: 'passthrough', virtualService: null })), /passthrough to the original destination/);
    assert.match(inlineText(sim({ action: 'blackhole', virtualService: null, status: 502 })), /blackhole 502 .*REGISTRY_ONLY/);
  });

  it('adds rewrite, fault and timeout values', () => {
    const s = sim({
      destinations: [{ host: 'a.default.svc.cluster.local', subset: null, port: 80, weight: 100, endpoints: [ep('default/a-1'), ep('other/a-2')] }],
      rewrite: { path: '/new', authority: '' }, fault: { abort: { status: 503, percent: 50 }, delay: null }, timeout: '2s',
    });
    assert.equal(inlineText(s), '◀ GET /v2 → a:80 100% · pods a-1, other/a-2 · rewrite /new · fault abort 503 50% · timeout 2s');
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
