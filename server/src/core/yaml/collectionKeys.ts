/** Maps and lists used as mapping keys (`{a: 1}: x`, `[a]: x`, or a run of `{` such as `x: {{{{`,
 *  where each `{` opens a map whose first key is the next one). Kubernetes reads YAML as JSON
 *  (sigs.k8s.io/yaml), whose keys are strings, so no resource can hold one. The yaml library turns
 *  such a key into a string by printing it, once per level of nesting: 260 nested `{` took 1.8 s
 *  and each further `{` more (docs/robustness.md). Each outermost collection key is replaced by a
 *  scalar of its own source text, with the same range, and reported once. */
import { isCollection, isPair, isSeq, Scalar, YAMLParseError, type Document } from 'yaml';

/** Replaces each outermost collection key of `doc`, adding one `NON_STRING_KEY` error for each. With
 *  the document's `text`, the key becomes its source text; without, `{…}` or `[…]`. Replaced keys
 *  are scalars, so a second call finds nothing and adds nothing. */
export function replaceCollectionKeys(doc: Document, text?: string): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      const key = item.key;
      if (isCollection(key) && key.range) {
        const [start, , end] = key.range;
        const scalar = new Scalar(text !== undefined ? text.slice(start, end) : isSeq(key) ? '[…]' : '{…}');
        scalar.range = [start, end, end];
        item.key = scalar;
        found.push(new YAMLParseError([start, start + 1], 'NON_STRING_KEY', 'A map or list cannot be a key: Kubernetes reads YAML as JSON, whose keys are strings'));
      } else stack.push(key);
      stack.push(item.value);
    }
  }
  if (!found.length) return;
  doc.errors.push(...found);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
