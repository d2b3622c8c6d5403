/** Inputs under the size limits that made the parser, completion or the analysis do quadratic work
 *  (or far too much of it): each is read within a bound of CPU time (process.cpuUsage: the time this
 *  process ran, whatever the machine's load) that the old code exceeded many times over, or refused
 *  with a message by the node limit. Figures: docs/robustness.md. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { complete } from '../../server/src/core/ide/completion';
import { parseFile } from '../../server/src/core/yaml/parse';
import { MAX_DOCUMENT_NODES } from '../../server/src/core/yaml/limits';
import { workspace } from '../helpers/workspace';

/** CPU milliseconds `fn` takes (user + system of this process). */
function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

describe('work bounded on hostile shapes under the limits', () => {
  it('the template detector is linear: 300 KB of `{` in a value (the old regex: ~9 s)', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "${'{'.repeat(300_000)}"\n`;
    let f: ReturnType<typeof parseFile> | undefined;
    const ms = cpuMs(() => (f = parseFile('a.yaml', text)));
    assert.equal(f!.documents.length, 1);
    assert.equal(f!.documents[0].isTemplate, false);
    assert.ok(ms < 1_500, `${ms} ms of CPU`);
  });

  it('duplicate keys are found in linear time: 40,000 keys (the library\'s check: 4.8 s), and still at the repeated key', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  k${i}: v`).join('\n');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n${keys}\n  k7: again\n`;
    let f: ReturnType<typeof parseFile> | undefined;
    const ms = cpuMs(() => (f = parseFile('a.yaml', text)));
    assert.deepEqual(f!.problems.map((p) => [p.code, p.span.start, p.message]), [['YAML_DUPLICATE_KEY', text.lastIndexOf('k7: again'), 'YAML: Map keys must be unique']]);
    // Parsing alone takes about 0.3–1.6 s of CPU here (the GC threads count too); the quadratic check took 4.8 s.
    assert.ok(ms < 3_000, `${ms} ms of CPU`);
  });

  it('duplicate keys: flow maps, quoted and numeric keys, as the library found them', () => {
    const text = 'a: {x: 1, "x": 2}\n1: a\n"1": b\n1: c\n';
    assert.deepEqual(parseFile('a.yaml', text).problems.map((p) => p.span.start), [text.indexOf('"x"'), text.lastIndexOf('1: c')]);
  });

  it('completion on a 150,000-character line continued from the line above (the old regex: ~11 s)', () => {
    // The cursor after a space: the regex /[^\s'"]*$/ tried every start of the line.
    const text = `kind: VirtualService\nspec:\n  abcdefghijklmnop\n  ${'a'.repeat(150_000)} `;
    const ms = cpuMs(() => complete(workspace(''), text, text.length));
    assert.ok(ms < 1_500, `${ms} ms of CPU`);
  });

  it('many YAML problems in a document that is no resource: the resource around them is read once (was tens of seconds)', () => {
    const text = `kind: Thing\nmetadata:\n  name: a\nitems:\n${'  - a: b: c\n'.repeat(4_000)}`;
    let findings: ReturnType<typeof analyze> = [];
    const ms = cpuMs(() => (findings = analyze(workspace(text))));
    const yaml = findings.filter((f) => f.code === 'ISL0001');
    assert.equal(yaml.length, 4_000);
    assert.deepEqual(yaml[0].resource, { kind: 'Thing', namespace: 'default', name: 'a' });
    assert.ok(ms < 4_000, `${ms} ms of CPU`);
  });

  it(`a document over ${MAX_DOCUMENT_NODES.toLocaleString('en-US')} nodes is refused with a message before it is parsed`, () => {
    // 1.2 million scalars in 3.6 MB: under the byte limit (the 3.4 million took 22 s and 4.1 GB).
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nx: [${'a,'.repeat(1_200_000)}]\n`;
    let f: ReturnType<typeof parseFile> | undefined;
    const ms = cpuMs(() => (f = parseFile('big.yaml', text)));
    assert.equal(f!.documents.length, 1, 'the small document is still read');
    assert.deepEqual(f!.problems.map((p) => [p.code, p.span.start]), [['TOO_MANY_NODES', text.indexOf('---')]]);
    assert.match(f!.problems[0].message, /more than 1,000,000 YAML nodes/);
    assert.ok(ms < 1_000, `${ms} ms of CPU`);
    // Completion in it parses nothing either.
    assert.deepEqual(complete(workspace(''), text, text.length - 3), []);
  });

  it('a run of `{` opens maps whose keys are maps: read in linear time, one error (the library printed each key once per level: 260 took 1.8 s)', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: ${'{'.repeat(320)}\n`;
    let findings: ReturnType<typeof analyze> = [];
    const ms = cpuMs(() => (findings = analyze(workspace(text))));
    assert.ok(ms < 1_500, `${ms} ms of CPU`);
    const f = parseFile('a.yaml', text);
    assert.equal(f.problems.filter((p) => p.code === 'YAML_NON_STRING_KEY').length, 1);
    assert.ok(findings.length > 0);
  });

  it('a map or list as a key is an error at the key (Kubernetes reads YAML as JSON: sigs.k8s.io/yaml), and completion still works around it', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  {a: 1}: x\n  [b]: y\n  ok: z\n';
    const f = parseFile('a.yaml', text);
    assert.deepEqual(f.problems.filter((p) => p.code === 'YAML_NON_STRING_KEY').map((p) => [p.code, p.span.start]), [['YAML_NON_STRING_KEY', text.indexOf('{a')], ['YAML_NON_STRING_KEY', text.indexOf('[b')]]);
    const deep = `a: ${'{'.repeat(5_000)}`;
    const ms = cpuMs(() => complete(workspace(''), deep, deep.length - 2_500));
    assert.ok(ms < 1_500, `${ms} ms of CPU`);
  });

  it('a 1 MB flow list of 350,000 items is still read', () => {
    const text = `x: [${'a, '.repeat(350_000)}a]\n`;
    const f = parseFile('list.yaml', text);
    assert.deepEqual(f.problems, []);
    assert.equal(f.documents.length, 1);
  });
});
