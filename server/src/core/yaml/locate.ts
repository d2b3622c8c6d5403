import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Span } from '../text/span';
import type { YamlDocument } from './parse';

export type Path = readonly (string | number)[];

/** The value's span, not the trailing comment (`range[1]`, not `range[2]`). */
export function spanOf(node: { range?: [number, number, number] | null } | null | undefined, base = 0): Span | undefined {
  const r = node?.range;
  return r ? { start: base + r[0], end: base + r[1] } : undefined;
}

interface Found {
  node?: Node;
  key?: Node;
}

function find(root: unknown, path: Path): Found | undefined {
  let node: unknown = root;
  let key: Node | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      // The last of duplicate keys: the one whose value the model keeps (toJS lets later keys win).
      const pair = [...node.items].reverse().find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return undefined;
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      key = undefined;
      if (node === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  return { node: (node ?? undefined) as Node | undefined, key };
}

/** The absolute span of the value at `path`; falls back to its key, then to the nearest parent. */
export function locate(doc: YamlDocument, path: Path): Span {
  for (let n = path.length; n >= 0; n--) {
    const found = find(doc.doc.contents, path.slice(0, n));
    const span = spanOf(found?.node, doc.base) ?? spanOf(found?.key, doc.base);
    if (span) return span;
  }
  return { start: doc.base, end: doc.base };
}

/** The absolute span of the key at `path` (the value's when there is no key). */
export function locateKey(doc: YamlDocument, path: Path): Span {
  const found = find(doc.doc.contents, path);
  return spanOf(found?.key, doc.base) ?? locate(doc, path);
}
