import type { GatewayClass, GRPCRoute, HTTPRoute, KubernetesGateway, ReferenceGrant, TCPRoute, TLSRoute } from '../gatewayapi/types';
import type { DestinationRule } from '../model/destinationRule';
import type { Gateway } from '../model/gateway';
import { descriptorOf, type NamespaceResource, type Resource, type ResourceKind } from '../model/kinds';
import { lowerFile } from '../model/lower';
import type { Service } from '../model/service';
import type { ServiceEntry } from '../model/serviceEntry';
import type { Sidecar } from '../model/sidecar';
import type { VirtualService } from '../model/virtualService';
import type { Workload } from '../model/workload';
import { parseFile, type Problem, type SourceFile, type YamlDocument } from '../yaml/parse';
import { hostMatches, isVisible, isWildcard, compareSpecificity } from './hosts';
import type { MeshConfig, MeshConfigInput } from './meshConfig';
import { resolveMeshConfig } from './meshConfigSources';
import { registryEntries } from './registry';
import { WorkloadIndex } from './workloadIndex';
import type { RoutingProtocol } from './protocol';
import { DEFAULT_SETTINGS, snapshotOptionsOf } from '../settings';

export interface WorkspaceOptions {
  clusterDomain: string;
  rootNamespace: string;
  defaultNamespace: string;
  /** Mesh-wide `outboundTrafficPolicy.mode` when the mesh config says nothing (Snapshot.mesh). */
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** A mesh config file and flag values, over the files' mesh config (meshConfig.ts). */
  mesh?: MeshConfigInput;
}

/** The defaults of the `istioLens.*` settings (core/settings.ts). */
export const DEFAULT_OPTIONS: WorkspaceOptions = snapshotOptionsOf(DEFAULT_SETTINGS);

export interface ServicePort {
  port: number;
  name?: string;
  protocol: RoutingProtocol;
  targetPort?: number | string;
  /** Index in the resource's `ports` list. */
  index: number;
}

/** A host in the service registry: a Kubernetes Service or one host of a ServiceEntry. */
export interface RegistryService {
  hostname: string;
  namespace: string;
  ports: ServicePort[];
  exportTo: string[];
  source: Service | ServiceEntry;
  /** Short name and namespace of a Kubernetes Service (for `name`, `name.ns`, `name.ns.svc`). */
  k8sName?: string;
}

export interface FileResult {
  source: SourceFile;
  /** In the order of their documents (incremental analysis finds a document's by binary search). */
  resources: Resource[];
  problems: Problem[];
}

/** An immutable view of the workspace with the look-ups the engine and analyzers need. */
export class Snapshot {
  readonly resources: Resource[];
  readonly virtualServices: VirtualService[] = [];
  readonly destinationRules: DestinationRule[] = [];
  readonly gateways: Gateway[] = [];
  readonly serviceEntries: ServiceEntry[] = [];
  readonly sidecars: Sidecar[] = [];
  readonly services: Service[] = [];
  readonly workloads: Workload[] = [];
  readonly namespaces: NamespaceResource[] = [];
  /** Kubernetes Gateway API kinds (gateway.networking.k8s.io). */
  readonly gatewayClasses: GatewayClass[] = [];
  readonly kubernetesGatewayList: KubernetesGateway[] = [];
  readonly httpRoutes: HTTPRoute[] = [];
  readonly grpcRoutes: GRPCRoute[] = [];
  readonly tcpRoutes: TCPRoute[] = [];
  readonly tlsRoutes: TLSRoute[] = [];
  readonly referenceGrants: ReferenceGrant[] = [];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly registry = new Map<string, RegistryService[]>();
  private readonly wildcardRegistry: RegistryService[] = [];
  private readonly memos = new Map<string, unknown>();
  private workloadIndex?: WorkloadIndex;
  private readonly selected = new WeakMap<readonly number[], Workload[]>();

  /** `resources` narrows the files' resources (the engine's view keeps one copy of each: engineView.ts). */
  constructor(readonly files: ReadonlyMap<string, FileResult>, readonly options: WorkspaceOptions, resources?: Resource[]) {
    this.resources = resources ?? [...files.values()].flatMap((f) => f.resources);
    // Where each kind goes, looked up once per kind: every edit indexes every resource again.
    const slots = new Map<string, { list: Resource[]; collection?: Resource[]; registry: boolean }>();
    for (const r of this.resources) {
      let slot = slots.get(r.kind);
      if (!slot) slots.set(r.kind, (slot = this.slotOf(r.kind)));
      slot.list.push(r);
      slot.collection?.push(r);
      if (slot.registry) this.addRegistry(r as Service | ServiceEntry);
    }
  }

  /** Where the resources of a kind are filed, as its descriptor (model/kinds.ts) says. */
  private slotOf(kind: string): { list: Resource[]; collection?: Resource[]; registry: boolean } {
    const list: Resource[] = [];
    this.byKind.set(kind, list);
    const d = descriptorOf(kind);
    return { list, collection: d?.collection ? (this[d.collection] as Resource[]) : undefined, registry: !!d?.serviceRegistry };
  }

