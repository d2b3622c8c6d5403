/** What an edit changed, document by document, for incremental.ts: which resources to check again,
 *  which kinds and snapshot parts changed, and where the findings of unchanged documents moved.
 *
 *  A document is unchanged when its file still holds the same parsed document (the parse is cached
 *  per document text, so an edit elsewhere keeps it) at the same place, counted from the start of the
 *  file or from its end: an edit changes the documents between the unchanged ones at both ends. A
 *  file whose analysis is the same object as before (an edit in another file) is not looked at
 *  document by document. */
import { kindDescriptors, onKindsChanged, type Resource, type ResourceKind } from '../model/kinds';
import type { Workload } from '../model/workload';
import type { Span } from '../text/span';
import type { FileResult, Snapshot } from '../workspace/snapshot';
import type { YamlDocument } from '../yaml/parse';
import { documentEnds } from '../workspace/documentEnds';
import type { Finding, ResourceRef } from './types';

/** The workload kinds (the registry's `workload` entries): one stands for all, a Deployment may replace a Pod. */
export function workloadKinds(): ResourceKind[] {
  return (workloads ??= kindDescriptors().filter((d) => d.workload).map((d) => d.id as ResourceKind));
}

/** Asked for each input an analyzer reads (incremental.ts): read from the registry once. */
let workloads: ResourceKind[] | undefined;
onKindsChanged(() => (workloads = undefined));

/** One file's documents, in order (its source's), and its resources by document. Its resources are
 *  in the order of their documents (FileResult.resources): those of some documents are found by
 *  binary search, not by a walk over all of them. */
class FileDocuments {
  readonly docs: readonly YamlDocument[];

  constructor(readonly result: FileResult) {
    this.docs = result.source.documents;
  }

  /** The index of the document holding a span (end inclusive: a span may end at the document's last
   *  character), or -1. */
  placeOf(span: Span): number {
    const docs = this.docs;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (docs[mid].base <= span.start) lo = mid;
      else hi = mid - 1;
    }
    const d = docs[lo];
    return d && d.base <= span.start && span.end <= d.base + d.text.length ? lo : -1;
  }

  /** Is a resource lowered from the document at `index` (that very parsed document)? */
  holds(r: Resource, index: number): boolean {
    const o = r.meta.origin.document;
    return o.index === index && o.doc === this.docs[index].doc;
  }

  /** The resources lowered from the documents at indexes `from` to `to` (excluded). */
  resourcesOf(from: number, to = from + 1): Resource[] {
    const rs = this.result.resources;
    const out: Resource[] = [];
    for (let i = firstAt(rs, from); i < rs.length && rs[i].meta.origin.document.index < to; i++) out.push(rs[i]);
    return out;
  }
}

