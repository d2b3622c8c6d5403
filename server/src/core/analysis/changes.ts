/** What an edit changed, document by document, for incremental.ts: which resources to check again,
 *  which kinds and snapshot parts changed, and where the findings of unchanged documents moved.
 *
 *  A document is unchanged when its file still holds the same parsed document (the parse is cached
 *  per document text, so an edit elsewhere keeps it) exactly once. A file whose analysis is the same
 *  object as before (an edit in another file) is not looked at document by document. */
import type { Document } from 'yaml';
import { kindDescriptors, type Resource, type ResourceKind } from '../model/kinds';
import type { Workload } from '../model/workload';
import type { Span } from '../text/span';
import type { FileResult, Snapshot } from '../workspace/snapshot';
import type { Finding, ResourceRef } from './types';

/** The workload kinds (the registry's `workload` entries): one stands for all, a Deployment may replace a Pod. */
export function workloadKinds(): ResourceKind[] {
  return kindDescriptors().filter((d) => d.workload).map((d) => d.id as ResourceKind);
}

interface DocPlace {
  base: number;
  end: number;
  parsed: Document.Parsed;
  /** Its resources, when it occurs once in its file: a finding must be about one of them. */
  resources: Resource[];
}

/** One file's documents, in order, and those occurring once in it. */
interface FileDocuments {
  result: FileResult;
  places: DocPlace[];
  unique: Map<Document.Parsed, DocPlace>;
  /** Some parsed document occurs more than once: no finding can be followed into it. */
  repeats: boolean;
}

/** Shared by the places without resources (most of a large file's documents hold one: their lists are
 *  made to measure). */
const NONE: Resource[] = [];

function fileDocuments(result: FileResult): FileDocuments {
  const places: DocPlace[] = result.source.documents.map((d) => ({ base: d.base, end: d.base + d.text.length, parsed: d.doc, resources: NONE }));
  const unique = new Map<Document.Parsed, DocPlace>();
  let repeated: Document.Parsed[] | undefined;
  for (const p of places) {
    if (unique.has(p.parsed)) (repeated ??= []).push(p.parsed);
    else unique.set(p.parsed, p);
  }
  for (const parsed of repeated ?? []) unique.delete(parsed);
  for (const r of result.resources) {
    const p = unique.get(r.meta.origin.document.doc);
    if (p) p.resources = p.resources === NONE ? [r] : [...p.resources, r];
  }
  return { result, places, unique, repeats: !!repeated };
}

/** The documents of one snapshot, per file; those of a file analysed as before are the previous map's. */
export class DocumentMap {
  readonly byFile = new Map<string, FileDocuments>();

  constructor(snap: Snapshot, previous?: DocumentMap) {
    for (const [file, result] of snap.files) {
      const kept = previous?.byFile.get(file);
      this.byFile.set(file, kept?.result === result ? kept : fileDocuments(result));
    }
  }

  /** The place of a document occurring once in its file. */
  unique(file: string, parsed: Document.Parsed): DocPlace | undefined {
    return this.byFile.get(file)?.unique.get(parsed);
  }

  /** The document holding a span (end inclusive: a span may end at the document's last character). */
  placeOf(file: string, span: Span): DocPlace | undefined {
    const places = this.byFile.get(file)?.places;
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

function isAbout(place: DocPlace, ref: ResourceRef): boolean {
  return place.resources.some((r) => r.meta.kind === ref.kind && r.meta.namespace === ref.namespace && r.meta.name === ref.name);
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
export class Change {
  readonly docs: DocumentMap;
  /** Resources of the new snapshot in changed documents, in workspace order. */
  readonly changedResources = new Set<Resource>();
  /** Kinds of the resources added, removed or changed (either side). */
  readonly changedKinds = new Set<ResourceKind>();
  /** Kinds whose snapshot parts (incremental.ts SNAPSHOT_PARTS) changed: those of changedKinds, except
   *  workloads when every workload is still what the parts show of it (workloadView), in the same order. */
  readonly changedParts: Set<ResourceKind>;
  /** A document without resources changed (broken YAML, or a kind the model does not lower but the
   *  snapshot reads from the YAML itself, such as a Kubernetes Gateway API Gateway). */
  otherDocumentChanged = false;

  constructor(private readonly before: DocumentMap, snap: Snapshot, prevSnap: Snapshot) {
    this.docs = new DocumentMap(snap, before);
    for (const [file, now] of this.docs.byFile) this.compare(now, before.byFile.get(file), this.changedResources);
    for (const [file, old] of before.byFile) this.compare(old, this.docs.byFile.get(file));
    this.changedParts = new Set(this.changedKinds);
    const workloads = workloadKinds();
    if (workloads.some((k) => this.changedKinds.has(k)) && sameWorkloads(prevSnap.workloads, snap.workloads)) {
      for (const k of workloads) this.changedParts.delete(k);
    }
  }

  /** Notes the changes of one side's file against the other side's: resources of documents not kept
   *  (into `changed` for the new side), documents without resources not kept. */
  private compare(side: FileDocuments, other: FileDocuments | undefined, changed?: Set<Resource>): void {
    // A repeated document has no place to follow findings to: it counts as changed, and as one without resources.
    if (side.repeats) this.otherDocumentChanged = true;
    const sameFile = side === other;
    for (const r of side.result.resources) {
      const parsed = r.meta.origin.document.doc;
      if (side.unique.has(parsed) && (sameFile || other?.unique.has(parsed))) continue;
      this.changedKinds.add(r.kind);
      changed?.add(r);
    }
    if (sameFile) return;
    for (const p of side.unique.values()) if (!p.resources.length && !other?.unique.has(p.parsed)) this.otherDocumentChanged = true;
  }

  /** A span of the previous snapshot in the new one, when its document is unchanged. */
  follow(file: string, span: Span): Span | undefined {
    const old = this.before.placeOf(file, span);
    if (!old || this.before.unique(file, old.parsed) !== old) return undefined;
    const now = this.docs.unique(file, old.parsed);
    if (!now) return undefined;
    const shift = now.base - old.base;
    return shift === 0 ? span : { start: span.start + shift, end: span.end + shift };
  }

  /** Where a finding of the previous snapshot stands: on an unchanged document and about one of its
   *  resources ('kept'), on a changed document ('changed'), or neither ('unknown'). */
  statusBefore(f: Finding): 'kept' | 'changed' | 'unknown' {
    const old = this.before.placeOf(f.file, f.span);
    if (!old || !isAbout(old, f.resource)) return 'unknown';
    return this.follow(f.file, f.span) ? 'kept' : 'changed';
  }

  /** A new finding must be on a changed document (the others kept theirs). */
  isOnChanged(f: Finding): boolean {
    const now = this.docs.placeOf(f.file, f.span);
    return !!now && !(this.docs.unique(f.file, now.parsed) === now && this.before.unique(f.file, now.parsed));
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
