/** The registry of resource kinds: one descriptor per kind the workspace knows. Every place that lists
 *  kinds reads it: lowering (which documents become resources), the snapshot (the collections a
 *  resource fills), incremental analysis (which snapshot parts a kind's changes touch), the unknown-
 *  kind check, schema validation and schema generation (scripts/schemas/generate.mjs). The `Resource`
 *  union is derived from the descriptors' lowerings, so a kind cannot be modelled without an entry.
 *  docs/architecture.md "Add a resource kind" says how to add one. */
import { lowerGatewayApi } from '../gatewayapi/lower';
import { GATEWAY_API_VERSIONS, type GatewayClass, type GRPCRoute, type HTTPRoute, type KubernetesGateway, type ReferenceGrant, type TCPRoute, type TLSRoute } from '../gatewayapi/types';
import { SCHEMAS, type JsonSchema } from './kindSchemas';
import { lowerDestinationRule } from './destinationRule';
import { lowerGateway } from './gateway';
import type { ResourceMeta } from './resource';
import { lowerService } from './service';
import { lowerServiceEntry } from './serviceEntry';
import { lowerSidecar } from './sidecar';
import { lowerVirtualService } from './virtualService';
import { lowerPod, lowerWorkloadTemplate } from './workload';
import { lowerSecret } from './secret';
import { lowerAuthorizationPolicy, lowerRequestAuthentication, SECURITY_GROUP, SECURITY_VERSIONS } from './security';
import { lowerWorkloadEntry } from './workloadEntry';
import { APIEXTENSIONS_GROUP, EXTENSIONS_GROUP, lowerCustomResourceDefinition, lowerTelemetry, lowerWasmPlugin, TELEMETRY_GROUP } from './policyKinds';

export type { JsonSchema };

export const ISTIO_GROUP = 'networking.istio.io';
export const ISTIO_VERSIONS = ['v1alpha3', 'v1beta1', 'v1'] as const;
export { GATEWAY_API_GROUP } from '../gatewayapi/types';
import { GATEWAY_API_GROUP } from '../gatewayapi/types';

/** The snapshot's typed lists (workspace/snapshot.ts); every kind is also in `Snapshot.ofKind`. */
export type SnapshotCollection = 'virtualServices' | 'destinationRules' | 'gateways' | 'serviceEntries' | 'sidecars' | 'services' | 'workloads' | 'namespaces'
  | 'gatewayClasses' | 'kubernetesGatewayList' | 'httpRoutes' | 'grpcRoutes' | 'tcpRoutes' | 'tlsRoutes' | 'referenceGrants';

export interface KindDescriptor<R = unknown> {
  /** The lowered resource's `kind` (the YAML kind, unless two groups share one, as Istio's and the
   *  Gateway API's `Gateway` do). */
  id: string;
  /** The kind as written in YAML. */
  kind: string;
  /** API group ('' for the core group). */
  group: string;
  /** Older groups that served the kind (the API server still answers for them). */
  legacyGroups?: readonly string[];
  /** Served versions; a JSON Schema is generated for each. */
  versions: readonly string[];
  /** Lowered whatever its version says (a wrong version is reported, not dropped). */
  anyVersion?: boolean;
  /** Turns the document into the typed resource; absent for kinds that are known but not modelled. */
  lower?: (meta: ResourceMeta) => R;
  /** The snapshot's typed list it also fills. */
  collection?: SnapshotCollection;
  /** Snapshot members (fields and methods) whose value depends on resources of this kind: incremental
   *  analysis runs an analyzer again in full when it read one of them and such a resource changed. */
  parts: readonly string[];
  /** Its schema (schemas/*.json) for validation, completion and hover; it serves every version but
   *  those of `schemaByVersion`. */
  schema?: JsonSchema;
  schemaByVersion?: Readonly<Record<string, JsonSchema>>;
  /** The builder of its schema in scripts/schemas (an export of istio.mjs or kubernetes.mjs, or
   *  `gatewayApi`: gatewayapi.mjs `gatewayApiKinds`, by kind and version). */
  schemaSpec?: string;
  /** A Pod, or a controller whose pod template stands for its pods. */
  workload: boolean;
  /** Its rules become routes of the route model (routing/routeModel.ts). */
  routeSource: boolean;
  /** Its hosts enter the service registry. */
  serviceRegistry: boolean;
  /** A document of the kind without `metadata.name` is reported. */
  requiresName: boolean;
}

