import type { Document } from 'yaml';
import { lowerDocument, type Lowered, type Resource } from '../core/model/lower';
import type { ResourceMeta } from '../core/model/resource';
import type { FileResult, WorkspaceOptions } from '../core/workspace/snapshot';
import { splitDocuments } from '../core/yaml/documents';
import { documentEnds } from '../core/workspace/documentEnds';
import { parseFile, reparseFile, type Problem, type SourceFile, type YamlDocument } from '../core/yaml/parse';

/** Re-analyses an edited file document by document: the file is split again around the change and
 *  each document's parse is cached by its text (core/yaml/parse), and here its lowering is kept with
 *  its parsed document, so typing in one document of a 5,000-document file lowers one document.
 *  Documents that only moved (an edit above them) are re-based: their resources point at the new
 *  document, and their problems shift with it. The result is what `analyzeFile` of
 *  core/workspace/snapshot.ts returns for the same text. */
interface LoweredDocument {
  doc: YamlDocument;
  lowered: Lowered;
  defaultNamespace: string;
  /** The lowering as `lowerDocument` made it, and its document: every move is re-based from these.
   *  Objects spread from objects made by earlier spreads copy 3-4× slower in V8 (their shapes are no
   *  longer the literal's), and an edit above a document moves it again and again. */
  first: { doc: YamlDocument; lowered: Lowered };
}

/** The last lowering of each parsed document (one parsed document per text: the parse cache hands
 *  the same one to every occurrence). Kept as long as the parsed document is. */
const lowerings = new WeakMap<Document.Parsed, LoweredDocument>();

function rebase(entry: LoweredDocument, doc: YamlDocument): Lowered {
  const { doc: from, lowered: first } = entry.first;
  const shift = doc.base - from.base;
  const resources = first.resources.map((r) => ({ ...r, meta: movedMeta(r.meta, doc) }) as Resource);
  const problems = first.problems.map((p): Problem => ({ ...p, span: { start: p.span.start + shift, end: p.span.end + shift } }));
  return { resources, problems };
}

/** A resource's metadata pointing at the document it moved to. Written out field by field (readMeta's
 *  fields, in its order), not spread: after an edit that changes the length, every document below it
 *  moves, and spreading the metadata of thousands of resources, of shapes made by earlier spreads, was
 *  most of the time of this file's re-analysis. */
function movedMeta(m: ResourceMeta, document: YamlDocument): ResourceMeta {
  return {
    apiVersion: m.apiVersion, kind: m.kind, name: m.name, namespace: m.namespace, namespaceDefaulted: m.namespaceDefaulted,
    labels: m.labels, annotations: m.annotations, creationTimestamp: m.creationTimestamp, file: m.file,
    origin: { document, prefix: m.origin.prefix }, raw: m.raw,
  };
}

/** The lowering of `doc`: the kept one when it is this very document, re-based when the same text
 *  moved within its file, new otherwise. */
function lowered(doc: YamlDocument, defaultNamespace: string): Lowered {
  const entry = lowerings.get(doc.doc);
  if (entry && entry.defaultNamespace === defaultNamespace && entry.doc.file === doc.file) {
    if (entry.doc === doc || (entry.doc.base === doc.base && entry.doc.index === doc.index)) return entry.lowered;
    const moved = rebase(entry, doc);
    lowerings.set(doc.doc, { doc, lowered: moved, defaultNamespace, first: entry.first });
    return moved;
  }
  const fresh = lowerDocument(doc, { defaultNamespace });
  lowerings.set(doc.doc, { doc, lowered: fresh, defaultNamespace, first: { doc, lowered: fresh } });
  return fresh;
}

/** Where each document's share of a result lies: the end (excluded) of its resources in
 *  `resources`, and of its lowering's problems after the source's own problems in `problems`. */
interface Layout {
  result: FileResult;
  defaultNamespace: string;
  sourceProblems: number;
  resourceEnds: Int32Array;
  problemEnds: Int32Array;
}

/** Per result's source (what the next edit passes back as `previousSource`). */
const layouts = new WeakMap<SourceFile, Layout>();

/** `previousSource`, the file's last parse, lets the file be split again only around the change.
 *  The resources and problems of the documents before the change, and after it when the change kept
 *  its length (a subset, a weight, a match value), are those of the previous result, taken over in
 *  slices without looking at each document. */
