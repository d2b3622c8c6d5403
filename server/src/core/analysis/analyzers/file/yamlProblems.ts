/** YAML syntax problems of every file (from the parser, not a check of ours): a broken document
 *  hides its resource from every other check, so it is reported first and exactly where it breaks.
 *  Helm/Go-template documents get no syntax errors, only one notice that they are not checked
 *  (parse.ts decides which documents are templates). */
import type { Document } from 'yaml';
import { message, T } from '../../messages';
import type { Finding } from '../../types';
import type { Snapshot } from '../../../workspace/snapshot';
import type { YamlDocument } from '../../../yaml/parse';

export function yamlFindings(snap: Snapshot): Finding[] {
  // The resource of each document is read once, however many problems it has: reading it per
  // problem (a whole toJS each) made 2,000 problems in 280 KB take tens of seconds.
  const around = new Map<string, (offset: number) => Finding['resource']>();
  return snap.problems().map((p) => {
    const type = p.code === 'TEMPLATE' ? T.templateNotChecked : p.severity === 'error' ? T.yamlSyntax : T.yamlWarning;
    const text = message(type, p.message).text;
    let find = around.get(p.file);
    if (!find) around.set(p.file, (find = resourcesOf(snap, p.file)));
    return {
      code: type.code, severity: p.severity === 'error' ? 'error' : type.severity, message: text, file: p.file, span: p.span,
      resource: find(p.span.start), docsUrl: type.docsUrl,
    };
  });
}

/** For one file: the resource of the document holding an offset, when the document got as far as
 *  naming one. Documents are found by binary search, each read at most once. */
function resourcesOf(snap: Snapshot, file: string): (offset: number) => Finding['resource'] {
  const f = snap.files.get(file);
  const docs = f?.source.documents ?? [];
  const read = new Map<YamlDocument, Finding['resource']>();
  let byDocument: Map<YamlDocument, Finding['resource']> | undefined;
  return (offset) => {
    let lo = 0;
    let hi = docs.length - 1;
    let doc: YamlDocument | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid].base > offset) hi = mid - 1;
      else {
        doc = docs[mid];
        lo = mid + 1;
      }
    }
    // The document before may end exactly at the offset (a problem at its very end).
    if (doc && offset === doc.base && lo - 2 >= 0 && docs[lo - 2].base + docs[lo - 2].text.length === offset) doc = docs[lo - 2];
    if (doc && offset > doc.base + doc.text.length) doc = undefined;
    if (!doc) return { kind: '', namespace: '', name: '' };
    let r = read.get(doc);
    if (r) return r;
    if (!byDocument) {
      byDocument = new Map();
      for (const x of f?.resources ?? []) if (!byDocument.has(x.meta.origin.document)) byDocument.set(x.meta.origin.document, { kind: x.meta.kind, namespace: x.meta.namespace, name: x.meta.name });
    }
    read.set(doc, (r = byDocument.get(doc) ?? resourceOf(snap, doc)));
    return r;
  };
}

function resourceOf(snap: Snapshot, doc: YamlDocument): Finding['resource'] {
  // Not a resource: its kind and names are read from the syntax tree, without converting the document.
  const kind = scalar(doc.doc, ['kind']);
  return { kind, namespace: scalar(doc.doc, ['metadata', 'namespace']) || (kind ? snap.options.defaultNamespace : ''), name: scalar(doc.doc, ['metadata', 'name']) };
}

function scalar(doc: Document.Parsed, path: string[]): string {
  try {
    const v = doc.getIn(path);
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}
