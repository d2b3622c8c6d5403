import { lowerDocument, type Lowered, type Resource } from '../core/model/lower';
import type { FileResult, WorkspaceOptions } from '../core/workspace/snapshot';
import { splitDocuments } from '../core/yaml/documents';
import { parseFile, reparseFile, type Problem, type SourceFile, type YamlDocument } from '../core/yaml/parse';

/** Re-analyses an edited file document by document: the parse is cached by each document's text
 *  (core/yaml/parse), and here the lowering is too, so typing in one document of a 5,000-document
 *  file lowers one document. Documents that only moved (an edit above them) are re-based: their
 *  resources point at the new document, and their problems shift with it. The result is what
 *  `analyzeFile` of core/workspace/snapshot.ts returns for the same text. */
interface LoweredDocument {
  doc: YamlDocument;
  lowered: Lowered;
}

/** Lowered documents by text; identical documents of one file are kept in order. */
export type LoweringCache = Map<string, LoweredDocument[]>;

function rebase(entry: LoweredDocument, doc: YamlDocument): Lowered {
  const shift = doc.base - entry.doc.base;
  const resources = entry.lowered.resources.map((r) => ({ ...r, meta: { ...r.meta, origin: { ...r.meta.origin, document: doc } } }) as Resource);
  const problems = entry.lowered.problems.map((p): Problem => ({ ...p, span: { start: p.span.start + shift, end: p.span.end + shift } }));
  return { resources, problems };
}

/** `previousSource`, the file's last parse, lets the file be split again only around the change. */
export function analyzeFileIncrementally(path: string, text: string, opts: WorkspaceOptions, previous: LoweringCache | undefined, previousSource?: SourceFile): { result: FileResult; cache: LoweringCache } {
  const source = previousSource?.path === path ? reparseFile(previousSource, text) : parseFile(path, text);
  const cache: LoweringCache = new Map();
  const resources: Resource[] = [];
  const problems: Problem[] = [...source.problems];
  const docs = source.documents.map((doc) => {
    const list = cache.get(doc.text) ?? [];
    const old = previous?.get(doc.text)?.[list.length];
    let lowered: Lowered;
    if (old && old.doc.doc === doc.doc) lowered = old.doc.base === doc.base && old.doc.index === doc.index ? old.lowered : rebase(old, doc);
    else lowered = lowerDocument(doc, { defaultNamespace: opts.defaultNamespace });
    // Reused resources point at the old document object: keep it in `source.documents`.
    const entry = { doc: old && lowered === old.lowered ? old.doc : doc, lowered };
    list.push(entry);
    cache.set(doc.text, list);
    resources.push(...lowered.resources);
    problems.push(...lowered.problems);
    return entry.doc;
  });
  const documents = docs;
  return { result: { source: { ...source, documents }, resources, problems }, cache };
}

/** Lowers the documents of `text` that `cache` lacks, one at a time, handing the thread back every
 *  `sliceMs` through `pause`, which resolves false when the result is no longer wanted (then this
 *  returns undefined). The entries have base 0 and are re-based by `analyzeFileIncrementally` when used.
 *  The slices are short: a request arriving meanwhile needs a few turns of the event loop (read,
 *  queue, answer), each behind one slice. */
export async function prepareLowering(path: string, text: string, opts: WorkspaceOptions, cache: LoweringCache | undefined, pause: () => Promise<boolean>, sliceMs = 2): Promise<LoweringCache | undefined> {
  const out: LoweringCache = new Map(cache ?? []);
  let sliceStart = performance.now();
  for (const chunk of splitDocuments(text)) {
    if (out.has(chunk.text)) continue;
    const doc = parseFile(path, chunk.text).documents[0];
    if (doc) out.set(chunk.text, [{ doc, lowered: lowerDocument(doc, { defaultNamespace: opts.defaultNamespace }) }]);
    if (performance.now() - sliceStart > sliceMs) {
      if (!(await pause())) return undefined;
      sliceStart = performance.now();
    }
  }
  return out;
}