  /** The resources of a kind, in workspace order. */
  ofKind<K extends ResourceKind>(kind: K): readonly Extract<Resource, { kind: K }>[] {
    return (this.byKind.get(kind) ?? NONE) as Extract<Resource, { kind: K }>[];
  }

  private addRegistry(source: Service | ServiceEntry): void {
    for (const s of registryEntries(source, this.options.clusterDomain)) {
      if (isWildcard(s.hostname)) {
        this.wildcardRegistry.push(s);
        continue;
      }
      const list = this.registry.get(s.hostname);
      if (list) list.push(s);
      else this.registry.set(s.hostname, [s]);
    }
  }

  /** Registry services for a FQDN visible from a namespace (all of them when `clientNs` is undefined). */
  servicesByHost(hostname: string, clientNs?: string): readonly RegistryService[] {
    const h = lowerCase(hostname);
    const exact = this.registry.get(h);
    if (exact && clientNs === undefined) return exact;
    const visible = exact?.filter((s) => isVisible(s.exportTo, s.namespace, clientNs!));
    if (visible?.length) return visible;
    return this.wildcardRegistry
      .filter((s) => hostMatches(s.hostname, h) && (clientNs === undefined || isVisible(s.exportTo, s.namespace, clientNs)))
      .sort((a, b) => compareSpecificity(a.hostname, b.hostname));
  }

  serviceByHost(hostname: string, clientNs?: string): RegistryService | undefined {
    // The first of servicesByHost without building its list: analyzers ask for every destination.
    const exact = this.registry.get(lowerCase(hostname));
    if (exact) for (const s of exact) if (clientNs === undefined || isVisible(s.exportTo, s.namespace, clientNs)) return s;
    return this.servicesByHost(hostname, clientNs)[0];
  }

  /** Every registry service (for completion and wildcard matching). */
  allRegistryServices(): RegistryService[] {
    return [...[...this.registry.values()].flat(), ...this.wildcardRegistry];
  }

  workloadsIn(namespace: string): readonly Workload[] {
    const byNs = this.memo('workloadsByNamespace', () => {
      const out = new Map<string, Workload[]>();
      for (const w of this.workloads) {
        const list = out.get(w.namespace);
        if (list) list.push(w);
        else out.set(w.namespace, [w]);
      }
      return out;
    });
    return byNs.get(namespace) ?? [];
  }

  /** Workloads of a namespace (of all namespaces when undefined) whose labels include every selector label. */
  selectWorkloads(namespace: string | undefined, selector: Record<string, string>): Workload[] {
    const positions = (this.workloadIndex ??= WorkloadIndex.of(this.workloads)).select(this.workloads, namespace, selector);
    // The index may be an earlier snapshot's (same lowerings): its answers become this one's workloads once.
    let found = this.selected.get(positions);
    if (!found) this.selected.set(positions, (found = positions.map((i) => this.workloads[i])));
    return found;
  }

  /** The mesh configuration: the files' `istio` ConfigMap or IstioOperator, then `options.mesh`
   *  (a mesh config file, flags) over `options`' root namespace and outbound policy (meshConfig.ts). */
  get mesh(): MeshConfig {
    return this.memo('meshConfig', () => resolveMeshConfig(this.documents(), this.options, this.options.mesh));
  }

  private *documents(): Iterable<YamlDocument> {
    for (const f of this.files.values()) yield* f.source.documents;
  }

  /** Kubernetes Gateway API Gateways by `namespace/name` (the first of a name wins). */
  kubernetesGateways(): Map<string, KubernetesGateway> {
    return this.memo('kubernetesGateways', () => {
      const out = new Map<string, KubernetesGateway>();
      for (const g of this.kubernetesGatewayList) {
        const key = `${g.meta.namespace}/${g.meta.name}`;
        if (!out.has(key)) out.set(key, g);
      }
      return out;
    });
  }

  /** Computes a derived index once per snapshot (the snapshot never changes, so neither does the value). */
  memo<T>(key: string, compute: () => T): T {
    const known = this.memos.get(key);
    if (known !== undefined || this.memos.has(key)) return known as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }

  problems(): Problem[] {
    return [...this.files.values()].flatMap((f) => f.problems);
  }
}

const NONE: readonly Resource[] = [];

/** Characters toLowerCase keeps as they are. */
const LOWER_CASE = /^[a-z0-9.*_-]*$/;

/** toLowerCase, which makes a new string even of one it keeps: host names are looked up thousands of
 *  times per analysis, almost always in lower case already. */
function lowerCase(h: string): string {
  return LOWER_CASE.test(h) ? h : h.toLowerCase();
}

/** Reads files (already loaded as text) into a snapshot. Parsing is cached per document. */
export function buildSnapshot(texts: Iterable<[string, string]>, options: Partial<WorkspaceOptions> = {}): Snapshot {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const files = new Map<string, FileResult>();
  for (const [path, text] of texts) files.set(path, analyzeFile(path, text, opts));
  return new Snapshot(files, opts);
}

export function analyzeFile(path: string, text: string, opts: WorkspaceOptions): FileResult {
  const source = parseFile(path, text);
  const lowered = lowerFile(source, { defaultNamespace: opts.defaultNamespace });
  return { source, resources: lowered.resources, problems: lowered.problems };
}
