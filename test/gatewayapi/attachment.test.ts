/** Route attachment and the route status Istio writes, computed from the files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listenerConflicts, listenerParents } from '../../server/src/core/gatewayapi/listeners';
import { routeStatus, type RouteStatus } from '../../server/src/core/gatewayapi/status';
import { workspace } from '../helpers/workspace';

const GW = (listeners: string, cls = 'istio', ns = 'infra') => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ${ns}}
spec:
  gatewayClassName: ${cls}
  listeners:
${listeners}
---
`;
const HTTP = '  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}';
const SVC = (name: string, ns: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  ports: [{port: 80, name: http}]\n---\n`;
const ROUTE = (spec: string, ns = 'shop', kind = 'HTTPRoute') => `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: {name: r, namespace: ${ns}}
spec:
${spec}
`;

function status(text: string): RouteStatus {
  const snap = workspace(text);
  const route = [...snap.httpRoutes, ...snap.grpcRoutes, ...snap.tcpRoutes, ...snap.tlsRoutes].find((r) => r.meta.name === 'r');
  assert.ok(route, 'the route is in the workspace');
  return routeStatus(snap, route);
}

function accepted(s: RouteStatus): [boolean, string, string][] {
  return s.parents.map((p) => [p.accepted, p.reason, p.message]);
}

describe('Gateway API attachment (istio/istio pilot/pkg/config/kube/gateway/conversion.go referenceAllowed, conditions.go createRouteStatus)', () => {
  it('attaches only to Gateways of a class Istio programs; others get no status (gateway_collection.go GatewayCollection, gatewaycommon/gatewayclass_collection.go FetchGatewayClass)', () => {
    const route = ROUTE('  parentRefs: [{name: gw, namespace: infra}]');
    assert.deepEqual(accepted(status(GW(HTTP) + route)), [[true, 'Accepted', 'Route was valid']], 'the built-in class istio needs no GatewayClass');
    assert.deepEqual(status(GW(HTTP, 'other') + route).parents, []);
    const cls = (ctl: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: mine}\nspec: {controllerName: ${ctl}}\n---\n`;
    assert.equal(status(cls('istio.io/gateway-controller') + GW(HTTP, 'mine') + route).parents.length, 1);
    assert.equal(status(cls('example.com/other') + GW(HTTP, 'mine') + route).parents.length, 0);
    assert.deepEqual(status(route).parents, [], 'a missing Gateway gets no parent status (extractParentReferenceInfo loops over no parents)');
  });

  it('denies a sectionName or port that names no listener with NoMatchingParent', () => {
    assert.deepEqual(accepted(status(GW(HTTP) + ROUTE('  parentRefs: [{name: gw, namespace: infra, sectionName: https}]'))), [[false, 'NoMatchingParent', 'sectionName "https" not found']]);
    assert.deepEqual(accepted(status(GW(HTTP) + ROUTE('  parentRefs: [{name: gw, namespace: infra, port: 8080}]'))), [[false, 'NoMatchingParent', 'port 8080 not found']]);
    assert.deepEqual(accepted(status(GW(HTTP) + ROUTE('  parentRefs: [{name: gw, namespace: infra, port: 80, sectionName: http}]'))), [[true, 'Accepted', 'Route was valid']]);
  });

  it('admits namespaces by allowedRoutes: Same by default, All, or a Selector over Namespace labels with kubernetes.io/metadata.name (conversion.go buildHostnameMatch, namespacesFromSelector, toNamespaceSet)', () => {
    const route = ROUTE('  parentRefs: [{name: gw, namespace: infra}]');
    const same = status(GW('  - {name: http, port: 80, protocol: HTTP}') + route);
    assert.deepEqual(accepted(same), [[false, 'NotAllowedByListeners', 'hostnames matched parent hostname "", but namespace "shop" is not allowed by the parent']]);
    const sel = (labels: string) => GW('  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: ' + labels + '}}}}');
    const shop = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: a}}\n---\n';
    assert.equal(status(shop + sel('{team: a}') + route).parents[0].accepted, true);
    assert.equal(status(shop + sel('{team: b}') + route).parents[0].reason, 'NotAllowedByListeners');
    assert.equal(status(shop + sel('{kubernetes.io/metadata.name: shop}') + route).parents[0].accepted, true, 'the name label is implicit');
    assert.equal(status(sel('{team: a}') + route).parents[0].accepted, false, 'a namespace not in the workspace has no labels');
  });

  it('needs one route hostname to match the listener hostname, wildcards both ways (pkg/config/host/name.go Matches)', () => {
    const gw = GW('  - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}');
    const with_ = (hosts: string) => status(gw + ROUTE(`  parentRefs: [{name: gw, namespace: infra}]\n  hostnames: ${hosts}`)).parents[0];
    assert.deepEqual([with_('[foo.other.com]').reason, with_('[foo.other.com]').message], ['NoMatchingListenerHostname', 'no hostnames matched parent hostname "*.example.com"']);
    assert.equal(with_('[foo.other.com, a.example.com]').accepted, true);
    assert.equal(with_('["*.com"]').accepted, true, '*.com and *.example.com overlap');
    assert.equal(with_('[example.com]').accepted, false, '*.example.com does not match example.com');
    assert.equal(with_('[]').accepted, true, 'no hostnames is *');
  });

  it('checks the route kind against the listener protocol and allowedRoutes.kinds (gatewaycommon/conversion.go GenerateGatewaySupportedKinds)', () => {
    const tcp = status(GW(HTTP) + ROUTE('  parentRefs: [{name: gw, namespace: infra}]\n  rules: [{backendRefs: [{name: db, port: 5432}]}]', 'shop', 'TCPRoute'));
    assert.deepEqual(accepted(tcp), [[false, 'NotAllowedByListeners', 'kind gateway.networking.k8s.io/TCPRoute is not allowed']]);
    const grpcOnly = GW('  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}}');
    assert.equal(status(grpcOnly + ROUTE('  parentRefs: [{name: gw, namespace: infra}]')).parents[0].reason, 'NotAllowedByListeners');
    const udp = GW('  - {name: udp, port: 53, protocol: UDP, allowedRoutes: {namespaces: {from: All}}}');
    assert.equal(status(udp + ROUTE('  parentRefs: [{name: gw, namespace: infra}]')).parents[0].reason, 'NotAllowedByListeners', 'an unsupported protocol takes no kind');
  });

  it('reports the least severe denial over the listeners, joining messages of equal rank, and counts accepting listeners', () => {
    const two = GW(`${HTTP}\n  - {name: other, port: 8080, protocol: HTTP, hostname: a.example.com, allowedRoutes: {namespaces: {from: All}}}`);
    const s = status(two + ROUTE('  parentRefs: [{name: gw, namespace: infra, sectionName: other}]\n  hostnames: [b.example.com]'));
    // Listener http: NoMatchingParent (section); listener other: NoMatchingListenerHostname, which ranks lower.
    assert.deepEqual(accepted(s), [[false, 'NoMatchingListenerHostname', 'no hostnames matched parent hostname "a.example.com"']]);
    const both = status(two + ROUTE('  parentRefs: [{name: gw, namespace: infra}]'));
    assert.deepEqual(accepted(both), [[true, 'Accepted', 'Route was valid, bound to 2 parents']]);
    const none = status(two + ROUTE('  parentRefs: [{name: gw, namespace: infra, port: 9}]'));
    assert.deepEqual(accepted(none), [[false, 'NoMatchingParent', 'port 9 not found; port 9 not found']]);
  });

  it('a later listener in conflict with an earlier one, or HTTPS without tls, takes no route (gatewaycommon/listener_conflict.go ComputeGatewayListenerConflicts; conversion.go buildListener)', () => {
    const snap = workspace(GW(`${HTTP}\n  - {name: again, port: 80, protocol: HTTP}\n  - {name: tcp, port: 80, protocol: TCP}\n  - {name: secure, port: 443, protocol: HTTPS}`));
    const gw = snap.kubernetesGatewayList[0];
    assert.deepEqual([...listenerConflicts(gw)].map(([l, c]) => [l.name, c.reason, c.with.name]), [['again', 'HostnameConflict', 'http'], ['tcp', 'ProtocolConflict', 'http']]);
    assert.deepEqual(listenerParents(gw, snap.namespaces).map((p) => p.listener.name), ['http']);
  });

  it('accepts a Service parent that exists, else NoMatchingParent (conversion.go referenceAllowed)', () => {
    const route = ROUTE('  parentRefs: [{group: "", kind: Service, name: svc-hello, port: 80}]\n  rules: [{backendRefs: [{name: svc-hello, port: 80}]}]', 'default');
    assert.deepEqual(accepted(status(SVC('svc-hello', 'default') + route)), [[true, 'Accepted', 'Route was valid']]);
    assert.deepEqual(accepted(status(route)), [[false, 'NoMatchingParent', 'parent service: "svc-hello" not found']]);
  });
});

describe('ResolvedRefs (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildDestination, convertHTTPRoute; gatewaycommon/references.go BackendAllowed)', () => {
  const parent = '  parentRefs: [{name: gw, namespace: infra}]\n';
  const refs = (s: RouteStatus) => s.parents.map((p) => [p.resolvedRefs.status, p.resolvedRefs.reason]);

  it('reports a missing Service as BackendNotFound and keeps the route', () => {
    const s = status(GW(HTTP) + ROUTE(parent + '  rules: [{backendRefs: [{name: nope, port: 80}]}]'));
    assert.deepEqual(refs(s), [[false, 'BackendNotFound']]);
    assert.equal(s.parents[0].resolvedRefs.message, 'backend(nope.shop.svc.cluster.local) not found');
    assert.equal(s.gateway.dropped, undefined);
    assert.equal(s.gateway.rules[0].backends[0].error?.reason, 'BackendNotFound');
  });

  it('needs a ReferenceGrant in the backend namespace for a cross-namespace backend of a Gateway route', () => {
    const route = ROUTE(parent + '  rules: [{backendRefs: [{name: api, namespace: backends, port: 80}]}]');
    const grant = (fromKind: string, fromNs: string, toName = '') => `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: backends}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: ${fromKind}, namespace: ${fromNs}}]\n  to: [{group: "", kind: Service${toName ? `, name: ${toName}` : ''}}]\n---\n`;
    const base = GW(HTTP) + SVC('api', 'backends');
    assert.deepEqual(refs(status(base + route)), [[false, 'RefNotPermitted']]);
    assert.deepEqual(refs(status(base + grant('HTTPRoute', 'shop') + route)), [[true, 'ResolvedRefs']]);
    assert.deepEqual(refs(status(base + grant('HTTPRoute', 'shop', 'api') + route)), [[true, 'ResolvedRefs']]);
    assert.deepEqual(refs(status(base + grant('HTTPRoute', 'shop', 'other') + route)), [[false, 'RefNotPermitted']]);
    assert.deepEqual(refs(status(base + grant('GRPCRoute', 'shop') + route)), [[false, 'RefNotPermitted']]);
    assert.deepEqual(refs(status(base + grant('HTTPRoute', 'elsewhere') + route)), [[false, 'RefNotPermitted']]);
  });

  it('does not check ReferenceGrants for a mesh (Service parent) route (route_collections.go buildMeshAndGatewayRoutes, enforceRefGrant = !mesh)', () => {
    const route = ROUTE('  parentRefs: [{group: "", kind: Service, name: svc, port: 80}]\n  rules: [{backendRefs: [{name: api, namespace: backends, port: 80}]}]');
    assert.deepEqual(refs(status(SVC('svc', 'shop') + SVC('api', 'backends') + route)), [[true, 'ResolvedRefs']]);
  });

  it('reports an unsupported backend kind as InvalidKind', () => {
    assert.deepEqual(refs(status(GW(HTTP) + ROUTE(parent + '  rules: [{backendRefs: [{group: example.com, kind: Bucket, name: b, port: 80}]}]'))), [[false, 'InvalidKind']]);
  });

  it('drops the whole route on an unsupported filter or a backend without port, while Accepted stays True', () => {
    const filter = status(GW(HTTP) + SVC('a', 'shop') + ROUTE(parent + '  rules:\n  - backendRefs: [{name: a, port: 80}]\n  - filters: [{type: ExtensionRef, extensionRef: {group: x, kind: y, name: z}}]\n    backendRefs: [{name: a, port: 80}]'));
    assert.deepEqual(accepted(filter), [[true, 'Accepted', 'Route was valid']]);
    assert.deepEqual(refs(filter), [[false, 'InvalidFilter']]);
    assert.equal(filter.parents[0].resolvedRefs.message, 'unsupported filter type "ExtensionRef"');
    assert.deepEqual(filter.gateway.rules, [], 'no rule of the route is configured');
    assert.deepEqual(filter.parents[0].resolvedRefs.path, ['spec', 'rules', 1, 'filters', 0]);
    const port = status(GW(HTTP) + SVC('a', 'shop') + ROUTE(parent + '  rules: [{backendRefs: [{name: a}]}]'));
    assert.deepEqual([refs(port), port.gateway.dropped?.message], [[[false, 'InvalidDestination']], 'port is required in backendRef']);
  });

  it('checks no backend of a rule whose weights sum to 0: it answers 500 itself', () => {
    const s = status(GW(HTTP) + ROUTE(parent + '  rules: [{backendRefs: [{name: nope, port: 80, weight: 0}]}]'));
    assert.deepEqual(refs(s), [[true, 'ResolvedRefs']]);
    assert.equal(s.gateway.rules[0].directResponse500, true);
  });

  it('keeps the last soft error by rule, joining a mirror error to its rule\'s backend error', () => {
    const s = status(GW(HTTP) + ROUTE(parent + `  rules:
  - backendRefs: [{name: first, port: 80}]
  - filters: [{type: RequestMirror, requestMirror: {backendRef: {name: mirror, port: 80}}}]
    backendRefs: [{name: second, port: 80}]`));
    assert.equal(s.parents[0].resolvedRefs.message, 'backend(second.shop.svc.cluster.local) not found; backend(mirror.shop.svc.cluster.local) not found');
  });
});
