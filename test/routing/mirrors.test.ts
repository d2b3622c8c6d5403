/** Request mirrors in simulate: the percentage Istio writes (istio/istio
 *  pilot/pkg/networking/core/route/route.go MirrorPercent, MirrorPercentByPolicy), the mirror's
 *  endpoints, the Host the copy carries (envoyproxy/envoy source/common/router/shadow_writer_impl.cc
 *  shadowAppendedHost; route.go TranslateRequestMirrorPolicy sets disable_shadow_host_suffix_append
 *  from pilot/pkg/features/pilot.go DISABLE_SHADOW_HOST_SUFFIX, true since Istio 1.28), and which
 *  requests are copied (source/common/router/router.cc Filter::decodeHeaders, FilterUtility::shouldShadow). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simulateText } from '../../server/src/cli/renderSimulate';
import { simulateJson } from '../../server/src/core/routing/json';
import { shadowHost } from '../../server/src/core/routing/mirrors';
import { sampleDistribution } from '../../server/src/core/routing/sample';
import { Positions } from '../../server/src/core/workspace/positions';
import { gateway, httpRoute, service, through } from '../gatewayapi/helpers';
import { cli, sim, workspace } from '../helpers/workspace';

/** The shape of Istio's docs task "Mirroring" (istio.io docs/tasks/traffic-management/mirroring):
 *  httpbin v1 and v2 behind one Service (port 8000 → 8080), all traffic to v1, 100 % mirrored to v2. */
const HTTPBIN = `
#- file: httpbin.yaml
apiVersion: apps/v1
kind: Deployment
metadata: { name: httpbin-v1, namespace: default }
spec:
  replicas: 1
  selector: { matchLabels: { app: httpbin, version: v1 } }
  template:
    metadata: { labels: { app: httpbin, version: v1 } }
    spec: { containers: [{ name: httpbin, image: kennethreitz/httpbin, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: httpbin-v2, namespace: default }
spec:
  replicas: 1
  selector: { matchLabels: { app: httpbin, version: v2 } }
  template:
    metadata: { labels: { app: httpbin, version: v2 } }
    spec: { containers: [{ name: httpbin, image: kennethreitz/httpbin, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: httpbin, namespace: default, labels: { app: httpbin } }
spec:
  ports: [{ name: http, port: 8000, targetPort: 8080 }]
  selector: { app: httpbin }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
`;

function httpbinVs(rule: string): string {
  return `${HTTPBIN}
#- file: vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: httpbin, namespace: default }
spec:
  hosts: [httpbin]
  http:
${rule}`;
}

const DOCS_TASK = httpbinVs(`  - route:
    - destination: { host: httpbin, subset: v1 }
      weight: 100
    mirror: { host: httpbin, subset: v2 }
    mirrorPercentage: { value: 100.0 }
`);

const URL = 'http://httpbin:8000/headers';
const V2 = 'outbound|8000|v2|httpbin.default.svc.cluster.local';

