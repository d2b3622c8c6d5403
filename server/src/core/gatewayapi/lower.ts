/** Lowering of the gateway.networking.k8s.io kinds: GatewayClass, Gateway, the route kinds
 *  (lowerRoutes.ts) and ReferenceGrant, with CRD defaults (kubernetes-sigs/gateway-api apis/v1
 *  gateway_types.go Listener, AllowedRoutes, RouteNamespaces, GatewayTLSConfig; apis/v1beta1
 *  referencegrant_types.go). */
import { num, obj, str } from '../model/coerce';
import type { ResourceMeta } from '../model/resource';
import { items, lowerSelector } from './lowerCommon';
import { lowerGRPCRoute, lowerHTTPRoute, lowerTCPRoute, lowerTLSRoute } from './lowerRoutes';
import { GATEWAY_API_GROUP, GATEWAY_API_VERSIONS, type GatewayApiKindName, type GatewayApiResource, type KubernetesGateway, type Listener, type ReferenceGrant } from './types';

/** Is `kind` at `version` a Gateway API kind the lowering reads? */
export function isGatewayApiKind(kind: string, version: string): boolean {
  const versions = (GATEWAY_API_VERSIONS as Record<string, readonly string[]>)[kind];
  return !!versions && (version === '' || versions.includes(version));
}

function lowerListener(o: Record<string, unknown>, path: (string | number)[], index: number): Listener {
  const ar = obj(o.allowedRoutes);
  const ns = obj(ar?.namespaces);
  const tls = obj(o.tls);
  const arPath = [...path, 'allowedRoutes'];
  return {
    index, path,
    name: str(o.name) ?? '',
    port: num(o.port),
    protocol: str(o.protocol) ?? '',
    hostname: str(o.hostname) || undefined,
    tls: tls
      ? {
        path: [...path, 'tls'],
        mode: str(tls.mode) ?? 'Terminate',
        certificateRefs: items(tls.certificateRefs, []).map(({ o: c }) => ({ group: str(c.group) ?? '', kind: str(c.kind) ?? 'Secret', name: str(c.name) ?? '', namespace: str(c.namespace) || undefined })),
      }
      : undefined,
    allowedRoutes: {
      from: str(ns?.from) ?? 'Same',
      selector: lowerSelector(ns?.selector),
      fromPath: ns?.from !== undefined ? [...arPath, 'namespaces', 'from'] : ar ? arPath : path,
      kinds: items(ar?.kinds, [...arPath, 'kinds']).map(({ o: k, path: kp }) => ({ path: kp, group: str(k.group) ?? GATEWAY_API_GROUP, kind: str(k.kind) ?? '' })),
    },
  };
}

function lowerKubernetesGateway(meta: ResourceMeta): KubernetesGateway {
  const spec = obj(meta.raw.spec) ?? {};
  return {
    kind: 'KubernetesGateway', meta,
    gatewayClassName: str(spec.gatewayClassName) ?? '',
    listeners: items(spec.listeners, ['spec', 'listeners']).map(({ o, path, index }) => lowerListener(o, [...path], index)),
  };
}

function lowerReferenceGrant(meta: ResourceMeta): ReferenceGrant {
  const spec = obj(meta.raw.spec) ?? {};
  return {
    kind: 'ReferenceGrant', meta,
    from: items(spec.from, ['spec', 'from']).map(({ o, path }) => ({ path, group: str(o.group) ?? '', kind: str(o.kind) ?? '', namespace: str(o.namespace) ?? '' })),
    to: items(spec.to, ['spec', 'to']).map(({ o, path }) => ({ path, group: str(o.group) ?? '', kind: str(o.kind) ?? '', name: str(o.name) || undefined })),
  };
}

/** One gateway.networking.k8s.io resource; undefined for a kind the simulator does not read. Never throws. */
export function lowerGatewayApi(meta: ResourceMeta): GatewayApiResource | undefined {
  switch (meta.kind as GatewayApiKindName) {
    case 'GatewayClass': return { kind: 'GatewayClass', meta, controllerName: str(obj(meta.raw.spec)?.controllerName) ?? '' };
    case 'Gateway': return lowerKubernetesGateway(meta);
    case 'HTTPRoute': return lowerHTTPRoute(meta);
    case 'GRPCRoute': return lowerGRPCRoute(meta);
    case 'TCPRoute': return lowerTCPRoute(meta);
    case 'TLSRoute': return lowerTLSRoute(meta);
    case 'ReferenceGrant': return lowerReferenceGrant(meta);
    default: return undefined;
  }
}
