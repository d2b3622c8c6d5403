import type { Document } from 'yaml';
import { lowerDocument, type Lowered, type Resource } from '../core/model/lower';
import type { FileResult, WorkspaceOptions } from '../core/workspace/snapshot';
import { splitDocuments } from '../core/yaml/documents';
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
}

/** The last lowering of each parsed document (one parsed document per text: the parse cache hands
 *  the same one to every occurrence). Kept as long as the parsed document is. */
const lowerings = new WeakMap<Document.Parsed, LoweredDocument>();

function rebase(entry: LoweredDocument, doc: YamlDocument): Lowered {
  const shift = doc.base - entry.doc.base;
  const resources = entry.lowered.resources.map((r) => ({ ...r, meta: { ...r.meta, origin: { ...r.meta.origin, document: doc } } }) as Resource);
  const problems = entry.lowered.problems.map((p): Problem => ({ ...p, span: { start: p.span.start + shift, end: p.span.end + shift } }));
  return { resources, problems };
}

/** The lowering of `doc`: the kept one when it is this very document, re-based when the same text
 *  moved within its file, new otherwise. */
function lowered(doc: YamlDocument, defaultNamespace: string): Lowered {
  const entry = lowerings.get(doc.doc);
  if (entry && entry.defaultNamespace === defaultNamespace && entry.doc.file === doc.file) {
    if (entry.doc === doc || (entry.doc.base === doc.base && entry.doc.index === doc.index)) return entry.lowered;
    const moved = rebase(entry, doc);
    lowerings.set(doc.doc, { doc, lowered: moved, defaultNamespace });
    return moved;
  }
  const fresh = lowerDocument(doc, { defaultNamespace });
  lowerings.set(doc.doc, { doc, lowered: fresh, defaultNamespace });
  return fresh;
}

/** `previousSource`, the file's last parse, lets the file be split again only around the change. */
export function analyzeFileIncrementally(path: string, text: string, opts: WorkspaceOptions, previousSource?: SourceFile): FileResult {
  const source = previousSource?.path === path ? reparseFile(previousSource, text) : parseFile(path, text);
  const resources: Resource[] = [];
  const problems: Problem[] = [...source.problems];
  const documents = source.documents.map((doc) => {
    const l = lowered(doc, opts.defaultNamespace);
    // Reused resources point at the document they were lowered from (same place, same text): keep
    // that one in `source.documents`.
    const owner = l.resources[0]?.meta.origin.document ?? doc;
    for (const r of l.resources) resources.push(r);
    for (const p of l.problems) problems.push(p);
    return owner.base === doc.base && owner.index === doc.index && owner.doc === doc.doc ? owner : doc;
  });
  return { source: { ...source, documents }, resources, problems };
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
