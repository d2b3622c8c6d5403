/** The five cases of examples/hello and examples/hello-cases, end to end through the CLI. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from '../helpers/workspace';

const URL = 'http://svc-hello.default.svc.cluster.local:8080';
const WORKLOAD = 'examples/hello/workload.yaml';

function simulateJson(paths: string[], url: string, extra: string[] = []) {
  const r = cli(['simulate', ...paths, '--url', url, '--from', 'default/httpbin', '--json', ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('seed case 1: one Service, several endpoints, no VirtualService', () => {
  it('routes to the Service itself over both hello pods', () => {
    const out = simulateJson([WORKLOAD], URL);
    assert.equal(out.action, 'defaultService');
    assert.equal(out.virtualService, null);
    assert.equal(out.httpRouteIndex, null);
    assert.equal(out.destinations.length, 1);
    const d = out.destinations[0];
    assert.deepEqual([d.host, d.subset, d.port, d.weight], ['svc-hello.default.svc.cluster.local', null, 8080, 100]);
    assert.deepEqual(d.endpoints.map((e: { pod: string }) => e.pod).sort(), ['default/hello-server-v1', 'default/hello-server-v2']);
  });

  it('spreads sampled requests over both pods', () => {
    const out = simulateJson([WORKLOAD], URL, ['--count', '1000', '--seed', '7']);
    const byPod = Object.fromEntries(out.distribution.pods.map((p: { pod: string; count: number }) => [p.pod, p.count]));
    assert.ok(byPod['default/hello-server-v1'] > 400 && byPod['default/hello-server-v2'] > 400, JSON.stringify(byPod));
  });
});

describe('seed case 2: one Service per version', () => {
  for (const v of ['v1', 'v2']) {
    it(`svc-hello-${v} always reaches hello-server-${v}`, () => {
      const out = simulateJson([WORKLOAD], `http://svc-hello-${v}.default.svc.cluster.local:8080`);
      assert.equal(out.action, 'defaultService');
      assert.deepEqual(out.destinations[0].endpoints, [{ pod: `default/hello-server-${v}`, ip: v === 'v1' ? '172.17.0.5' : '172.17.0.6', port: 8080 }]);
    });
  }
});

describe('seed case 3: VirtualService with a uri prefix match', () => {
  const paths = [WORKLOAD, 'examples/hello-cases/case3'];
  it('/ goes to svc-hello-v1 by route 1', () => {
    const out = simulateJson(paths, `${URL}/`);
    assert.equal(out.action, 'route');
    assert.equal(out.virtualService.name, 'vs-hello');
    assert.equal(out.httpRouteIndex, 1);
    assert.equal(out.destinations[0].host, 'svc-hello-v1.default.svc.cluster.local');
    assert.deepEqual(out.destinations[0].endpoints.map((e: { pod: string }) => e.pod), ['default/hello-server-v1']);
  });
  it('/v2 goes to svc-hello-v2 by route 0', () => {
    const out = simulateJson(paths, `${URL}/v2`);
    assert.equal(out.httpRouteIndex, 0);
    assert.equal(out.destinations[0].host, 'svc-hello-v2.default.svc.cluster.local');
    assert.equal(out.destinations[0].weight, 100);
    assert.deepEqual(out.destinations[0].endpoints.map((e: { pod: string }) => e.pod), ['default/hello-server-v2']);
  });
});

describe('seed case 4: 90/10 weights across two Services', () => {
  it('reports both destinations with their share, and sampling follows it', () => {
    const out = simulateJson([WORKLOAD, 'examples/hello-cases/case4'], URL, ['--count', '1000', '--seed', '42']);
    assert.deepEqual(out.destinations.map((d: { host: string; weight: number }) => [d.host, d.weight]), [
      ['svc-hello-v1.default.svc.cluster.local', 90],
      ['svc-hello-v2.default.svc.cluster.local', 10],
    ]);
    const v1 = out.distribution.pods.find((p: { pod: string }) => p.pod === 'default/hello-server-v1').count;
    assert.ok(v1 > 860 && v1 < 940, `v1 got ${v1} of 1000`);
  });
});

describe('seed case 5: DestinationRule subsets', () => {
  it('matches the CLI contract example', () => {
    const out = simulateJson(['examples/hello'], `${URL}/`);
    assert.equal(out.action, 'route');
    assert.deepEqual(out.virtualService, { namespace: 'default', name: 'vs-hello', file: 'examples/hello/case5.yaml', line: 18 });
    assert.equal(out.httpRouteIndex, 0);
    assert.deepEqual(
      out.destinations.map((d: { host: string; subset: string; port: number; weight: number; endpoints: unknown[]; trafficPolicy: unknown }) => [d.host, d.subset, d.port, d.weight, d.endpoints, d.trafficPolicy]),
      [
        ['svc-hello.default.svc.cluster.local', 'v1', 8080, 90, [{ pod: 'default/hello-server-v1', ip: '172.17.0.5', port: 8080 }], null],
        ['svc-hello.default.svc.cluster.local', 'v2', 8080, 10, [{ pod: 'default/hello-server-v2', ip: '172.17.0.6', port: 8080 }], null],
      ],
    );
    assert.equal(out.rewrite, null);
    assert.equal(out.timeout, null);
    assert.deepEqual(out.retries, { attempts: 2, perTryTimeout: null, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes' });
    assert.ok(out.trace.some((s: { file: string; line: number }) => s.file === 'examples/hello/case5.yaml' && s.line > 0));
  });
});

describe('CLI usage errors', () => {
  it('exits 2 with one line for an unknown flag', () => {
    const r = cli(['simulate', 'examples/hello', '--url', URL, '--bogus']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
  it('exits 2 for a malformed URL', () => {
    const r = cli(['simulate', 'examples/hello', '--url', 'svc-hello:8080']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /malformed URL/);
  });
});
