/** istioctl analyze's Kubernetes Gateway analyzers (istio/istio pkg/config/analysis/analyzers/k8sgateway/):
 *  IST0166 IneffectiveSelector (workloadselector.go SelectorAnalyzer.Analyze) and IST0176
 *  GatewayAPICRDVersionBelowMinimum (crdversion.go CRDVersionAnalyzer.analyzeCRD, with the minimums of
 *  pkg/config/schema/gatewayapi/minimumversions.go MinimumCRDVersions). The upstream test data
 *  (analyzers/testdata/k8sgateway-selector.yaml, gateway-api-crd-version-old.yaml) is replayed through
 *  the CLI by test/analysis/istioctlTestdata.test.ts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAnalyzers } from '../../server/src/core/analysis/analyzer';
import { gatewayApiCrdVersion, parseBundleVersion } from '../../server/src/core/analysis/analyzers/gatewayapi/crdVersion';
import { gatewayApiIneffectiveSelector } from '../../server/src/core/analysis/analyzers/gatewayapi/ineffectiveSelector';
import { workspace } from '../helpers/workspace';

const GATEWAY_PODS = `apiVersion: v1
kind: Pod
metadata: {name: gw-0, namespace: default, labels: {gateway.networking.k8s.io/gateway-name: bookinfo-gateway, app: gw}}
spec: {containers: [{name: istio-proxy, image: proxyv2}]}
---
apiVersion: v1
kind: Pod
metadata: {name: gw-1, namespace: default, labels: {gateway.networking.k8s.io/gateway-name: bookinfo-gateway, app: gw}}
spec: {containers: [{name: istio-proxy, image: proxyv2}]}
---
apiVersion: v1
kind: Pod
metadata: {name: other-gw-0, namespace: default, labels: {gateway.networking.k8s.io/gateway-name: other, app: gw}}
spec: {containers: [{name: istio-proxy, image: proxyv2}]}
---
apiVersion: v1
kind: Pod
metadata: {name: app-0, namespace: default, labels: {app: web}}
spec: {containers: [{name: web, image: web}]}
`;

function selectorFindings(policies: string): string[] {
  const snap = workspace(`${GATEWAY_PODS}---\n${policies}`);
  return runAnalyzers(snap, [gatewayApiIneffectiveSelector]).map((f) => `${f.code} ${f.resource.kind} ${f.resource.name}: ${f.message.split(' (labelled')[0]}`).sort();
}

describe('IST0166 IneffectiveSelector (k8sgateway/workloadselector.go SelectorAnalyzer)', () => {
  it('reports each policy kind whose matchLabels are all on a gateway pod of its namespace, once per Gateway', () => {
    const found = selectorFindings(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ap, namespace: default}
spec: {selector: {matchLabels: {app: gw}}}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: tel, namespace: default}
spec: {selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: bookinfo-gateway}}}
`);
    assert.deepEqual(found, [
      'IST0166 AuthorizationPolicy ap: The selector {app=gw} picks Pod default/gw-0 of Kubernetes Gateway bookinfo-gateway',
      'IST0166 AuthorizationPolicy ap: The selector {app=gw} picks Pod default/other-gw-0 of Kubernetes Gateway other',
      'IST0166 Telemetry tel: The selector {gateway.networking.k8s.io/gateway-name=bookinfo-gateway} picks Pod default/gw-0 of Kubernetes Gateway bookinfo-gateway',
    ]);
  });

  it('leaves alone a policy with targetRef, without selector, selecting a non-gateway pod, or in another namespace', () => {
    const found = selectorFindings(`apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: with-target-ref, namespace: default}
spec: {selector: {matchLabels: {app: gw}}, targetRef: {group: gateway.networking.k8s.io, kind: Gateway, name: bookinfo-gateway}, url: oci://x/y:1}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: no-selector, namespace: default}
spec: {jwtRules: [{issuer: https://issuer.example.com}]}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: web-only, namespace: default}
spec: {selector: {matchLabels: {app: web}}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: elsewhere, namespace: shop}
spec: {selector: {matchLabels: {app: gw}}}
`);
    assert.deepEqual(found, []);
  });

  it('an empty selector picks every gateway pod of the namespace (maps.Contains of no labels)', () => {
    const found = selectorFindings(`apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: all, namespace: default}
spec: {selector: {}}
`);
    assert.equal(found.length, 2);
  });
});

describe('IST0176 GatewayAPICRDVersionBelowMinimum (k8sgateway/crdversion.go CRDVersionAnalyzer)', () => {
  it('parses bundle versions as Masterminds/semver v3 NewVersion does', () => {
    assert.deepEqual(parseBundleVersion('v1.4.1'), { release: [1, 4, 1], display: '1.4.1' });
    assert.deepEqual(parseBundleVersion('1.5'), { release: [1, 5, 0], display: '1.5.0' });
    assert.deepEqual(parseBundleVersion('v1.5.0-rc.1+abc'), { release: [1, 5, 0], display: '1.5.0-rc.1+abc' });
    assert.equal(parseBundleVersion('latest'), undefined);
    assert.equal(parseBundleVersion('v1.5.0-rc.01'), undefined);
  });

  function crd(name: string, version: string): string {
    return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${name}, annotations: {gateway.networking.k8s.io/bundle-version: "${version}"}}
spec: {group: gateway.networking.k8s.io}
`;
  }

  it('compares the release without its pre-release against the minimum of the CRD name', () => {
    const snap = workspace([
      crd('tlsroutes.gateway.networking.k8s.io', 'v1.4.1'), crd('tcproutes.gateway.networking.k8s.io', 'v1.6.0-rc.1'),
      crd('grpcroutes.gateway.networking.k8s.io', 'v1.0.9'), crd('httproutes.gateway.networking.k8s.io', 'v0.1.0'),
    ].join('---\n'));
    const found = runAnalyzers(snap, [gatewayApiCrdVersion]).map((f) => `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`);
    assert.deepEqual(found.sort(), ['CustomResourceDefinition /grpcroutes.gateway.networking.k8s.io', 'CustomResourceDefinition /tlsroutes.gateway.networking.k8s.io']);
  });
});
