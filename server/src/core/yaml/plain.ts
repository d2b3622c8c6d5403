/** The one conversion of a parsed YAML document into plain JavaScript values. Every reader of a
 *  document's data (lowering, routing tests, completion, the config file, mesh config, kustomize)
 *  goes through it, so all of them share one bound on alias expansion and one cycle check. */
import type { Document } from 'yaml';
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
