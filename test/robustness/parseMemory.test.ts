/** The parse cache keeps every cached document's syntax errors. An Error built while V8 captures
 *  stack traces holds a structured trace that keeps the parser's frames alive (in a long fuzz run
 *  these traces were two thirds of the cache's heap and the heap grew ~200 MB per 1,000 cases), so
 *  documents are parsed with stack capture off and the errors carry positions only. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../server/src/core/yaml/parse';

const FRAME = /\n\s+at /;

describe('parsed documents keep no stack traces', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: a}',
    'data:',
    '  x: 1',
    '  x: 2', // duplicate key (collectionKeys.ts)
    '  ? [k]', // a collection as a key (collectionKeys.ts)
    '  : v',
    '  bad: a: b: c', // the yaml library's own error
    '',
  ].join('\n');

  it('reports each kind of error, none with a stack frame', () => {
    const doc = parseFile('memory.yaml', text).documents[0].doc;
    const codes = [...doc.errors, ...doc.warnings].map((e) => e.code);
    for (const code of ['DUPLICATE_KEY', 'NON_STRING_KEY', 'BLOCK_AS_IMPLICIT_KEY']) assert.ok(codes.includes(code as never), `${code} in ${codes.join(', ')}`);
    for (const e of [...doc.errors, ...doc.warnings]) assert.doesNotMatch(e.stack ?? '', FRAME, `${e.code} has a stack trace`);
  });

  it('leaves stack capture on for everything else', () => {
    parseFile('memory2.yaml', text.replace('x: 2', 'y: 2'));
    assert.match(new Error('after parsing').stack ?? '', FRAME);
  });
});
