import { isMap } from 'yaml';
import type { Problem, SourceFile, YamlDocument } from '../yaml/parse';
import { toPlainValue } from '../yaml/plain';
import { arr, obj, type Obj } from './coerce';
import { descriptorFor, type Resource } from './kinds';
import { readMeta } from './resource';

export { ISTIO_GROUP, ISTIO_VERSIONS, type NamespaceResource, type Resource, type ResourceKind } from './kinds';

export interface LowerOptions {
  defaultNamespace: string;
}

export interface Lowered {
  resources: Resource[];
  problems: Problem[];
}

function toPlain(doc: YamlDocument, problems: Problem[]): unknown {
  const plain = toPlainValue(doc.doc);
  if ('value' in plain) return plain.value;
  const r = doc.doc.contents?.range;
  problems.push({
    file: doc.file, span: { start: doc.base + (r?.[0] ?? 0), end: doc.base + (r?.[1] ?? 0) }, severity: 'error', code: 'YAML',
    message: `YAML document could not be read: ${plain.problem}`,
  });
  return undefined;
}

/** Turns one YAML document into typed resources (several for a `kind: List`). Never throws. */
export function lowerDocument(doc: YamlDocument, options: LowerOptions): Lowered {
  const problems: Problem[] = [];
  const resources: Resource[] = [];
  if (!isMap(doc.doc.contents)) return { resources, problems };
  const plain = obj(toPlain(doc, problems));
  if (!plain) return { resources, problems };
  const entries: { raw: Obj; prefix: (string | number)[] }[] =
    plain.kind === 'List' ? arr(plain.items).flatMap((it, i) => (obj(it) ? [{ raw: obj(it)!, prefix: ['items', i] }] : [])) : [{ raw: plain, prefix: [] }];
  for (const { raw, prefix } of entries) {
    const meta = readMeta(raw, { document: doc, prefix }, options.defaultNamespace);
    // The registry of kinds (kinds.ts) says which documents become resources, and how.
    const lower = meta.kind ? descriptorFor(meta.kind, meta.apiVersion)?.lower : undefined;
    if (lower) resources.push(lower(meta) as Resource);
  }
  return { resources, problems };
}

export function lowerFile(file: SourceFile, options: LowerOptions): Lowered {
  const out: Lowered = { resources: [], problems: [...file.problems] };
  for (const doc of file.documents) {
    const l = lowerDocument(doc, options);
    out.resources.push(...l.resources);
    out.problems.push(...l.problems);
  }
  return out;
}