describe('mirrors, whole', () => {
  it('the docs mirroring task: v1 answers, v2 gets every copy, resolved like a destination', () => {
    const r = sim(workspace(DOCS_TASK), URL);
    assert.deepEqual(r.destinations.map((d) => [d.subset, d.weight, d.endpoints.map((e) => e.fromTemplate)]), [['v1', 100, ['Deployment/httpbin-v1']]]);
    assert.equal(r.mirrors.length, 1);
    const [m] = r.mirrors;
    assert.deepEqual([m.cluster, m.percent, m.missing], [V2, 100, undefined]);
    // The subset's labels pick the v2 pods only, and the target port is the pods' (8080).
    assert.deepEqual(m.endpoints.map((e) => [e.fromTemplate, e.port]), [['Deployment/httpbin-v2', 8080]]);
    assert.ok(r.trace.some((s) => s.message.startsWith(`100% of requests are mirrored to ${V2} (1 endpoint), Host httpbin:8000 (httpbin-shadow:8000`)), r.trace.map((s) => s.message).join('\n'));
  });

  it('the Host of the copy: unchanged with Istio ≥ 1.28, `-shadow` before the port with older Istio', () => {
    const [m] = sim(workspace(DOCS_TASK), URL).mirrors;
    assert.equal(m.authority, 'httpbin:8000');
    assert.equal(m.shadowAuthority, 'httpbin-shadow:8000');
    // shadowAppendedHost: the suffix goes before the port (HeaderUtility::getPortStart), not inside an IPv6 literal.
    assert.deepEqual(['httpbin', 'httpbin:8000', 'cluster-1', '[::1]:80', '[::1]'].map(shadowHost), ['httpbin-shadow', 'httpbin-shadow:8000', 'cluster-1-shadow', '[::1]-shadow:80', '[::1]-shadow']);
  });

  it('the copy is made after the route rewrote the authority, so it carries the rewritten Host', () => {
    const snap = workspace(httpbinVs(`  - rewrite: { authority: backend.internal }
    route: [{ destination: { host: httpbin, subset: v1 } }]
    mirror: { host: httpbin, subset: v2 }
`));
    const [m] = sim(snap, URL).mirrors;
    assert.deepEqual([m.authority, m.shadowAuthority], ['backend.internal', 'backend.internal-shadow']);
  });

  it('mirrors: each gets 100 % unless its percentage says otherwise; 0 % is no mirror (MirrorPercentByPolicy)', () => {
    const snap = workspace(httpbinVs(`  - route: [{ destination: { host: httpbin, subset: v1 } }]
    mirrors:
    - destination: { host: httpbin, subset: v2 }
    - destination: { host: httpbin, subset: v1 }
      percentage: { value: 0 }
    - destination: { host: httpbin, subset: v1 }
      percentage: { value: 12.5 }
`));
    assert.deepEqual(sim(snap, URL).mirrors.map((m) => [m.subset, m.percent]), [['v2', 100], ['v1', 12.5]]);
  });

  it('a mirror whose subset no DestinationRule defines has no cluster: no endpoints, no copy', () => {
    const snap = workspace(httpbinVs(`  - route: [{ destination: { host: httpbin, subset: v1 } }]
    mirror: { host: httpbin, subset: v3 }
`));
    const r = sim(snap, URL);
    const [m] = r.mirrors;
    assert.match(m.missing ?? '', /subset "v3" is not defined/);
    assert.deepEqual(m.endpoints, []);
    // A mirror's missing cluster is not the route's 503: the request is still answered by v1.
    assert.equal(r.status, null);
    assert.equal(sampleDistribution(r, 50, 1).mirrors[0].count, 0);
  });
});