export interface NamespaceResource {
  kind: 'Namespace';
  meta: ResourceMeta;
}

function describe<R>(d: KindDescriptor<R>): KindDescriptor<R> {
  return d;
}

const istio = { group: ISTIO_GROUP, versions: ISTIO_VERSIONS, anyVersion: true, workload: false, serviceRegistry: false, requiresName: true };
const WORKLOAD_PARTS = ['workloads', 'workloadsIn', 'selectWorkloads'];
const REGISTRY_PARTS = ['servicesByHost', 'serviceByHost', 'allRegistryServices'];
const workload = { legacyGroups: ['extensions'], versions: ['v1'], anyVersion: true, collection: 'workloads', parts: WORKLOAD_PARTS, schemaSpec: 'workloadSpec', workload: true, routeSource: false, serviceRegistry: false, requiresName: true } as const;

/** A Gateway API kind (gateway.networking.k8s.io), lowered with its CRD defaults (gatewayapi/lower.ts).
 *  The Gateway API's `Gateway` has its own id, as Istio's `Gateway` has the kind. Versions: those the
 *  v1.6.0 CRDs serve (gatewayapi/types.ts) and those a schema is generated for. */
function gatewayApi<R>(kind: keyof typeof GATEWAY_API_VERSIONS, schemaVersions: readonly string[], schema: JsonSchema, collection: SnapshotCollection, extra: Partial<KindDescriptor<R>> = {}): KindDescriptor<R> {
  return {
    id: kind, kind, group: GATEWAY_API_GROUP, versions: [...new Set([...GATEWAY_API_VERSIONS[kind], ...schemaVersions])],
    lower: (meta) => lowerGatewayApi(meta) as R, collection, parts: [collection], schema, schemaSpec: 'gatewayApi',
    workload: false, routeSource: false, serviceRegistry: false, requiresName: false, ...extra,
  };
}

/** Istio kinds that exist but the workspace does not model: the unknown-kind check knows them. */
function unmodelled(kind: string): KindDescriptor<never> {
  return { ...istio, id: kind, kind, parts: [], routeSource: false, requiresName: false };
}

