/** The mesh config, read as istiod and istioctl analyze read it: the `mesh` key of the `istio`
 *  ConfigMap in the Istio namespace (istio/istio pkg/config/analysis/local/istiod_analyze.go
 *  addRunningKubeIstioConfigMapSource), an IstioOperator's spec.meshConfig, a MeshConfig file
 *  (istiod_analyze.go AddFileKubeMeshConfig → pkg/config/mesh/mesh.go ApplyMeshConfigDefaults), flags
 *  over all. Settings used: outboundTrafficPolicy (pilot/pkg/networking/core/httproute.go
 *  buildCatchAllVirtualHost), rootNamespace (pilot/pkg/model/push_context.go destinationRule),
 *  pathNormalization (pilot/pkg/networking/core/listener_builder.go; expectations from
 *  tests/integration/security/normalization_test.go TestNormalization). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePath } from '../../server/src/core/routing/pathNormalization';
import type { WorkspaceOptions } from '../../server/src/core/workspace/snapshot';
import { sim, workspace } from '../helpers/workspace';
import { BASE, REVIEWS, reviewsVirtualService } from './base';

const configMap = (mesh: string, ns = 'istio-system') => `
#- file: istio-configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata: { name: istio, namespace: ${ns} }
data:
  mesh: |-
${mesh.split('\n').map((l) => `    ${l}`).join('\n')}
`;

const operator = (meshConfig: string) => `
#- file: operator.yaml
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: { name: installed-state, namespace: istio-system }
spec:
  meshConfig:
${meshConfig.split('\n').map((l) => `    ${l}`).join('\n')}
`;

const REGISTRY_ONLY = 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY';
const ALLOW_ANY = 'outboundTrafficPolicy:\n  mode: ALLOW_ANY';

function external(files: string, options: Partial<WorkspaceOptions> = {}) {
  const r = sim(workspace(BASE + files, options), 'http://api.example.com/');
  return { action: r.action, note: r.trace.map((s) => s.message).find((m) => m.includes('outboundTrafficPolicy')) ?? '' };
}

describe('mesh config from the files', () => {
  it("the istio ConfigMap's mesh key in the root namespace sets outboundTrafficPolicy", () => {
    const r = external(configMap(REGISTRY_ONLY));
    assert.equal(r.action, 'blackhole');
    assert.match(r.note, /REGISTRY_ONLY \(from ConfigMap istio-system\/istio \(mesh\)\)/);
    assert.equal(external(configMap(REGISTRY_ONLY, 'default')).action, 'passthrough', 'a ConfigMap outside the Istio namespace is not the mesh config');
  });

  it("an IstioOperator's spec.meshConfig is used without a ConfigMap; the ConfigMap wins over it", () => {
    const r = external(operator(REGISTRY_ONLY));
    assert.equal(r.action, 'blackhole');
    assert.match(r.note, /from IstioOperator installed-state spec\.meshConfig/);
    assert.equal(external(operator(REGISTRY_ONLY) + configMap(ALLOW_ANY)).action, 'passthrough');
  });

  it('a mesh config file wins over the files, and flags over both', () => {
    const file = { path: 'mesh.yaml', text: REGISTRY_ONLY };
    const r = external(configMap(ALLOW_ANY), { mesh: { file } });
    assert.equal(r.action, 'blackhole');
    assert.match(r.note, /from mesh config file mesh\.yaml/);
    const flag = external(configMap(ALLOW_ANY), { mesh: { file, overrides: { outboundTrafficPolicy: 'ALLOW_ANY' }, overridesFrom: { outboundTrafficPolicy: '--outbound-traffic-policy' } } });
    assert.equal(flag.action, 'passthrough');
    assert.match(flag.note, /ALLOW_ANY \(from --outbound-traffic-policy\)/);
    assert.match(external('').note, /ALLOW_ANY \(from Istio's default\)/);
  });

  it("rootNamespace: a DestinationRule of the mesh config's root namespace applies to every client", () => {
    const dr = (ns: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews-${ns}, namespace: ${ns} }
spec:
  host: reviews.default.svc.cluster.local
  subsets: [{ name: v2, labels: { version: v2 } }]
`;
    const vs = reviewsVirtualService('  - route: [{ destination: { host: reviews, subset: v2 } }]\n');
    const files = vs + dr('istio-config') + configMap('rootNamespace: istio-config');
    const r = sim(workspace(files), `${REVIEWS}/`);
    assert.equal(r.destinations[0].missing, undefined);
    assert.ok(r.trace.some((s) => s.message.includes('the root namespace istio-config, from ConfigMap istio-system/istio (mesh)')), r.trace.map((s) => s.message).join('\n'));
    // Without it, istio-config is an ordinary namespace: its DestinationRule is not visible from default.
    assert.match(sim(workspace(vs + dr('istio-config')), `${REVIEWS}/`).destinations[0].missing ?? '', /subset/);
  });
});

describe('pathNormalization', () => {
  // istio/istio tests/integration/security/normalization_test.go TestNormalization, one column per mode.
  const cases: [string, Record<string, string>][] = [
    ['/app/../admin', { NONE: '/app/../admin', BASE: '/admin', MERGE_SLASHES: '/admin', DECODE_AND_MERGE_SLASHES: '/admin' }],
    ['/app//', { NONE: '/app//', BASE: '/app//', MERGE_SLASHES: '/app/', DECODE_AND_MERGE_SLASHES: '/app/' }],
    ['/app/%2f', { NONE: '/app/%2f', BASE: '/app/%2f', MERGE_SLASHES: '/app/%2f', DECODE_AND_MERGE_SLASHES: '/app/' }],
    ['/xyz%30..//abc', { NONE: '/xyz%30..//abc', BASE: '/xyz0..//abc', MERGE_SLASHES: '/xyz0../abc', DECODE_AND_MERGE_SLASHES: '/xyz0../abc' }],
    ['/app/\\/\\/\\admin', { NONE: '/app/\\/\\/\\admin', BASE: '/app//////admin', MERGE_SLASHES: '/app/admin', DECODE_AND_MERGE_SLASHES: '/app/admin' }],
    ['/%2Fapp%5cadmin%5Cabc', { NONE: '/%2Fapp%5cadmin%5Cabc', BASE: '/%2Fapp%5cadmin%5Cabc', MERGE_SLASHES: '/%2Fapp%5cadmin%5Cabc', DECODE_AND_MERGE_SLASHES: '/app/admin/abc' }],
    ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', { BASE: '/%5Capp%2f%5c%2F..%2fadmin%5c/abc', DECODE_AND_MERGE_SLASHES: '/app/admin/abc' }],
    ['/app//../admin', { NONE: '/app//../admin', BASE: '/app/admin', MERGE_SLASHES: '/app/admin', DECODE_AND_MERGE_SLASHES: '/app/admin' }],
    ['/app//../../admin', { BASE: '/admin', MERGE_SLASHES: '/admin' }],
  ];
  for (const [input, byMode] of cases) {
    it(`${input}`, () => {
      for (const [mode, want] of Object.entries(byMode)) assert.equal(normalizePath(input, mode as never), want, `${mode}`);
    });
  }

  it("the mesh config's mode decides the path routed on, and the trace names it and its origin", () => {
    const vs = reviewsVirtualService(`  - match: [{ uri: { exact: /app/admin } }]
    directResponse: { status: 403 }
  - route: [{ destination: { host: reviews } }]
`);
    const status = (mesh: string) => sim(workspace(vs + configMap(mesh)), `${REVIEWS}/app//admin`);
    assert.equal(status('pathNormalization:\n  normalization: BASE').status, null);
    const merged = status('pathNormalization:\n  normalization: MERGE_SLASHES');
    assert.equal(merged.status, 403);
    assert.ok(merged.trace.some((s) => s.message.includes('pathNormalization MERGE_SLASHES') && s.message.includes('from ConfigMap istio-system/istio (mesh)')));
    const none = sim(workspace(vs + configMap('pathNormalization:\n  normalization: NONE')), `${REVIEWS}/app/../app/admin`);
    assert.equal(none.request.path, '/app/../app/admin');
    assert.equal(none.status, null);
  });
});
