/** Analysis of a sequence of snapshots (an editor session): after an edit, an analyzer that declares
 *  its `scope` runs again only on the YAML documents that changed, and keeps its findings on the
 *  others (moved with their document when an edit above shifted it). The result equals
 *  `analyze(snapshot, options)`; test/analysis/incremental.test.ts holds the two equal over edits.
 *
 *  A document is unchanged when its file still holds the same parsed document (the parse is cached
 *  per document text, so an edit elsewhere keeps it) exactly once. A finding belongs to the
 *  document its span starts in; one whose spans (related places, fix edits) cannot all be followed
 *  to unchanged documents makes its analyzer run again in full, as does any change of options. */
import type { Document } from 'yaml';
import type { Resource, ResourceKind } from '../model/lower';
import type { Span } from '../text/span';
import type { Workload } from '../model/workload';
import type { Snapshot } from '../workspace/snapshot';
import { AnalysisContext, resourcesOfKind, type Analyzer } from './analyzer';
import { yamlFindings } from './analyzers/file/yamlProblems';
import { finishFindings } from './index';
import { ANALYZERS } from './registry';
import type { AnalyzeOptions, Finding } from './types';

interface DocPlace {
  base: number;
  end: number;
  parsed: Document.Parsed;
  /** `kind/namespace/name` of its resources, one per line: a finding must be about one of them. */
  refs: string;
}

function refKey(r: { kind: string; namespace: string; name: string }): string {
  return `${r.kind}/${r.namespace}/${r.name}`;
}

/** The documents of one snapshot, per file, in order; and which parsed documents occur once. */
class DocumentMap {
  readonly byFile = new Map<string, DocPlace[]>();
  readonly unique = new Map<string, Map<Document.Parsed, DocPlace>>();

  constructor(snap: Snapshot) {
    for (const [file, f] of snap.files) {
      const places = f.source.documents.map((d) => ({ base: d.base, end: d.base + d.text.length, parsed: d.doc, refs: '' }));
      this.byFile.set(file, places);
      const unique = new Map<Document.Parsed, DocPlace>();
      let repeated: Document.Parsed[] | undefined;
      for (const p of places) {
        if (unique.has(p.parsed)) (repeated ??= []).push(p.parsed);
        else unique.set(p.parsed, p);
      }
      for (const parsed of repeated ?? []) unique.delete(parsed);
      this.unique.set(file, unique);
      for (const r of f.resources) {
        const p = unique.get(r.meta.origin.document.doc);
        if (p) p.refs = p.refs ? `${p.refs}\n${refKey(r.meta)}` : refKey(r.meta);
      }
    }
  }

  /** The document holding a span (end inclusive: a span may end at the document's last character). */
  placeOf(file: string, span: Span): DocPlace | undefined {
    const places = this.byFile.get(file);
    if (!places) return undefined;
    let lo = 0;
    let hi = places.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (places[mid].base <= span.start) lo = mid;
      else hi = mid - 1;
    }
    const p = places[lo];
    return p && p.base <= span.start && span.end <= p.end ? p : undefined;
  }
}

/** What the snapshot's workload parts show of a workload: its lowered fields, not its YAML. Analyzers
 *  read names, labels and ports of the workloads they look up, so an edit of a Deployment's replicas or
 *  image changes nothing they see. Per lowering (its raw object, kept while the document is unchanged or
 *  only moved). */
const workloadViews = new WeakMap<object, string>();

function workloadView(w: Workload): string {
  let view = workloadViews.get(w.meta.raw);
  if (view === undefined) workloadViews.set(w.meta.raw, (view = JSON.stringify({ ...w, meta: [w.meta.kind, w.meta.namespace, w.meta.name] })));
  return view;
}

function sameWorkloads(before: readonly Workload[], now: readonly Workload[]): boolean {
  if (before.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) if (before[i] !== now[i] && workloadView(before[i]) !== workloadView(now[i])) return false;
  return true;
}