export const RESOURCE_KINDS = [
  describe({ ...istio, id: 'VirtualService', kind: 'VirtualService', lower: lowerVirtualService, collection: 'virtualServices', parts: ['virtualServices'], schema: SCHEMAS.virtualService, schemaSpec: 'virtualService', routeSource: true }),
  describe({ ...istio, id: 'DestinationRule', kind: 'DestinationRule', lower: lowerDestinationRule, collection: 'destinationRules', parts: ['destinationRules'], schema: SCHEMAS.destinationRule, schemaSpec: 'destinationRule', routeSource: false }),
  describe({ ...istio, id: 'Gateway', kind: 'Gateway', lower: lowerGateway, collection: 'gateways', parts: ['gateways'], schema: SCHEMAS.gateway, schemaSpec: 'gateway', routeSource: false }),
  describe({ ...istio, id: 'ServiceEntry', kind: 'ServiceEntry', lower: lowerServiceEntry, collection: 'serviceEntries', parts: ['serviceEntries', ...REGISTRY_PARTS], schema: SCHEMAS.serviceEntry, schemaSpec: 'serviceEntry', routeSource: false, serviceRegistry: true }),
  describe({ ...istio, id: 'Sidecar', kind: 'Sidecar', lower: lowerSidecar, collection: 'sidecars', parts: ['sidecars'], schema: SCHEMAS.sidecar, schemaSpec: 'sidecar', routeSource: false }),
  describe({ ...istio, id: 'WorkloadEntry', kind: 'WorkloadEntry', lower: lowerWorkloadEntry, parts: [], routeSource: false, requiresName: false }),
  unmodelled('WorkloadGroup'), unmodelled('EnvoyFilter'), unmodelled('ProxyConfig'),
  describe({ id: 'Service', kind: 'Service', group: '', versions: ['v1'], lower: lowerService, collection: 'services', parts: ['services', ...REGISTRY_PARTS], schema: SCHEMAS.service, schemaSpec: 'service', workload: false, routeSource: false, serviceRegistry: true, requiresName: true }),
  // Read by the analyzers alone: the Secret a Gateway's credentialName names, the request authentication
  // a JWT-claim route needs, an authorization policy's status.
  describe({ id: 'Secret', kind: 'Secret', group: '', versions: ['v1'], lower: lowerSecret, parts: [], workload: false, routeSource: false, serviceRegistry: false, requiresName: true }),
  describe({ id: 'RequestAuthentication', kind: 'RequestAuthentication', group: SECURITY_GROUP, versions: SECURITY_VERSIONS, anyVersion: true, lower: lowerRequestAuthentication, parts: [], workload: false, routeSource: false, serviceRegistry: false, requiresName: true }),
  describe({ id: 'AuthorizationPolicy', kind: 'AuthorizationPolicy', group: SECURITY_GROUP, versions: SECURITY_VERSIONS, anyVersion: true, lower: lowerAuthorizationPolicy, parts: [], workload: false, routeSource: false, serviceRegistry: false, requiresName: true }),
  // Read by the analyzers alone: workload policies whose selector may pick a Kubernetes Gateway's pods,
  // and the Gateway API CRDs (their bundle version).
  describe({ id: 'Telemetry', kind: 'Telemetry', group: TELEMETRY_GROUP, versions: ['v1alpha1', 'v1'], anyVersion: true, lower: lowerTelemetry, parts: [], workload: false, routeSource: false, serviceRegistry: false, requiresName: true }),
  describe({ id: 'WasmPlugin', kind: 'WasmPlugin', group: EXTENSIONS_GROUP, versions: ['v1alpha1'], anyVersion: true, lower: lowerWasmPlugin, parts: [], workload: false, routeSource: false, serviceRegistry: false, requiresName: true }),
  describe({ id: 'CustomResourceDefinition', kind: 'CustomResourceDefinition', group: APIEXTENSIONS_GROUP, versions: ['v1', 'v1beta1'], anyVersion: true, lower: lowerCustomResourceDefinition, parts: [], workload: false, routeSource: false, serviceRegistry: false, requiresName: true }),
  describe({ id: 'Pod', kind: 'Pod', group: '', versions: ['v1'], lower: lowerPod, collection: 'workloads', parts: WORKLOAD_PARTS, schema: SCHEMAS.pod, schemaSpec: 'pod', workload: true, routeSource: false, serviceRegistry: false, requiresName: true }),
  describe({ ...workload, id: 'Deployment', kind: 'Deployment', group: 'apps', lower: (m: ResourceMeta) => lowerWorkloadTemplate(m, 'Deployment'), schema: SCHEMAS.deployment }),
  describe({ ...workload, id: 'StatefulSet', kind: 'StatefulSet', group: 'apps', lower: (m: ResourceMeta) => lowerWorkloadTemplate(m, 'StatefulSet'), schema: SCHEMAS.statefulSet }),
  describe({ ...workload, id: 'DaemonSet', kind: 'DaemonSet', group: 'apps', lower: (m: ResourceMeta) => lowerWorkloadTemplate(m, 'DaemonSet'), schema: SCHEMAS.daemonSet }),
  describe({ ...workload, id: 'ReplicaSet', kind: 'ReplicaSet', group: 'apps', lower: (m: ResourceMeta) => lowerWorkloadTemplate(m, 'ReplicaSet'), schema: SCHEMAS.replicaSet }),
  // Other controllers whose spec.template is a pod template: their pods carry its labels. An Argo
  // Rollout's canary and stable subsets select them (argoproj/argo-rollouts, Istio traffic routing).
  // istioctl analyze makes pods of Deployments only (istio/istio pilot/pkg/config/file/store.go
  // generateAnalyzePodFromWorkloadTemplate). No schema of ours: they are not checked field by field.
  describe({ ...workload, legacyGroups: [], schemaSpec: undefined, id: 'ReplicationController', kind: 'ReplicationController', group: '', lower: (m: ResourceMeta) => lowerWorkloadTemplate(m, 'ReplicationController') }),
  describe({ ...workload, legacyGroups: [], schemaSpec: undefined, id: 'Job', kind: 'Job', group: 'batch', lower: (m: ResourceMeta) => lowerWorkloadTemplate(m, 'Job') }),
  describe({ ...workload, legacyGroups: [], schemaSpec: undefined, versions: ['v1alpha1'], id: 'Rollout', kind: 'Rollout', group: 'argoproj.io', lower: (m: ResourceMeta) => lowerWorkloadTemplate(m, 'Rollout') }),
  gatewayApi<GatewayClass>('GatewayClass', ['v1', 'v1beta1'], SCHEMAS.gatewayClass, 'gatewayClasses'),
  gatewayApi<KubernetesGateway>('Gateway', ['v1', 'v1beta1'], SCHEMAS.kubernetesGateway, 'kubernetesGatewayList', { id: 'KubernetesGateway', parts: ['kubernetesGatewayList', 'kubernetesGateways'] }),
  gatewayApi<HTTPRoute>('HTTPRoute', ['v1', 'v1beta1'], SCHEMAS.httpRoute, 'httpRoutes', { routeSource: true }),
  gatewayApi<GRPCRoute>('GRPCRoute', ['v1'], SCHEMAS.grpcRoute, 'grpcRoutes', { routeSource: true }),
  gatewayApi<TCPRoute>('TCPRoute', ['v1', 'v1alpha2'], SCHEMAS.tcpRoute, 'tcpRoutes', { routeSource: true, schemaByVersion: { v1alpha2: SCHEMAS.tcpRouteV1alpha2 } }),
  gatewayApi<TLSRoute>('TLSRoute', ['v1', 'v1alpha3', 'v1alpha2'], SCHEMAS.tlsRoute, 'tlsRoutes', { routeSource: true, schemaByVersion: { v1alpha2: SCHEMAS.tlsRouteV1alpha2 } }),
  gatewayApi<ReferenceGrant>('ReferenceGrant', ['v1', 'v1beta1'], SCHEMAS.referenceGrant, 'referenceGrants'),
  describe({ id: 'Namespace', kind: 'Namespace', group: '', versions: ['v1'], lower: (meta: ResourceMeta): NamespaceResource => ({ kind: 'Namespace', meta }), collection: 'namespaces', parts: ['namespaces'], workload: false, routeSource: false, serviceRegistry: false, requiresName: false }),
] as const;