export function analyzeFileIncrementally(path: string, text: string, opts: WorkspaceOptions, previousSource?: SourceFile): FileResult {
  const source = previousSource?.path === path ? reparseFile(previousSource, text) : parseFile(path, text);
  const defaultNamespace = opts.defaultNamespace;
  const prev = previousSource && layouts.get(previousSource);
  const docs = source.documents;
  const n = docs.length;
  const documents = docs.slice();
  const resources: Resource[] = [];
  const problems: Problem[] = [...source.problems];
  const resourceEnds = new Int32Array(n);
  const problemEnds = new Int32Array(n);
  let from = 0;
  let to = n;
  let tail: { from: number; resources: number; problems: number } | undefined;
  if (prev && prev.defaultNamespace === defaultNamespace && prev.result.source.path === path) {
    const ends = documentEnds(prev.result.source.documents, docs);
    from = ends.from;
    if (from > 0) {
      for (let i = 0; i < prev.resourceEnds[from - 1]; i++) resources.push(prev.result.resources[i]);
      for (let i = 0; i < prev.problemEnds[from - 1]; i++) problems.push(prev.result.problems[prev.sourceProblems + i]);
      for (let i = 0; i < from; i++) documents[i] = prev.result.source.documents[i];
      resourceEnds.set(prev.resourceEnds.subarray(0, from));
      problemEnds.set(prev.problemEnds.subarray(0, from));
    }
    // Documents after the change that kept their places are those of the previous result.
    if (ends.shift === 0 && ends.oldTo === ends.newTo && ends.newTo < n) {
      to = ends.newTo;
      tail = { from: to, resources: to > 0 ? prev.resourceEnds[to - 1] : 0, problems: to > 0 ? prev.problemEnds[to - 1] : 0 };
    }
  }
  for (let i = from; i < to; i++) {
    const doc = docs[i];
    const l = lowered(doc, defaultNamespace);
    // Reused resources point at the document they were lowered from (same place, same text): keep
    // that one in `source.documents`.
    const owner = l.resources[0]?.meta.origin.document ?? doc;
    for (const r of l.resources) resources.push(r);
    for (const p of l.problems) problems.push(p);
    if (owner !== doc && owner.base === doc.base && owner.index === doc.index && owner.doc === doc.doc) documents[i] = owner;
    resourceEnds[i] = resources.length;
    problemEnds[i] = problems.length - source.problems.length;
  }
  if (tail && prev) {
    const dr = resources.length - tail.resources;
    const dp = problems.length - source.problems.length - tail.problems;
    for (let i = tail.resources; i < prev.result.resources.length; i++) resources.push(prev.result.resources[i]);
    for (let i = prev.sourceProblems + tail.problems; i < prev.result.problems.length; i++) problems.push(prev.result.problems[i]);
    for (let i = tail.from; i < n; i++) {
      documents[i] = prev.result.source.documents[i];
      resourceEnds[i] = prev.resourceEnds[i] + dr;
      problemEnds[i] = prev.problemEnds[i] + dp;
    }
  }
  const result: FileResult = { source: { ...source, documents }, resources, problems };
  layouts.set(result.source, { result, defaultNamespace, sourceProblems: source.problems.length, resourceEnds, problemEnds });
  return result;
}

/** Parses and lowers the documents of `text` not lowered yet, one at a time, handing the thread back
 *  every `sliceMs` through `pause`, which resolves false when the work is no longer wanted (then this
 *  returns false). The lowerings are kept with their parsed documents for `analyzeFileIncrementally`
 *  (at base 0: re-based when used). The slices are short: a request arriving meanwhile needs a few
 *  turns of the event loop (read, queue, answer), each behind one slice. */
export async function prepareLowering(path: string, text: string, opts: WorkspaceOptions, pause: () => Promise<boolean>, sliceMs = 2): Promise<boolean> {
  let sliceStart = performance.now();
  for (const chunk of splitDocuments(text)) {
    const doc = parseFile(path, chunk.text).documents[0];
    if (doc) lowered(doc, opts.defaultNamespace);
    if (performance.now() - sliceStart > sliceMs) {
      if (!(await pause())) return false;
      sliceStart = performance.now();
    }
  }
  return true;
}
