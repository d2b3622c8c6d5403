/** The keys of a parsed document, checked in one walk of its nodes.
 *
 *  Maps and lists used as mapping keys (`{a: 1}: x`, `[a]: x`, or a run of `{` such as `x: {{{{`,
 *  where each `{` opens a map whose first key is the next one). Kubernetes reads YAML as JSON
 *  (sigs.k8s.io/yaml), whose keys are strings, so no resource can hold one. The yaml library turns
 *  such a key into a string by printing it, once per level of nesting: 260 nested `{` took 1.8 s
 *  and each further `{` more (docs/robustness.md). Each outermost collection key is replaced by a
 *  scalar of its own source text, with the same range, and reported once.
 *
 *  Duplicate mapping keys, found in linear time. The yaml library's own check (`uniqueKeys: true`)
 *  compares each key with every earlier key of its mapping: a ConfigMap of 40,000 keys took 4.8 s
 *  to parse (0.3 s without). Here each mapping's scalar keys go through one Set; the error is the
 *  library's, at the same place (the start of the repeated key), so nothing else changes.
 *
 *  Both used to walk the document separately, and lowering walked it a third time for collection
 *  keys: one walk now (docs/performance.md). */
import { isCollection, isMap, isPair, isScalar, isSeq, Scalar, YAMLParseError, type Document } from 'yaml';

/** Documents whose collection keys were replaced: a second call returns at once. */
const replaced = new WeakSet<Document>();

/** Replaces each outermost collection key of `doc`, adding one `NON_STRING_KEY` error for each. With
 *  the document's `text`, the key becomes its source text; without, `{…}` or `[…]`. Replaced keys
 *  are scalars, so a second call finds nothing and adds nothing (and returns without a walk). */
export function replaceCollectionKeys(doc: Document, text?: string): void {
  checkKeys(doc, text, false);
}

/** `replaceCollectionKeys`, and in the same walk a `DUPLICATE_KEY` error for each key repeated in
 *  its mapping (after the replacement), keeping the errors in text order. Two scalar keys are the
 *  same when their values are (`a.value === b.value`, the library's rule). */
export function replaceCollectionKeysAndFindDuplicates(doc: Document.Parsed, text?: string): void {
  checkKeys(doc, text, true);
}

function checkKeys(doc: Document, text: string | undefined, duplicates: boolean): void {
  if (replaced.has(doc)) return;
  const collectionKeys: YAMLParseError[] = [];
  const repeated: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = duplicates && isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      let key = item.key;
      if (isCollection(key) && key.range) {
        const [start, , end] = key.range;
        const scalar = new Scalar(text !== undefined ? text.slice(start, end) : isSeq(key) ? '[…]' : '{…}');
        scalar.range = [start, end, end];
        item.key = key = scalar;
        collectionKeys.push(new YAMLParseError([start, start + 1], 'NON_STRING_KEY', 'A map or list cannot be a key: Kubernetes reads YAML as JSON, whose keys are strings'));
      } else stack.push(key);
      if (seen && isScalar(key) && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) {
          const at = key.range?.[0] ?? 0;
          repeated.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(key.value);
      }
      stack.push(item.value);
    }
  }
  replaced.add(doc);
  if (!collectionKeys.length && !repeated.length) return;
  // Errors at the same place keep the order of the separate walks: the parser's, collection keys, duplicates.
  doc.errors.push(...collectionKeys, ...repeated);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
