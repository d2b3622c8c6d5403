/** YAML syntax problems of every file (from the parser, not a check of ours): a broken document
 *  hides its resource from every other check, so it is reported first and exactly where it breaks.
 *  Helm/Go-template documents are never reported here (parse.ts skips them). */
import { message, T } from '../../messages';
import type { Finding } from '../../types';
import type { Snapshot } from '../../../workspace/snapshot';

export function yamlFindings(snap: Snapshot): Finding[] {
  return snap.problems().map((p) => {
    const type = p.severity === 'error' ? T.yamlSyntax : T.yamlWarning;
    const text = message(type, p.message.replace(/^YAML: /, 'YAML: ')).text;
    return {
      code: type.code, severity: p.severity === 'error' ? 'error' : type.severity, message: text, file: p.file, span: p.span,
      resource: resourceAround(snap, p.file, p.span.start), docsUrl: type.docsUrl,
    };
  });
}

/** The resource of the document holding an offset, when the document got as far as naming one. */
function resourceAround(snap: Snapshot, file: string, offset: number): Finding['resource'] {
  const f = snap.files.get(file);
  const doc = f?.source.documents.find((d) => offset >= d.base && offset <= d.base + d.text.length);
  const r = doc && f?.resources.find((x) => x.meta.origin.document === doc);
  if (r) return { kind: r.meta.kind, namespace: r.meta.namespace, name: r.meta.name };
  const js = doc?.doc.contents && typeof (doc.doc.contents as { toJSON?: unknown }).toJSON === 'function' ? safeJs(doc.doc) : undefined;
  return { kind: str(js?.kind), namespace: str(js?.metadata?.namespace) || (str(js?.kind) ? snap.options.defaultNamespace : ''), name: str(js?.metadata?.name) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function safeJs(doc: { toJS(o?: object): unknown }): any {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
