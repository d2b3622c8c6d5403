import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Span } from '../text/span';
import type { Path } from '../yaml/locate';
import type { SourceFile, YamlDocument } from '../yaml/parse';

/** What sits under the cursor in one YAML document: the path from the document's root, and
 *  whether the cursor is on a key or on a value. */
export interface CursorNode {
  doc: YamlDocument;
  /** Path of the value (for a key: the path the key names). */
  path: (string | number)[];
  role: 'key' | 'value';
  /** The scalar under the cursor, absolute span; undefined when the cursor is not on a scalar. */
  span?: Span;
  /** The scalar's value as text (keys and values alike). */
  text?: string;
}

/** The document of a file that contains an offset (the last one starting at or before it). */
export function documentAt(file: SourceFile, offset: number): YamlDocument | undefined {
  let found: YamlDocument | undefined;
  for (const d of file.documents) {
    if (d.base > offset) break;
    found = d;
  }
  return found;
}

function contains(node: { range?: [number, number, number] | null } | null | undefined, rel: number): boolean {
  const r = node?.range;
  return !!r && r[0] <= rel && rel <= r[1];
}

/** The deepest scalar (key or value) at the offset, with its path. */
export function nodeAt(doc: YamlDocument, offset: number): CursorNode | undefined {
  const rel = offset - doc.base;
  const path: (string | number)[] = [];
  let node: unknown = doc.doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (contains(p.key as Node, rel) || contains(p.value as Node, rel)));
      if (!pair) return { doc, path, role: 'value' };
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      path.push(key);
      if (contains(pair.key as Node, rel)) return scalarHit(doc, path, 'key', pair.key as Node);
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => contains(it as Node, rel));
      if (i < 0) return { doc, path, role: 'value' };
      path.push(i);
      node = node.items[i];
    } else if (isScalar(node)) {
      return scalarHit(doc, path, 'value', node);
    } else {
      return { doc, path, role: 'value' };
    }
  }
}

function scalarHit(doc: YamlDocument, path: (string | number)[], role: 'key' | 'value', node: Node): CursorNode {
  const r = node.range!;
  const text = isScalar(node) ? (node.value === null ? '' : String(node.value)) : undefined;
  return { doc, path, role, span: { start: doc.base + r[0], end: doc.base + r[1] }, text };
}

/** `path` below a resource's prefix (a `kind: List` item), or undefined when it is not inside it. */
export function relativePath(path: Path, prefix: Path): (string | number)[] | undefined {
  if (path.length < prefix.length) return undefined;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return undefined;
  return path.slice(prefix.length) as (string | number)[];
}
