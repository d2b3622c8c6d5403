/** Lowering of the Gateway API kinds: CRD defaults are applied (Istio's translator reads objects as the
 *  API server stores them, defaults included: istio/istio pilot/pkg/config/kube/gateway/conversion.go
 *  createURIMatch dereferences `match.Path`), and every element keeps the YAML path of its field. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HTTPRoute, KubernetesGateway, ReferenceGrant } from '../../server/src/core/gatewayapi/types';
import { spanAt } from '../../server/src/core/model/resource';
import { workspace } from '../helpers/workspace';

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs:
  - name: gw
  - {group: "", kind: Service, name: svc-hello, port: 80, namespace: other}
  rules:
  - backendRefs:
    - {name: a, port: 80}
    - {name: b, port: 80, weight: 3, namespace: other}
  - matches:
    - headers: [{name: x, value: "1"}]
      queryParams: [{name: q, type: RegularExpression, value: "a.*"}]
    - path: {value: /v2}
    filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https}
    - type: URLRewrite
      urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /x}}
    - type: RequestMirror
      requestMirror: {backendRef: {name: m, port: 8080}, fraction: {numerator: 5}}
`;

function route(text = ROUTE): HTTPRoute {
  const r = workspace(text).httpRoutes[0];
  assert.ok(r, 'lowered an HTTPRoute');
  return r;
}

describe('Gateway API lowering', () => {
  it('defaults a rule without matches to PathPrefix / (gateway-api apis/v1/httproute_types.go HTTPRouteRule.Matches +kubebuilder:default)', () => {
    const r = route();
    assert.deepEqual(r.rules[0].matches.map((m) => [m.pathMatch.type, m.pathMatch.value, m.defaulted]), [['PathPrefix', '/', true]]);
    // A match without path gets PathPrefix / too; a path without type is a PathPrefix (HTTPRouteMatch.Path, HTTPPathMatch.Type).
    assert.deepEqual(r.rules[1].matches.map((m) => [m.pathMatch.type, m.pathMatch.value]), [['PathPrefix', '/'], ['PathPrefix', '/v2']]);
  });

  it('defaults spec.rules to one rule matching every request (gateway-api apis/v1/httproute_types.go HTTPRouteSpec.Rules)', () => {
    const r = route('apiVersion: gateway.networking.k8s.io/v1beta1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  parentRefs: [{name: gw}]\n');
    assert.equal(r.rules.length, 1);
    assert.deepEqual([r.rules[0].matches[0].pathMatch.type, r.rules[0].matches[0].pathMatch.value], ['PathPrefix', '/']);
    assert.equal(r.rules[0].backendRefs.length, 0);
  });

  it('defaults header and query matches to Exact (gateway-api apis/v1/httproute_types.go HTTPHeaderMatch.Type, HTTPQueryParamMatch.Type)', () => {
    const m = route().rules[1].matches[0];
    assert.deepEqual(m.headers.map((h) => [h.name, h.type, h.value]), [['x', 'Exact', '1']]);
    assert.deepEqual(m.queryParams.map((h) => [h.name, h.type, h.value]), [['q', 'RegularExpression', 'a.*']]);
  });

  it('defaults a redirect statusCode to 302 (gateway-api apis/v1/httproute_types.go HTTPRequestRedirectFilter.StatusCode)', () => {
    const f = route().rules[1].filters[0];
    assert.equal(f.requestRedirect?.statusCode, 302);
    assert.equal(f.requestRedirect?.scheme, 'https');
    assert.deepEqual(route().rules[1].filters[1].urlRewrite?.pathModifier, { path: ['spec', 'rules', 1, 'filters', 1, 'urlRewrite', 'path'], type: 'ReplacePrefixMatch', replaceFullPath: undefined, replacePrefixMatch: '/x' });
  });

  it('defaults a mirror fraction denominator to 100 (gateway-api apis/v1/shared_types.go Fraction.Denominator)', () => {
    assert.deepEqual(route().rules[1].filters[2].requestMirror?.fraction, { numerator: 5, denominator: 100 });
  });

  it('defaults backendRef weight 1, group "" and kind Service, namespace the route\'s (gateway-api apis/v1/httproute_types.go BackendRef.Weight, object_reference_types.go BackendObjectReference)', () => {
    const [a, b] = route().rules[0].backendRefs;
    assert.deepEqual([a.group, a.kind, a.name, a.namespace, a.port, a.weight, a.namespaceWritten], ['', 'Service', 'a', 'shop', 80, 1, false]);
    assert.deepEqual([b.namespace, b.weight, b.namespaceWritten], ['other', 3, true]);
  });

  it('defaults parentRef group/kind to gateway.networking.k8s.io/Gateway and namespace to the route\'s (gateway-api apis/v1/shared_types.go ParentReference)', () => {
    const [gw, svc] = route().parentRefs;
    assert.deepEqual([gw.group, gw.kind, gw.name, gw.namespace, gw.port], ['gateway.networking.k8s.io', 'Gateway', 'gw', 'shop', undefined]);
    assert.deepEqual([svc.group, svc.kind, svc.name, svc.namespace, svc.port], ['', 'Service', 'svc-hello', 'other', 80]);
  });

  it('keeps the YAML path of each element, so its span is the written field', () => {
    const r = route();
    const text = (path: readonly (string | number)[]) => { const s = spanAt(r.meta, path); return ROUTE.slice(s.start, s.end); };
    assert.equal(text(r.rules[1].matches[1].pathMatch.path), '{value: /v2}');
    assert.equal(text(r.rules[0].backendRefs[1].path), '{name: b, port: 80, weight: 3, namespace: other}');
    // A defaulted match points at its rule.
    assert.deepEqual(r.rules[0].matches[0].path, ['spec', 'rules', 0]);
  });

  it('defaults a listener\'s allowedRoutes to namespaces from Same and tls mode to Terminate (gateway-api apis/v1/gateway_types.go AllowedRoutes, RouteNamespaces.From, GatewayTLSConfig.Mode)', () => {
    const snap = workspace(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-ingress}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - name: https
    port: 443
    protocol: HTTPS
    hostname: "*.example.com"
    tls: {certificateRefs: [{name: cert}]}
    allowedRoutes:
      namespaces: {from: Selector, selector: {matchLabels: {shared: "true"}}}
      kinds: [{kind: HTTPRoute}]
`);
    const gw: KubernetesGateway = snap.kubernetesGatewayList[0];
    assert.equal(gw.kind, 'KubernetesGateway');
    assert.equal(gw.meta.kind, 'Gateway');
    assert.equal(snap.gateways.length, 0, 'not an Istio Gateway');
    const [http, https] = gw.listeners;
    assert.deepEqual([http.allowedRoutes.from, http.tls, http.hostname], ['Same', undefined, undefined]);
    assert.deepEqual([https.allowedRoutes.from, https.allowedRoutes.selector?.matchLabels, https.tls?.mode, https.hostname], ['Selector', { shared: 'true' }, 'Terminate', '*.example.com']);
    assert.deepEqual(https.allowedRoutes.kinds.map((k) => [k.group, k.kind]), [['gateway.networking.k8s.io', 'HTTPRoute']]);
    assert.equal(snap.kubernetesGateways().get('istio-ingress/gw'), gw);
  });

  it('lowers GatewayClass, GRPCRoute, TCPRoute, TLSRoute, ReferenceGrant and Namespace labels', () => {
    const snap = workspace(`apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: istio}
spec: {controllerName: istio.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: g}
spec:
  rules:
  - matches: [{method: {service: echo.Echo}}]
    backendRefs: [{name: echo, port: 7070}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: t}
spec:
  rules: [{backendRefs: [{name: db, port: 5432}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata: {name: s}
spec:
  hostnames: [a.example.com]
  rules: [{backendRefs: [{name: tls, port: 443}]}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: rg, namespace: backends}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service}]
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {shared: "true"}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: NotAKind
metadata: {name: x}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: HTTPRoute
metadata: {name: unserved}
`);
    assert.equal(snap.gatewayClasses[0].controllerName, 'istio.io/gateway-controller');
    const m = snap.grpcRoutes[0].rules[0].matches[0].method;
    assert.deepEqual([m?.type, m?.service, m?.method], ['Exact', 'echo.Echo', undefined]);
    assert.equal(snap.tcpRoutes[0].rules[0].backendRefs[0].weight, 1);
    assert.deepEqual(snap.tlsRoutes[0].hostnames, ['a.example.com']);
    const rg: ReferenceGrant = snap.referenceGrants[0];
    assert.deepEqual([rg.from[0].kind, rg.from[0].namespace, rg.to[0].kind, rg.to[0].name], ['HTTPRoute', 'shop', 'Service', undefined]);
    assert.deepEqual({ ...snap.namespaces[0].meta.labels }, { shared: 'true' }); // labels: an object without prototype
    assert.equal(snap.resources.length, 6, 'neither an unknown kind nor a version no longer served is lowered');
  });

  it('never throws on half-typed documents', () => {
    const snap = workspace('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules: [7, {matches: "x", backendRefs: [null, {weight: "2"}]}]\n  parentRefs: 3\n');
    const r = snap.httpRoutes[0];
    assert.equal(r.rules.length, 2);
    assert.equal(r.rules[1].backendRefs[1].weight, 2);
    assert.deepEqual(r.parentRefs, []);
  });
});