/** What changed between two snapshots, document by document. */
class Change {
  readonly docs: DocumentMap;
  /** Resources of the new snapshot in changed documents. */
  readonly changedResources = new Set<Resource>();
  /** Kinds of the resources added, removed or changed (either side). */
  readonly changedKinds = new Set<ResourceKind>();
  /** Kinds whose snapshot parts (SNAPSHOT_PARTS) changed: those of changedKinds, except workloads when
   *  every workload is still what the parts show of it (workloadView), in the same order. */
  readonly changedParts: Set<ResourceKind>;
  /** A document without resources changed (broken YAML, or a kind the model does not lower but the
   *  snapshot reads from the YAML itself, such as a Kubernetes Gateway API Gateway). */
  otherDocumentChanged = false;

  constructor(private readonly before: DocumentMap, snap: Snapshot, prevSnap: Snapshot) {
    this.docs = new DocumentMap(snap);
    for (const r of snap.resources) {
      if (this.isKept(r.meta.file, r.meta.origin.document.doc, this.docs)) continue;
      this.changedResources.add(r);
      this.changedKinds.add(r.kind);
    }
    for (const r of prevSnap.resources) if (!this.isKept(r.meta.file, r.meta.origin.document.doc, before)) this.changedKinds.add(r.kind);
    this.changedParts = new Set(this.changedKinds);
    if (WORKLOAD_KINDS.some((k) => this.changedKinds.has(k)) && sameWorkloads(prevSnap.workloads, snap.workloads)) {
      for (const k of WORKLOAD_KINDS) this.changedParts.delete(k);
    }
    for (const side of [this.docs, before]) {
      for (const [file, places] of side.byFile) {
        if (places.some((p) => !p.refs && !this.isKept(file, p.parsed, side))) this.otherDocumentChanged = true;
      }
    }
  }

  /** A document occurring once in its file in both snapshots. */
  private isKept(file: string, parsed: Document.Parsed, side: DocumentMap): boolean {
    const other = side === this.docs ? this.before : this.docs;
    return !!side.unique.get(file)?.has(parsed) && !!other.unique.get(file)?.has(parsed);
  }

  /** A span of the previous snapshot in the new one, when its document is unchanged. */
  follow(file: string, span: Span): Span | undefined {
    const old = this.before.placeOf(file, span);
    if (!old || this.before.unique.get(file)?.get(old.parsed) !== old) return undefined;
    const now = this.docs.unique.get(file)?.get(old.parsed);
    if (!now) return undefined;
    const shift = now.base - old.base;
    return shift === 0 ? span : { start: span.start + shift, end: span.end + shift };
  }

  /** Where a finding of the previous snapshot stands: on an unchanged document and about one of its
   *  resources ('kept'), on a changed document ('changed'), or neither ('unknown'). */
  statusBefore(f: Finding): 'kept' | 'changed' | 'unknown' {
    const old = this.before.placeOf(f.file, f.span);
    const key = refKey(f.resource);
    if (!old || !(old.refs === key || old.refs.split('\n').includes(key))) return 'unknown';
    return this.follow(f.file, f.span) ? 'kept' : 'changed';
  }

  /** A new finding must be on a changed document (the others kept theirs). */
  isOnChanged(f: Finding): boolean {
    const now = this.docs.placeOf(f.file, f.span);
    return !!now && !(this.docs.unique.get(f.file)?.get(now.parsed) === now && this.before.unique.get(f.file)?.has(now.parsed));
  }

  /** The finding moved with its documents, or undefined when one of its places changed. */
  carry(f: Finding): Finding | undefined {
    const span = this.follow(f.file, f.span);
    if (!span) return undefined;
    let moved = span !== f.span;
    const related = f.related?.map((r) => {
      const s = this.follow(r.file, r.span);
      moved ||= s !== r.span;
      return s && (s === r.span ? r : { ...r, span: s });
    });
    const edits = f.fix?.edits.map((e) => {
      const s = this.follow(e.file, e.span);
      moved ||= s !== e.span;
      return s && (s === e.span ? e : { ...e, span: s });
    });
    if (related?.some((r) => !r) || edits?.some((e) => !e)) return undefined;
    if (!moved) return f;
    return {
      ...f, span,
      ...(related ? { related: related as NonNullable<Finding['related']> } : {}),
      ...(f.fix ? { fix: { ...f.fix, edits: edits as NonNullable<Finding['fix']>['edits'] } } : {}),
    };
  }
}

