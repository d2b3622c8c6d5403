/** The JSON Schemas of the Kubernetes Gateway API kinds (gateway.networking.k8s.io), one per served
 *  version where the versions differ (TCPRoute and TLSRoute v1alpha2 allow sixteen rules and, for TLSRoute,
 *  no hostnames; kubernetes-sigs/gateway-api v1.6.0 config/crd/experimental). */
import gatewayClass from '../../../../../schemas/gateway.networking.k8s.io.v1.GatewayClass.json';
import gateway from '../../../../../schemas/gateway.networking.k8s.io.v1.Gateway.json';
import grpcRoute from '../../../../../schemas/gateway.networking.k8s.io.v1.GRPCRoute.json';
import httpRoute from '../../../../../schemas/gateway.networking.k8s.io.v1.HTTPRoute.json';
import referenceGrant from '../../../../../schemas/gateway.networking.k8s.io.v1.ReferenceGrant.json';
import tcpRoute from '../../../../../schemas/gateway.networking.k8s.io.v1.TCPRoute.json';
import tlsRoute from '../../../../../schemas/gateway.networking.k8s.io.v1.TLSRoute.json';
import tcpRouteV1alpha2 from '../../../../../schemas/gateway.networking.k8s.io.v1alpha2.TCPRoute.json';
import tlsRouteV1alpha2 from '../../../../../schemas/gateway.networking.k8s.io.v1alpha2.TLSRoute.json';

type JsonSchema = Record<string, unknown>;

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The v1 schema of each kind; it also serves the versions whose schema is the same (v1beta1, v1alpha3)
 *  and versions no longer served (a GRPCRoute v1alpha2 file reads like a v1 one). */
const CURRENT: Record<string, JsonSchema> = {
  GatewayClass: gatewayClass, Gateway: gateway, HTTPRoute: httpRoute, GRPCRoute: grpcRoute, TCPRoute: tcpRoute, TLSRoute: tlsRoute, ReferenceGrant: referenceGrant,
};
const OLDER: Record<string, JsonSchema> = { 'v1alpha2 TCPRoute': tcpRouteV1alpha2, 'v1alpha2 TLSRoute': tlsRouteV1alpha2 };

export const GATEWAY_API_KINDS = Object.keys(CURRENT);

/** The schema of a Gateway API kind at an apiVersion (`gateway.networking.k8s.io/v1`). */
export function gatewayApiSchemaFor(kind: string, apiVersion: string): JsonSchema | undefined {
  const version = apiVersion.slice(GATEWAY_API_GROUP.length + 1);
  return OLDER[`${version} ${kind}`] ?? CURRENT[kind];
}
