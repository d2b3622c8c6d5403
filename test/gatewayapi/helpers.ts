import type { SimResult } from '../../server/src/core/routing/result';
import type { Snapshot } from '../../server/src/core/workspace/snapshot';
import { sim, workspace } from '../helpers/workspace';

/** A Gateway `gw` in `infra` (class istio, built in) with the listeners given as YAML flow maps. */
export function gateway(...listeners: string[]): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: istio
  listeners:
${(listeners.length ? listeners : ['{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}']).map((l) => `  - ${l}`).join('\n')}
---
`;
}

/** A Service with one ready pod, so that routing to it succeeds. */
export function service(name: string, ns = 'shop', port = 80): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {selector: {app: ${name}}, ports: [{port: ${port}, name: http}]}
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}-0, namespace: ${ns}, labels: {app: ${name}}}
spec: {containers: [{name: c}]}
status: {podIP: 10.0.0.1, phase: Running, conditions: [{type: Ready, status: "True"}]}
---
`;
}

/** An HTTPRoute `name` in `shop` attached to the Gateway, with the given spec lines (after parentRefs). */
export function httpRoute(name: string, spec: string, extra = ''): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: shop${extra}}
spec:
  parentRefs: [{name: gw, namespace: infra}]
${spec}
---
`;
}

/** A GRPCRoute `g` in `shop` attached to the Gateway, with the given `rules` (a YAML flow list or block). */
export function grpcRoute(rules: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: g, namespace: shop}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  rules:${rules.startsWith('[') ? ' ' : '\n'}${rules}
---
`;
}

export function through(snap: Snapshot | string, url: string, headers: string[] = [], method?: string): SimResult {
  const s = typeof snap === 'string' ? workspace(snap) : snap;
  return sim(s, { url, headers, method, gateway: 'infra/gw' });
}

/** `[ruleIndex, matchIndex]` of the decision, or the action when no rule decided. */
export function decidedBy(r: SimResult): [number, number | null] | string {
  return r.gatewayApiRoute ? [r.gatewayApiRoute.ruleIndex, r.gatewayApiRoute.matchIndex] : `${r.action} ${r.status}`;
}

export function hosts(r: SimResult): [string, number][] {
  return r.destinations.map((d) => [d.host.split('.')[0], d.weight]);
}
