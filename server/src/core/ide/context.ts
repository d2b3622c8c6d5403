import { lowerDocument, type Resource } from '../model/lower';
import { refuseText } from '../yaml/limits';
import { parseFile, type YamlDocument } from '../yaml/parse';
import { documentAround } from './completionContext';
import type { Snapshot } from '../workspace/snapshot';
import { documentAt, nodeAt, relativePath, type CursorNode } from './cursor';

/** The resource under the cursor and the cursor's path inside it. */
export interface ResourceCursor {
  resource?: Resource;
  /** Path from the resource's root (from the document's root when there is no resource). */
  path: (string | number)[];
  cursor: CursorNode;
}

/** The resource under the cursor. With `liveText` (the editor's text, newer than the snapshot's), the
 *  document around the cursor is read from it, so spans are the live ones while the rest of the
 *  workspace comes from the snapshot. */
export function resourceAt(snap: Snapshot, file: string, offset: number, liveText?: string): ResourceCursor | undefined {
  const f = snap.files.get(file);
  if (liveText !== undefined && f?.source.text !== liveText) return liveResourceAt(snap, file, offset, liveText);
  if (!f) return undefined;
  const doc = documentAt(f.source, offset);
  if (!doc) return undefined;
  const cursor = nodeAt(doc, offset);
  if (!cursor) return undefined;
  for (const r of f.resources) {
    if (r.meta.origin.document !== doc) continue;
    const path = relativePath(cursor.path, r.meta.origin.prefix);
    if (path) return { resource: r, path, cursor };
  }
  return { path: cursor.path, cursor };
}

/** Path equality with `*` standing for any list index. */
export function pathIs(path: readonly (string | number)[], pattern: string): boolean {
  const parts = pattern.split('.');
  if (parts.length !== path.length) return false;
  return parts.every((p, i) => (p === '*' ? typeof path[i] === 'number' : String(path[i]) === p));
}

export function pathEndsWith(path: readonly (string | number)[], pattern: string): boolean {
  const parts = pattern.split('.');
  if (parts.length > path.length) return false;
  return pathIs(path.slice(path.length - parts.length), pattern);
}

function liveResourceAt(snap: Snapshot, file: string, offset: number, text: string): ResourceCursor | undefined {
  if (refuseText(text)) return undefined; // the analysis's limits hold for hover too (parseFile checks the document's)
  const chunk = documentAround(text, offset);
  const parsed = parseFile(file, chunk.text).documents[0];
  if (!parsed) return undefined;
  const doc: YamlDocument = { ...parsed, base: chunk.base };
  const cursor = nodeAt(doc, offset);
  if (!cursor) return undefined;
  for (const r of lowerDocument(doc, { defaultNamespace: snap.options.defaultNamespace }).resources) {
    const path = relativePath(cursor.path, r.meta.origin.prefix);
    if (path) return { resource: r, path, cursor };
  }
  return { path: cursor.path, cursor };
}

/** Same resource (kind, namespace, name), also across snapshots. */
export function sameResource(a: Resource, b: Resource): boolean {
  return a.kind === b.kind && a.meta.namespace === b.meta.namespace && a.meta.name === b.meta.name;
}
