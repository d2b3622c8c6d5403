/** Kinds the analyzers read and routing never does: Istio's workload policies that take a
 *  `selector` (AuthorizationPolicy, RequestAuthentication in security.ts; Telemetry; WasmPlugin) and
 *  the CustomResourceDefinitions of the Gateway API installed in the cluster. */
import { obj, strMap } from './coerce';
import type { ResourceMeta } from './resource';

export const TELEMETRY_GROUP = 'telemetry.istio.io';
export const EXTENSIONS_GROUP = 'extensions.istio.io';
export const APIEXTENSIONS_GROUP = 'apiextensions.k8s.io';

export interface Telemetry {
  kind: 'Telemetry';
  meta: ResourceMeta;
}

export interface WasmPlugin {
  kind: 'WasmPlugin';
  meta: ResourceMeta;
}

export interface CustomResourceDefinition {
  kind: 'CustomResourceDefinition';
  meta: ResourceMeta;
}

export function lowerTelemetry(meta: ResourceMeta): Telemetry {
  return { kind: 'Telemetry', meta };
}

export function lowerWasmPlugin(meta: ResourceMeta): WasmPlugin {
  return { kind: 'WasmPlugin', meta };
}

export function lowerCustomResourceDefinition(meta: ResourceMeta): CustomResourceDefinition {
  return { kind: 'CustomResourceDefinition', meta };
}

/** The workload selector of a policy as Istio reads it (istio/api type/v1beta1 WorkloadSelector):
 *  undefined when the spec has no `selector`; `matchLabels` empty when the selector has none. The
 *  singular `targetRef` is told apart from the plural `targetRefs`. */
export function policySelector(meta: ResourceMeta): { matchLabels: Record<string, string>; targetRef: boolean } | undefined {
  const spec = obj(meta.raw.spec);
  const selector = obj(spec?.selector);
  if (!selector) return undefined;
  return { matchLabels: strMap(selector.matchLabels), targetRef: obj(spec?.targetRef) !== undefined };
}