describe('--count: mirrored copies apart from the answered requests', () => {
  it('every answered request is copied once to a 100 % mirror; the answered counts do not change', () => {
    const with100 = sampleDistribution(sim(workspace(DOCS_TASK), URL), 200, 7);
    const without = sampleDistribution(sim(workspace(httpbinVs('  - route: [{ destination: { host: httpbin, subset: v1 } }]\n')), URL), 200, 7);
    assert.deepEqual(with100.byPod, without.byPod);
    assert.deepEqual(with100.byPod, { 'default/httpbin-v1': 200 });
    assert.deepEqual(with100.mirrors.map((m) => [m.cluster, m.count, m.pods]), [[V2, 200, [{ pod: 'default/httpbin-v2', count: 200 }]]]);
    assert.deepEqual(without.mirrors, []);
    // With a weighted split, the same seed draws the same answered requests whether a mirror is there or not.
    const split = `  - route:
    - { destination: { host: httpbin, subset: v1 }, weight: 50 }
    - { destination: { host: httpbin, subset: v2 }, weight: 50 }
`;
    const mirrored = sampleDistribution(sim(workspace(httpbinVs(`${split}    mirror: { host: httpbin, subset: v2 }\n    mirrorPercentage: { value: 40 }\n`)), URL), 500, 11);
    const plain = sampleDistribution(sim(workspace(httpbinVs(split)), URL), 500, 11);
    assert.deepEqual([mirrored.byPod, mirrored.destinations], [plain.byPod, plain.destinations]);
  });

  it('a percentage mirrors that share of requests; mirrors of one route share one draw per request (shouldShadow uses the stream id)', () => {
    const snap = workspace(httpbinVs(`  - route: [{ destination: { host: httpbin, subset: v1 } }]
    mirrors:
    - { destination: { host: httpbin, subset: v2 }, percentage: { value: 30 } }
    - { destination: { host: httpbin, subset: v1 }, percentage: { value: 30 } }
`));
    const d = sampleDistribution(sim(snap, URL), 2000, 3);
    const [a, b] = d.mirrors.map((m) => m.count);
    assert.ok(a > 500 && a < 700, String(a));
    assert.equal(a, b);
  });

  it('requests that are not forwarded are not copied: a fault abort, or no healthy host for the route', () => {
    const aborted = workspace(httpbinVs(`  - fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }
    route: [{ destination: { host: httpbin, subset: v1 } }]
    mirror: { host: httpbin, subset: v2 }
`));
    const ra = sim(aborted, URL);
    assert.equal(sampleDistribution(ra, 100, 1).mirrors[0].count, 0);
    assert.ok(ra.trace.some((s) => s.message.startsWith('no copy of this request is mirrored: the fault filter aborts it')));
    const noHost = workspace(httpbinVs(`  - route: [{ destination: { host: httpbin, subset: v9 } }]
    mirror: { host: httpbin, subset: v2 }
`));
    const rn = sim(noHost, URL);
    assert.equal(rn.status, 503);
    assert.equal(sampleDistribution(rn, 100, 1).mirrors[0].count, 0);
    assert.ok(rn.trace.some((s) => s.message.startsWith('no copy of this request is mirrored: Envoy answers it locally')));
  });

  it('text and JSON name the mirror, its Host and endpoints, and count copies apart', () => {
    const snap = workspace(DOCS_TASK);
    const r = sim(snap, URL);
    const d = sampleDistribution(r, 100, 1);
    const text = simulateText(r, new Positions(snap), d);
    assert.match(text, new RegExp(`Mirror: 100% to ${V2.replace(/\|/g, '\\|')}  Host httpbin:8000 \\(httpbin-shadow:8000 with Istio 1\\.27 or older\\)\\n {6}default/httpbin-v2:8080  \\(pods of Deployment/httpbin-v2\\)`));
    assert.match(text, /default\/httpbin-v1: 100\n {2}mirrored to outbound\|8000\|v2\|httpbin\.default\.svc\.cluster\.local \(100%, not answered to the client\): 100 copies\n {4}default\/httpbin-v2: 100/);
    const json = simulateJson(r, new Positions(snap), d) as { mirrors: Record<string, unknown>[]; distribution: { mirrors: { count: number }[]; byPod: Record<string, number> } };
    assert.deepEqual(Object.keys(json.mirrors[0]).slice(0, 5), ['host', 'subset', 'port', 'percent', 'cluster']);
    assert.equal(json.mirrors[0].authority, 'httpbin:8000');
    assert.equal(json.mirrors[0].shadowAuthority, 'httpbin-shadow:8000');
    assert.equal((json.mirrors[0].endpoints as unknown[]).length, 1);
    assert.equal(json.distribution.mirrors[0].count, 100);
    assert.deepEqual(json.distribution.byPod, { 'default/httpbin-v1': 100 });
  });

  it('the CLI prints them with --count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-mirror-'));
    writeFileSync(join(dir, 'task.yaml'), DOCS_TASK.replace(/^#- file: .*$/gm, '---'));
    const r = cli(['simulate', dir, '--url', URL, '--count', '40', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.mirrors[0].cluster, V2);
    assert.equal(out.distribution.mirrors[0].count, 40);
  });
});

describe('Gateway API RequestMirror', () => {
  it('the copy carries the headers and Host the rule\'s filters give the forwarded request', () => {
    const snap = workspace(gateway() + service('a') + service('b') + httpRoute('r', `  rules:
  - filters:
    - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: X-Env, value: canary}]}}
    - {type: URLRewrite, urlRewrite: {hostname: internal.example}}
    - {type: RequestMirror, requestMirror: {backendRef: {name: b, port: 80}, percent: 50}}
    backendRefs: [{name: a, port: 80}]`));
    const r = through(snap, 'http://h/');
    assert.equal(r.mirrors.length, 1);
    const [m] = r.mirrors;
    assert.deepEqual([m.cluster, m.percent, m.endpoints.map((e) => e.pod)], ['outbound|80||b.shop.svc.cluster.local', 50, ['shop/b-0']]);
    assert.deepEqual([m.authority, m.shadowAuthority], ['internal.example', 'internal.example-shadow']);
    assert.deepEqual(m.requestHeaders, { 'x-env': 'canary', host: 'internal.example' });
  });
});
