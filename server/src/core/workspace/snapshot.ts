import type { DestinationRule } from '../model/destinationRule';
import type { Gateway } from '../model/gateway';
import { lowerFile, type Resource } from '../model/lower';
import type { Service } from '../model/service';
import type { ServiceEntry } from '../model/serviceEntry';
import type { Sidecar } from '../model/sidecar';
import type { VirtualService } from '../model/virtualService';
import type { Workload } from '../model/workload';
import { parseFile, type Problem, type SourceFile, type YamlDocument } from '../yaml/parse';
import { hostMatches, isVisible, isWildcard, labelsMatch, resolveShortname, compareSpecificity } from './hosts';
import { kubernetesGatewaysIn, type KubernetesGateway } from './kubernetesGateways';
import { istioPortProtocol, servicePortProtocol, type RoutingProtocol } from './protocol';

export interface WorkspaceOptions {
  clusterDomain: string;
  rootNamespace: string;
  defaultNamespace: string;
  /** Mesh-wide `outboundTrafficPolicy.mode`. */
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
}

export const DEFAULT_OPTIONS: WorkspaceOptions = {
  clusterDomain: 'cluster.local',
  rootNamespace: 'istio-system',
  defaultNamespace: 'default',
  outboundTrafficPolicy: 'ALLOW_ANY',
};

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
  private readonly registry = new Map<string, RegistryService[]>();
  private readonly wildcardRegistry: RegistryService[] = [];
  private readonly workloadsByNs = new Map<string, Workload[]>();
  private readonly memos = new Map<string, unknown>();

  constructor(readonly files: ReadonlyMap<string, FileResult>, readonly options: WorkspaceOptions) {
    this.resources = [...files.values()].flatMap((f) => f.resources);
    for (const r of this.resources) this.add(r);
  }

  private add(r: Resource): void {
    switch (r.kind) {
      case 'VirtualService': this.virtualServices.push(r); break;
      case 'DestinationRule': this.destinationRules.push(r); break;
      case 'Gateway': this.gateways.push(r); break;
      case 'Sidecar': this.sidecars.push(r); break;
      case 'Namespace': break;
      case 'Service': this.services.push(r); this.addService(r); break;
      case 'ServiceEntry': this.serviceEntries.push(r); this.addServiceEntry(r); break;
      default: {
        this.workloads.push(r);
        const list = this.workloadsByNs.get(r.namespace) ?? [];
        list.push(r);
        this.workloadsByNs.set(r.namespace, list);
      }
    }
  }

  private addRegistry(s: RegistryService): void {
    if (isWildcard(s.hostname)) {
      this.wildcardRegistry.push(s);
      return;
    }
    const list = this.registry.get(s.hostname) ?? [];
    list.push(s);
    this.registry.set(s.hostname, list);
  }

  private addService(svc: Service): void {
    const { name, namespace, annotations } = svc.meta;
    if (!name) return;
    const exportTo = (annotations['networking.istio.io/exportTo'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    this.addRegistry({
      hostname: `${name}.${namespace}.svc.${this.options.clusterDomain}`.toLowerCase(),
      namespace,
      ports: svc.ports.map((p) => ({ port: p.port, name: p.name, protocol: servicePortProtocol(p), targetPort: p.targetPort ?? p.port, index: p.index })),
      exportTo,
      source: svc,
      k8sName: name.toLowerCase(),
    });
  }

  private addServiceEntry(se: ServiceEntry): void {
    for (const h of se.hosts) {
      this.addRegistry({
        hostname: resolveShortname(h, se.meta.namespace, this.options.clusterDomain),
        namespace: se.meta.namespace,
        ports: se.ports.map((p) => ({ port: p.port, name: p.name, protocol: istioPortProtocol(p.protocol), targetPort: p.targetPort, index: p.index })),
        exportTo: se.exportTo,
        source: se,
      });
    }
  }

  /** Registry services for a FQDN visible from a namespace (all of them when `clientNs` is undefined). */
  servicesByHost(hostname: string, clientNs?: string): RegistryService[] {
    const h = hostname.toLowerCase();
    const exact = (this.registry.get(h) ?? []).filter((s) => clientNs === undefined || isVisible(s.exportTo, s.namespace, clientNs));
    if (exact.length) return exact;
    return this.wildcardRegistry
      .filter((s) => hostMatches(s.hostname, h) && (clientNs === undefined || isVisible(s.exportTo, s.namespace, clientNs)))
      .sort((a, b) => compareSpecificity(a.hostname, b.hostname));
  }

  serviceByHost(hostname: string, clientNs?: string): RegistryService | undefined {
    // The first of servicesByHost without building its list: analyzers ask for every destination.
    const exact = this.registry.get(hostname.toLowerCase());
    if (exact) for (const s of exact) if (clientNs === undefined || isVisible(s.exportTo, s.namespace, clientNs)) return s;
    return this.servicesByHost(hostname, clientNs)[0];
  }

  /** Every registry service (for completion and wildcard matching). */
  allRegistryServices(): RegistryService[] {
    return [...[...this.registry.values()].flat(), ...this.wildcardRegistry];
  }

  workloadsIn(namespace: string): readonly Workload[] {
    return this.workloadsByNs.get(namespace) ?? [];
  }

  /** Workloads of a namespace (of all namespaces when undefined) whose labels include every selector label. */
  selectWorkloads(namespace: string | undefined, selector: Record<string, string>): Workload[] {
    // Two levels rather than one concatenated key: the selector's key is a string kept per selector
    // object, whose hash V8 computes once (analyzers ask for thousands of selectors per snapshot).
    const index = this.workloadIndex();
    const ns = namespace ?? '*';
    let selections = index.selections.get(ns);
    if (!selections) index.selections.set(ns, (selections = new Map()));
    const key = selectorKey(selector);
    let found = selections.get(key);
    if (!found) {
      // Only the workloads carrying the selector's rarest label are candidates (in workspace order).
      let pool: readonly Workload[] | undefined;
      for (const [k, v] of Object.entries(selector)) {
        const list = byLabel(index).get(`${k}\0${v}`) ?? [];
        if (!pool || list.length < pool.length) pool = list;
      }
      found = (pool ?? this.workloads).filter((w) => (namespace === undefined || w.namespace === namespace) && labelsMatch(selector, w.labels));
      selections.set(key, found);
    }
    return found;
  }

  /** The previous snapshot's, when its workloads are the same objects in the same order (an edit of
   *  anything but a workload), else a new one. */
  private workloadIndex(): WorkloadIndex {
    return this.memo('workloadIndex', () => {
      const last = lastWorkloadIndex;
      const kept = last && last.workloads.length === this.workloads.length && this.workloads.every((w, i) => last.workloads[i] === w);
      return (lastWorkloadIndex = kept ? last : { workloads: this.workloads, selections: new Map() });
    });
  }

  /** Kubernetes Gateway API Gateways by `namespace/name`, read from the documents the model does not lower. */
  kubernetesGateways(): Map<string, KubernetesGateway> {
    return this.memo('kubernetesGateways', () => kubernetesGatewaysIn(this.documents(), this.options.defaultNamespace));
  }

  private *documents(): Iterable<YamlDocument> {
    for (const f of this.files.values()) yield* f.source.documents;
  }

  /** Computes a derived index once per snapshot (the snapshot never changes, so neither does the value). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }

  problems(): Problem[] {
    return [...this.files.values()].flatMap((f) => f.problems);
  }
}

/** Look-ups that depend on the workloads alone. */
interface WorkloadIndex {
  workloads: readonly Workload[];
  /** Workloads by each `key\0value` label they carry. */
  byLabel?: Map<string, Workload[]>;
  /** selectWorkloads: by namespace (`*` for all), then by selector. */
  selections: Map<string, Map<string, Workload[]>>;
}

/** The last one built (one workspace per thread): most edits change no workload, and a snapshot
 *  follows each edit. */
let lastWorkloadIndex: WorkloadIndex | undefined;

function byLabel(index: WorkloadIndex): Map<string, Workload[]> {
  if (index.byLabel) return index.byLabel;
  const out = new Map<string, Workload[]>();
  for (const w of index.workloads) {
    for (const key of labelKeys(w)) {
      const list = out.get(key);
      if (list) list.push(w);
      else out.set(key, [w]);
    }
  }
  return (index.byLabel = out);
}

/** Per labels object: those of an unchanged document are kept in the next snapshot, even when it moved. */
const labelKeysOf = new WeakMap<Record<string, string>, string[]>();

function labelKeys(w: Workload): string[] {
  let keys = labelKeysOf.get(w.labels);
  if (!keys) labelKeysOf.set(w.labels, (keys = Object.entries(w.labels).map(([k, v]) => `${k}\0${v}`)));
  return keys;
}

/** Per selector object: those of resources are never changed, and an unchanged document keeps them. */
const selectorKeys = new WeakMap<Record<string, string>, string>();

function selectorKey(selector: Record<string, string>): string {
  let key = selectorKeys.get(selector);
  if (key === undefined) selectorKeys.set(selector, (key = JSON.stringify(selector)));
  return key;
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