type LoweredBy<D> = D extends KindDescriptor<infer R> ? R : never;

/** Every typed resource: what the registry's lowerings make. */
export type Resource = LoweredBy<(typeof RESOURCE_KINDS)[number]>;
export type ResourceKind = Resource['kind'];

/** The registry as the code reads it: the entries above, plus any registered at run time. */
const registry: KindDescriptor[] = [...RESOURCE_KINDS];

/** Adds a kind at run time (a test's throwaway kind, an extension); returns its removal. */
export function registerKind(d: KindDescriptor): () => void {
  registry.push(d);
  changed();
  return () => {
    const i = registry.indexOf(d);
    if (i >= 0) registry.splice(i, 1);
    changed();
  };
}

const listeners: (() => void)[] = [];

/** Called when the registry changes, so that tables derived from it are rebuilt. */
export function onKindsChanged(f: () => void): void {
  listeners.push(f);
}

function changed(): void {
  byKind = undefined;
  for (const f of listeners) f();
}

export function kindDescriptors(): readonly KindDescriptor[] {
  return registry;
}

let byKind: Map<string, KindDescriptor[]> | undefined;

function withKind(kind: string): readonly KindDescriptor[] {
  if (!byKind) {
    byKind = new Map();
    for (const d of registry) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  }
  return byKind.get(kind) ?? [];
}

/** The descriptor of a lowered resource's kind. */
export function descriptorOf(id: string): KindDescriptor | undefined {
  return registry.find((d) => d.id === id);
}

/** Splits `group/version` (`v1` is the core group). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return { group, version };
}

/** The schema of a kind at an apiVersion: that of the entry of the apiVersion's group, else that of the
 *  first entry of the kind (a document without apiVersion, or of a group we do not know). */
export function schemaOf(kind: string, apiVersion?: string): JsonSchema | undefined {
  const candidates = withKind(kind);
  const { group, version } = splitApiVersion(apiVersion ?? '');
  const d = (apiVersion ? candidates.find((c) => c.group === group || !!c.legacyGroups?.includes(group)) : undefined) ?? candidates[0];
  return d?.schemaByVersion?.[version] ?? d?.schema;
}

/** The descriptor for a document's kind and apiVersion, or undefined when the workspace does not
 *  know it. An absent apiVersion is tolerated (the user is still typing): the first entry of the kind. */
export function descriptorFor(kind: string, apiVersion: string): KindDescriptor | undefined {
  const candidates = withKind(kind);
  if (!apiVersion) return candidates[0];
  const { group, version } = splitApiVersion(apiVersion);
  return candidates.find((d) => (d.group === group || !!d.legacyGroups?.includes(group)) && (d.anyVersion || d.versions.includes(version)));
}
