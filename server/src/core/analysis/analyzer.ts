import type { ResourceKind, Resource } from '../model/lower';
import { keySpanAt, spanAt, type ResourceMeta } from '../model/resource';
import type { Span } from '../text/span';
import type { Snapshot } from '../workspace/snapshot';
import type { Path } from '../yaml/locate';
import type { Message } from './messages';
import type { AnalyzeOptions, Finding, Fix, RelatedInfo, ResourceRef } from './types';

/** An analyzer checks one thing over the whole snapshot and reports by path; the context turns
 *  paths into spans. Its file's first comment says what it checks and what it mirrors. */
export interface Analyzer {
  name: string;
  /** The kinds it reads (the inputs istioctl calls them); reports are on the first. */
  reads: ResourceKind[];
  /** It reads the files themselves (`Snapshot.files`: their text and YAML documents), not only the
   *  resources lowered from them. */
  readsDocuments?: true;
  run(ctx: AnalysisContext): void;
  /** What a report on a resource depends on, so that after an edit the analyzer runs again only on
   *  the changed documents (incremental.ts): 'self' — that resource alone; 'resource' — that resource
   *  (of the first kind it reads) and what it reads of the snapshot and of other kinds (watched as it
   *  reads them, so `reads` documents them; reading the snapshot's resources of its own kind makes
   *  any change of that kind a full run); 'identity' — the resources of the same identity (API group,
   *  kind, namespace, name; workspace/copies.ts identityOf) and their places, so that an edit of
   *  resources of which no other copy exists, before or after it, keeps its findings. Without it, the
   *  analyzer runs in full after every edit. */
  scope?: 'self' | 'resource' | 'identity';
  /** For a 'resource' analyzer, after an edit that changed what it reads besides its own kind's
   *  changed documents (a resource of another kind, the files): which other resources of its own kind,
   *  in `snap`, it must check again — every one whose findings may differ, given `changed` (the
   *  resources of the changed documents, before and now, and of documents moved among them) and `reported` (had it findings before?).
   *  Undefined: it runs in full. Without it, such an edit runs the analyzer in full. */
  affected?(snap: Snapshot, changed: readonly Resource[], reported: (r: Resource) => boolean): Iterable<Resource> | undefined;
}

export interface ReportOptions {
  /** Underline the key rather than the value. */
  at?: 'key' | 'value';
  related?: RelatedInfo[];
  fix?: Fix;
}

/** Resources of a kind, in workspace order (the snapshot files each resource by its kind). */
export function resourcesOfKind<K extends ResourceKind>(snap: Snapshot, kind: K): readonly Extract<Resource, { kind: K }>[] {
  return snap.ofKind(kind);
}

export function refOf(meta: ResourceMeta): ResourceRef {
  return { kind: meta.kind, namespace: meta.namespace, name: meta.name };
}

export class AnalysisContext {
  readonly findings: Finding[] = [];

  constructor(readonly snap: Snapshot, readonly options: AnalyzeOptions = {}) {}

  /** Every resource to check (only those of changed documents in an incremental run). */
  resources(): readonly Resource[] {
    return this.snap.resources;
  }

  all<K extends ResourceKind>(kind: K): readonly Extract<Resource, { kind: K }>[] {
    return resourcesOfKind(this.snap, kind);
  }

  span(meta: ResourceMeta, path: Path, at: 'key' | 'value' = 'value'): Span {
    return at === 'key' ? keySpanAt(meta, path) : spanAt(meta, path);
  }

  /** Related information pointing at a field of another resource. */
  related(meta: ResourceMeta, path: Path, message: string): RelatedInfo {
    return { file: meta.file, span: spanAt(meta, path), message };
  }

  report(msg: Message, meta: ResourceMeta, path: Path, opts: ReportOptions = {}): void {
    this.reportSpan(msg, meta, this.span(meta, path, opts.at), opts);
  }

  reportSpan(msg: Message, meta: ResourceMeta, span: Span, opts: ReportOptions = {}): void {
    this.findings.push({
      code: msg.type.code, severity: msg.severity ?? msg.type.severity, message: msg.text, file: meta.file, span,
      resource: refOf(meta), docsUrl: msg.type.docsUrl,
      ...(opts.related?.length ? { related: opts.related } : {}),
      ...(opts.fix ? { fix: opts.fix } : {}),
    });
  }
}

/** Runs analyzers; one that throws is skipped (analysis never throws), the others still report. */
export function runAnalyzers(snap: Snapshot, analyzers: readonly Analyzer[], options: AnalyzeOptions = {}, onError?: (name: string, e: unknown) => void): Finding[] {
  const ctx = new AnalysisContext(snap, options);
  for (const a of analyzers) {
    const before = ctx.findings.length;
    try {
      a.run(ctx);
    } catch (e) {
      ctx.findings.length = before;
      onError?.(a.name, e);
    }
  }
  return ctx.findings;
}
