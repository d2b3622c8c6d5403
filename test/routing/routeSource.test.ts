/** Another routing source plugs into the route model (routing/routeModel.ts) without touching the
 *  engine: routes written by hand for an HTTPRoute, as a Gateway API translation would write them, are
 *  evaluated with Envoy's semantics and reported with their own provenance. The Envoy rules: a
 *  segment-aware prefix (route_components.proto RouteMatch.path_separated_prefix), prefix_rewrite of
 *  the matched prefix, a redirect whose default status is the source's (302 for the Gateway API,
 *  gateway-api apis/v1 httproute_types.go HTTPRequestRedirectFilter.StatusCode), and an invalid
 *  backend answered with 500 for its share (istio/istio pilot/pkg/networking/core/route/route.go
 *  applyHTTPRouteDestination with cluster_not_found_response_code INTERNAL_SERVER_ERROR). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DestinationContext } from '../../server/src/core/routing/destinations';
import { evaluateHttpRoutes } from '../../server/src/core/routing/httpEval';
import { simulateJson } from '../../server/src/core/routing/json';
import { parseRequest } from '../../server/src/core/routing/request';
import { emptyResult } from '../../server/src/core/routing/result';
import type { Route, RouteAction } from '../../server/src/core/routing/routeModel';
import { Trace } from '../../server/src/core/routing/trace';
import { Positions } from '../../server/src/core/workspace/positions';
import { workspace } from '../helpers/workspace';

const snap = workspace(`#- file: svc.yaml
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 8080, name: http }]
#- file: pod.yaml
apiVersion: v1
kind: Pod
metadata: { name: web-1, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: web, ports: [{ containerPort: 8080 }] }] }
status: { podIP: 10.0.0.1, conditions: [{ type: Ready, status: "True" }] }
#- file: route.yaml
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  rules:
  - matches: [{ path: { type: PathPrefix, value: /old } }]
  - matches: [{ path: { type: PathPrefix, value: /api } }]
`);

const resource = { kind: 'HTTPRoute', meta: snap.resources.find((r) => r.meta.kind === 'HTTPRoute')!.meta };

function route(ruleIndex: number, prefix: string, action: RouteAction): Route {
  const rulePath = ['spec', 'rules', ruleIndex];
  return {
    match: { path: { kind: 'pathSeparatedPrefix', value: prefix }, ignoreCase: false, headers: [], queryParams: [] },
    action,
    source: { resource, ruleList: 'rules', ruleIndex, rulePath, matchIndex: 0, matchPath: [...rulePath, 'matches', 0] },
  };
}

const backend = (host: string, weight: number, index: number, invalid?: string) => ({
  destination: { host, port: 8080 }, weight, index, invalid,
  path: ['spec', 'rules', 1, 'backendRefs', index], destinationPath: ['spec', 'rules', 1, 'backendRefs', index],
});

const ROUTES: Route[] = [
  route(0, '/old', { kind: 'redirect', redirect: { path: { kind: 'prefix', value: '/new' }, defaultCode: 302, at: ['spec', 'rules', 0], codeAt: ['spec', 'rules', 0] } }),
  route(1, '/api', {
    kind: 'route', mirrors: [], backendsPath: ['spec', 'rules', 1],
    backends: [backend('web.shop.svc.cluster.local', 3, 0), backend('missing.shop.svc.cluster.local', 1, 1, 'BackendNotFound')],
    rewrite: { path: { kind: 'prefix', value: '/v1' }, at: ['spec', 'rules', 1] },
  }),
];

function run(url: string, routes = ROUTES) {
  const req = parseRequest({ url, source: { namespace: 'shop', labels: {} } });
  const trace = new Trace();
  const res = emptyResult(req, trace.steps);
  const ctx: DestinationContext = { snap, client: { namespace: 'shop', labels: {} }, listenerPort: 8080, portRule: 'listener', trace };
  evaluateHttpRoutes(routes, req, res, ctx, false);
  return { res, json: simulateJson(res, new Positions(snap)) as Record<string, unknown> };
}

describe('a route source other than VirtualService', () => {
  it('matches whole path segments and reports its own provenance', () => {
    const { res, json } = run('http://web.shop:8080/api/items?x=1');
    assert.equal(res.action, 'route');
    assert.deepEqual(json.route, { kind: 'HTTPRoute', namespace: 'shop', name: 'web', file: 'route.yaml', line: 7 });
    assert.deepEqual([json.ruleIndex, json.matchIndex, json.virtualService, json.httpRouteIndex], [1, 0, null, null]);
    assert.equal(run('http://web.shop:8080/apis').res.action, 'noRoute', '/api does not match /apis');
  });

  it('rewrites the matched prefix and keeps the query', () => {
    assert.deepEqual(run('http://web.shop:8080/api/items?x=1').res.rewrite, { path: '/v1/items?x=1', authority: 'web.shop:8080' });
  });

  it('lists only valid backends, with their share of all; an invalid one is answered 500', () => {
    const { res } = run('http://web.shop:8080/api');
    assert.deepEqual(res.destinations.map((d) => [d.host, d.weight]), [['web.shop.svc.cluster.local', 75]]);
    assert.ok(res.trace.some((s) => /invalid \(BackendNotFound\): Envoy answers 500 for its 25%/.test(s.message)));
    const onlyInvalid: Route[] = [route(1, '/api', { kind: 'route', mirrors: [], backendsPath: [], backends: [backend('missing.shop.svc.cluster.local', 1, 0, 'BackendNotFound')] })];
    const all = run('http://web.shop:8080/api', onlyInvalid).res;
    assert.deepEqual([all.action, all.status, all.destinations.length], ['route', 500, 0]);
  });

  it('redirects with the source\'s default status, replacing the matched prefix', () => {
    const { res } = run('http://web.shop:8080/old/page');
    assert.deepEqual(res.redirect, { location: 'http://web.shop:8080/new/page', status: 302 });
  });
});