/** The first resource lowered from the document at `index` or after it. */
function firstAt(rs: readonly Resource[], index: number): number {
  let lo = 0;
  let hi = rs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rs[mid].meta.origin.document.index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The documents of one snapshot, per file; those of a file analysed as before are the previous map's. */
export class DocumentMap {
  readonly byFile = new Map<string, FileDocuments>();

  constructor(snap: Snapshot, previous?: DocumentMap) {
    for (const [file, result] of snap.files) {
      const kept = previous?.byFile.get(file);
      this.byFile.set(file, kept?.result === result ? kept : new FileDocuments(result));
    }
  }
}

/** How one file's documents changed: the first `from` are the same documents at the same places, the
 *  last ones from `oldTo` (before) and `newTo` (now) are the same documents moved by `shift`; between
 *  them, a document occurring once on each side (`moved`: its index before → now) moved with its
 *  text, the others changed. A file added or removed has every document changed. */
interface FileEdit {
  from: number;
  oldTo: number;
  newTo: number;
  shift: number;
  moved?: Map<number, number>;
  /** The new indexes of `moved`. */
  movedTo?: Set<number>;
}

/** Compares one file's documents before and now from both ends (workspace/documentEnds.ts). Between
 *  the two ends (where several edits at once, or a document cut and pasted, leave unchanged
 *  documents), documents are matched by their parsed document where it occurs once on each side. */
function fileEdit(before: FileDocuments | undefined, now: FileDocuments | undefined): FileEdit {
  const old = before?.docs ?? [];
  const docs = now?.docs ?? [];
  const { from, oldTo, newTo, shift } = documentEnds(old, docs);
  const e: FileEdit = { from, oldTo, newTo, shift };
  if (oldTo > from && newTo > from) {
    const once = (list: readonly YamlDocument[], to: number) => {
      const at = new Map<YamlDocument['doc'], number>();
      for (let i = from; i < to; i++) at.set(list[i].doc, at.has(list[i].doc) ? -1 : i);
      return at;
    };
    const before = once(old, oldTo);
    for (const [doc, j] of once(docs, newTo)) {
      const i = before.get(doc);
      if (i === undefined || i < 0 || j < 0) continue;
      (e.moved ??= new Map()).set(i, j);
      (e.movedTo ??= new Set()).add(j);
    }
  }
  return e;
}

function isAbout(resources: readonly Resource[], ref: ResourceRef): boolean {
  return resources.some((r) => r.meta.kind === ref.kind && r.meta.namespace === ref.namespace && r.meta.name === ref.name);
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
  /** Resources of the previous snapshot in changed documents. */
  readonly changedBefore: Resource[] = [];
  /** Resources of the new snapshot in documents that moved with their text among changed ones (their
   *  order among the resources of their kind may have changed). */
  readonly movedResources: Resource[] = [];
  /** Kinds of the resources added, removed or changed (either side). */
  readonly changedKinds = new Set<ResourceKind>();
  /** Kinds whose snapshot parts (incremental.ts SNAPSHOT_PARTS) changed: those of changedKinds, except
   *  workloads when every workload is still what the parts show of it (workloadView), in the same order. */
  readonly changedParts: Set<ResourceKind>;
  /** A document without resources changed (broken YAML, or a kind the model does not lower but the
   *  snapshot reads from the YAML itself, such as a Kubernetes Gateway API Gateway). */
  otherDocumentChanged = false;
  /** The files whose documents changed (added and removed files too), and how. */
  private readonly edits = new Map<string, FileEdit>();

  constructor(private readonly before: DocumentMap, snap: Snapshot, prevSnap: Snapshot) {
    this.docs = new DocumentMap(snap, before);
    for (const [file, now] of this.docs.byFile) {
      const old = before.byFile.get(file);
      if (old !== now) this.note(file, old, now);
    }
    for (const [file, old] of before.byFile) if (!this.docs.byFile.has(file)) this.note(file, old, undefined);
    this.changedParts = new Set(this.changedKinds);
    const workloads = workloadKinds();
    if (workloads.some((k) => this.changedKinds.has(k)) && sameWorkloads(prevSnap.workloads, snap.workloads)) {
      for (const k of workloads) this.changedParts.delete(k);
    }
  }

  /** Notes the changed documents of one file: their resources (the new ones into changedResources),
   *  kinds, and whether one of them has no resources. */
  private note(file: string, old: FileDocuments | undefined, now: FileDocuments | undefined): void {
    const e = fileEdit(old, now);
    this.edits.set(file, e);
    for (const [side, to, kept, changed] of [[old, e.oldTo, e.moved, this.changedBefore], [now, e.newTo, e.movedTo, this.changedResources]] as const) {
      if (!side || to <= e.from) continue;
      const lowered = new Set<number>();
      for (const r of side.resourcesOf(e.from, to)) {
        const i = r.meta.origin.document.index;
        if (kept?.has(i) && side.holds(r, i)) {
          if (side === now) this.movedResources.push(r);
          continue;
        }
        lowered.add(i);
        this.changedKinds.add(r.kind);
        if (Array.isArray(changed)) changed.push(r);
        else changed.add(r);
      }
      for (let i = e.from; i < to; i++) if (!kept?.has(i) && !lowered.has(i)) this.otherDocumentChanged = true;
    }
  }

  /** Documents of the file have other indexes than before (some were added, removed or moved). */
  renumbered(file: string): boolean {
    const e = this.edits.get(file);
    return !!e && (e.oldTo !== e.newTo || !!e.moved);
  }

  /** A span of the previous snapshot in the new one, when its document is unchanged. */
  follow(file: string, span: Span): Span | undefined {
    const old = this.before.byFile.get(file);
    const at = old ? old.placeOf(span) : -1;
    if (at < 0) return undefined;
    const e = this.edits.get(file);
    if (!e || at < e.from) return span;
    let shift = e.shift;
    if (at < e.oldTo) {
      const to = e.moved?.get(at);
      if (to === undefined) return undefined;
      shift = this.docs.byFile.get(file)!.docs[to].base - old!.docs[at].base;
    }
    return shift === 0 ? span : { start: span.start + shift, end: span.end + shift };
  }

  /** Where a finding of the previous snapshot stands: on an unchanged document and about one of its
   *  resources ('kept'), on a changed document ('changed'), or neither ('unknown'). */
  statusBefore(f: Finding): 'kept' | 'changed' | 'unknown' {
    const old = this.before.byFile.get(f.file);
    const at = old ? old.placeOf(f.span) : -1;
    if (at < 0 || !isAbout(old!.resourcesOf(at).filter((r) => old!.holds(r, at)), f.resource)) return 'unknown';
    return this.follow(f.file, f.span) ? 'kept' : 'changed';
  }

  /** A new finding must be on a changed document (the others kept theirs). */
  isOnChanged(f: Finding): boolean {
    const now = this.docs.byFile.get(f.file);
    const at = now ? now.placeOf(f.span) : -1;
    const e = this.edits.get(f.file);
    return at >= 0 && !!e && at >= e.from && at < e.newTo && !e.movedTo?.has(at);
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
