/** The one conversion of a parsed YAML document into plain JavaScript values. Every reader of a
 *  document's data (lowering, routing tests, completion, the config file, mesh config, kustomize)
 *  goes through it, so all of them share one bound on alias expansion and one cycle check. */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { replaceCollectionKeys } from './collectionKeys';

/** The yaml library's bound on alias expansion (https://eemeli.org/yaml/#tojs-options): an anchor's
 *  uses times the aliases inside it. A "billion laughs" document stops here with the library's
 *  "Excessive alias count" error. 1,000 leaves room for a manifest that reuses one anchor (a retry
 *  policy, a list of hosts) on hundreds of routes. */
export const MAX_ALIAS_COUNT = 1000;

/** The document's value, or why it has none. */
export type PlainValue = { value: unknown } | { problem: string };

/** Converts a document to plain values. Never throws: an alias bomb, an alias to an anchor that is
 *  not defined before it, a document nested deeper than the stack, or an alias inside the node it
 *  names (`&a [*a]`) each come back as a problem. */
export function toPlainValue(doc: Document): PlainValue {
  // The library prints a map or list used as a key once per level of nesting (collectionKeys.ts).
  replaceCollectionKeys(doc);
  const direct = plainOf(doc.contents, 0);
  if (direct !== UNUSUAL) return { value: direct };
  try {
    let aliased = false;
    const value: unknown = doc.toJS({
      maxAliasCount: MAX_ALIAS_COUNT,
      // `count` is 1 plus the aliases that resolved to the anchor: only an aliased collection can
      // close a cycle, and most documents have none, so they skip the walk below.
      onAnchor: (res, count) => {
        if (count > 1 && res !== null && typeof res === 'object') aliased = true;
      },
    });
    if (aliased && isCyclic(value)) return { problem: 'an alias refers to the node that contains it (&a … *a inside it), which has no JSON form' };
    return { value };
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}

/** Returned by `plainOf` for a node it leaves to the library's `toJS`. */
const UNUSUAL = Symbol('unusual');
/** Deeper documents go to `toJS`, whose recursion decides where the stack ends, as before. */
const MAX_DIRECT_DEPTH = 256;

/** The value `doc.toJS()` gives (with its default `keep`: scalars' values as parsed), by a direct
 *  walk of the plain maps, lists and scalars that make up nearly every manifest; UNUSUAL when the
 *  node holds anything else (an anchor or alias, a merge key `<<`, a tagged collection of YAML 1.1
 *  such as `!!set`, a key whose value is an object) or is nested very deep, for `toJS` to convert.
 *  The library's conversion asks at every node whether it has an anchor, whether each key is a merge
 *  key and whether the map is a JavaScript Map; lowering a 5,000-document file spent most of its
 *  time there (docs/performance.md). Each step below is the library's (yaml `nodes/toJS.js`,
 *  `addPairToJSMap.js`, `YAMLMap.toJSON`, `YAMLSeq.toJSON`, `Pair.toJSON`, `Scalar.toJSON`). */
function plainOf(node: unknown, depth: number): unknown {
  if (node === null || node === undefined || typeof node !== 'object') return node;
  const type = node.constructor;
  if (type === Scalar) {
    const s = node as Scalar;
    return s.anchor ? UNUSUAL : s.value;
  }
  if (depth > MAX_DIRECT_DEPTH) return UNUSUAL;
  if (type === YAMLMap) {
    const m = node as YAMLMap;
    if (m.anchor) return UNUSUAL;
    const out: Record<string, unknown> = {};
    for (const item of m.items) if (!addPair(out, item, depth)) return UNUSUAL;
    return out;
  }
  if (type === YAMLSeq) {
    const q = node as YAMLSeq;
    if (q.anchor) return UNUSUAL;
    const out: unknown[] = [];
    for (const item of q.items) {
      let v: unknown;
      if (item !== null && typeof item === 'object' && item.constructor === Pair) {
        // A pair in a flow list (`[a: 1]`) is a map of that one pair.
        const one: Record<string, unknown> = {};
        if (!addPair(one, item as Pair, depth)) return UNUSUAL;
        v = one;
      } else if ((v = plainOf(item, depth + 1)) === UNUSUAL) return UNUSUAL;
      out.push(v);
    }
    return out;
  }
  return UNUSUAL;
}

/** One pair into a plain object, as `addPairToJSMap` does with an ordinary key; false when unusual. */
function addPair(out: Record<string, unknown>, pair: unknown, depth: number): boolean {
  if (pair === null || typeof pair !== 'object' || pair.constructor !== Pair) return false;
  const { key, value } = pair as Pair;
  let name: string;
  if (key === null) name = '';
  else if (typeof key === 'object' && key.constructor === Scalar && !(key as Scalar).anchor && !('addToJSMap' in key)) {
    const k = (key as Scalar).value;
    if (k === '<<' || (k !== null && (typeof k === 'object' || typeof k === 'symbol'))) return false;
    name = k === null ? '' : String(k);
  } else return false;
  const v = plainOf(value, depth + 1);
  if (v === UNUSUAL) return false;
  // `__proto__` (and a name an object inherits) becomes a field of its own, never the prototype.
  if (name in out) Object.defineProperty(out, name, { value: v, writable: true, enumerable: true, configurable: true });
  else out[name] = v;
  return true;
}

/** Does the value contain itself? `&a [*a]` is valid YAML, and the conversion makes it a cyclic
 *  object, which has no JSON form (the API server cannot receive it) and sends every walk over it
 *  into a loop (JSON output, schema checks). Iterative, as the data may be thousands of levels deep,
 *  and each object is entered once: shared aliases are a graph whose paths can be exponentially many. */
function isCyclic(root: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const stack: { node: object; leaving: boolean }[] = root !== null && typeof root === 'object' ? [{ node: root, leaving: false }] : [];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (leaving) {
      onPath.delete(node);
      done.add(node);
      continue;
    }
    if (done.has(node)) continue;
    onPath.add(node);
    stack.push({ node, leaving: true });
    for (const child of Object.values(node)) {
      if (child === null || typeof child !== 'object' || done.has(child)) continue;
      if (onPath.has(child)) return true;
      stack.push({ node: child, leaving: false });
    }
  }
  return false;
}
