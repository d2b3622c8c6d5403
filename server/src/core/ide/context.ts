import type { Resource } from '../model/lower';
import type { Snapshot } from '../workspace/snapshot';
import { documentAt, nodeAt, relativePath, type CursorNode } from './cursor';

/** The resource under the cursor and the cursor's path inside it. */
export interface ResourceCursor {
  resource?: Resource;
  /** Path from the resource's root (from the document's root when there is no resource). */
  path: (string | number)[];
  cursor: CursorNode;
}

export function resourceAt(snap: Snapshot, file: string, offset: number): ResourceCursor | undefined {
  const f = snap.files.get(file);
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