/** An analysis context over a watched snapshot (see Inputs): the resources it hands out by kind count
 *  as inputs of those kinds. */
class WatchedContext extends AnalysisContext {
  constructor(protected readonly real: Snapshot, protected readonly inputs: Inputs, options: AnalyzeOptions) {
    super(inputs.watch(real), options);
  }

  override resources(): readonly Resource[] {
    this.inputs.anything = true;
    return this.real.resources;
  }

  override all<K extends ResourceKind>(kind: K): readonly Extract<Resource, { kind: K }>[] {
    this.inputs.addAsked(kind);
    return resourcesOfKind(this.real, kind);
  }
}

/** A watched context whose resources are only those of changed documents (of every kind for a
 *  `self` analyzer, of its own kind for a `resource` one). */
class ChangedContext extends WatchedContext {
  constructor(real: Snapshot, inputs: Inputs, options: AnalyzeOptions, private readonly changed: Set<Resource>, private readonly only?: ResourceKind) {
    super(real, inputs, options);
  }

  override resources(): readonly Resource[] {
    return this.only ? super.resources() : [...this.changed];
  }

  override all<K extends ResourceKind>(kind: K): readonly Extract<Resource, { kind: K }>[] {
    if (this.only && this.only !== kind) return super.all(kind);
    this.inputs.addAsked(kind);
    return [...this.changed].filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
  }
}

const WORKLOAD_KINDS: ResourceKind[] = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
const REGISTRY_KINDS: ResourceKind[] = ['Service', 'ServiceEntry'];

/** What each part of a Snapshot is made of; any other part (its files, every resource, a memo whose
 *  value another analyzer may have computed) could depend on anything. Through the workload parts,
 *  analyzers read a workload's lowered fields (workloadView), never its YAML. */
const SNAPSHOT_PARTS: Record<string, readonly ResourceKind[]> = {
  virtualServices: ['VirtualService'], destinationRules: ['DestinationRule'], gateways: ['Gateway'], sidecars: ['Sidecar'],
  serviceEntries: ['ServiceEntry'], services: ['Service'], workloads: WORKLOAD_KINDS, workloadsIn: WORKLOAD_KINDS, selectWorkloads: WORKLOAD_KINDS,
  servicesByHost: REGISTRY_KINDS, serviceByHost: REGISTRY_KINDS, allRegistryServices: REGISTRY_KINDS, options: [],
};
/** Parts read from the documents that have no resources (Change.otherDocumentChanged). */
const UNLOWERED_PARTS = new Set(['kubernetesGateways']);

/** The inputs an analyzer was seen reading (its declared `reads` document them; what counts is what
 *  it read, on the paths its run took): a 'resource' analyzer runs in full again when one changed. */
class Inputs {
  /** Kinds of the snapshot parts it read: all their resources, those of its own kind included. */
  readonly parts = new Set<ResourceKind>(['Namespace']);
  /** Kinds it asked its context for (ctx.all): after an edit, it is handed only the changed resources of its own kind. */
  readonly asked = new Set<ResourceKind>();
  /** It read documents that have no resources. */
  unlowered = false;
  anything = false;

  addAsked(kind: ResourceKind): void {
    add(this.asked, [kind]);
  }

  /** Must it run in full after this change? */
  dependsOn(change: Change, own: ResourceKind): boolean {
    if (this.anything || (this.unlowered && change.otherDocumentChanged)) return true;
    for (const k of change.changedParts) if (this.parts.has(k)) return true;
    for (const k of change.changedKinds) if (k !== own && this.asked.has(k)) return true;
    return false;
  }

  /** The snapshot as the analyzer sees it: every part it touches is noted. A snapshot never changes, so
   *  each part is noted and looked up once (an analyzer reads some thousands of times per run). */
  watch(snap: Snapshot): Snapshot {
    const seen = new Map<string | symbol, unknown>();
    return new Proxy(snap, {
      get: (target, prop) => {
        if (seen.has(prop)) return seen.get(prop);
        this.note(prop);
        let v = Reflect.get(target, prop, target) as unknown;
        if (typeof v === 'function') v = (v as (...a: unknown[]) => unknown).bind(target);
        seen.set(prop, v);
        return v;
      },
    });
  }

  private note(prop: string | symbol): void {
    const kinds = typeof prop === 'string' ? SNAPSHOT_PARTS[prop] : undefined;
    if (kinds) add(this.parts, kinds);
    else if (typeof prop === 'string' && UNLOWERED_PARTS.has(prop)) this.unlowered = true;
    else this.anything = true;
  }
}

/** One workload kind stands for all: a Deployment may replace a Pod. */
function add(set: Set<ResourceKind>, kinds: readonly ResourceKind[]): void {
  for (const k of kinds) set.add(k);
  if (kinds.some((k) => WORKLOAD_KINDS.includes(k))) for (const k of WORKLOAD_KINDS) set.add(k);
}

/** Runs one analyzer, as runAnalyzers does (one that throws reports nothing), noting its inputs. */
function runWatched(a: Analyzer, snap: Snapshot, options: AnalyzeOptions, inputs: Inputs, ctx?: AnalysisContext): Finding[] | undefined {
  const c = ctx ?? new WatchedContext(snap, inputs, options);
  try {
    a.run(c);
  } catch (e) {
    options.onError?.(a.name, e);
    return undefined;
  }
  return c.findings;
}

interface Previous {
  snap: Snapshot;
  docs: DocumentMap;
  optionsKey: string;
  byAnalyzer: Map<string, Finding[]>;
}



export class IncrementalAnalysis {
  private previous: Previous | undefined;
  private readonly inputs = new Map<string, Inputs>();

  constructor(private readonly analyzers: readonly Analyzer[] = ANALYZERS) {}

  analyze(snap: Snapshot, options: AnalyzeOptions = {}): Finding[] {
    const optionsKey = JSON.stringify([options, snap.options]);
    const prev = this.previous && this.previous.optionsKey === optionsKey ? this.previous : undefined;
    const change = prev && prev.snap !== snap ? new Change(prev.docs, snap, prev.snap) : undefined;
    const byAnalyzer = new Map<string, Finding[]>();
    for (const a of this.analyzers) {
      const before = prev?.byAnalyzer.get(a.name);
      let found: Finding[] | undefined;
      if (before && prev!.snap === snap) found = before;
      else if (before && change) found = this.rerunChanged(a, snap, options, change, before);
      if (!found) {
        const inputs = new Inputs();
        this.inputs.set(a.name, inputs);
        found = runWatched(a, snap, options, inputs) ?? [];
      }
      byAnalyzer.set(a.name, found);
    }
    this.previous = { snap, docs: change?.docs ?? (prev?.snap === snap ? prev.docs : new DocumentMap(snap)), optionsKey, byAnalyzer };
    const all = [...yamlFindings(snap)];
    for (const list of byAnalyzer.values()) for (const f of list) all.push(f);
    return finishFindings(all, snap, options);
  }

  /** The analyzer's findings on unchanged documents, carried over, plus a run on the changed ones;
   *  undefined when it must run in full. */
  private rerunChanged(a: Analyzer, snap: Snapshot, options: AnalyzeOptions, change: Change, before: Finding[]): Finding[] | undefined {
    if (!a.scope) return undefined;
    const own = a.reads[0];
    const inputs = this.inputs.get(a.name);
    if (!inputs) return undefined;
    if (a.scope === 'resource') {
      if (inputs.dependsOn(change, own)) return undefined;
    }
    const kept: Finding[] = [];
    for (const f of before) {
      const status = change.statusBefore(f);
      if (status === 'unknown') return undefined;
      if (status === 'changed') continue; // the run below reports on its document again
      const carried = change.carry(f);
      if (!carried) return undefined;
      kept.push(carried);
    }
    if (!change.changedResources.size) return kept;
    const ctx = new ChangedContext(snap, inputs, options, change.changedResources, a.scope === 'resource' ? own : undefined);
    // One that throws runs in full, which reports the failure the way analyze() does.
    const fresh = runWatched(a, snap, options, inputs, ctx);
    if (!fresh || !fresh.every((f) => change.isOnChanged(f))) return undefined;
    return [...kept, ...fresh];
  }
}
