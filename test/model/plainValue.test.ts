/** One conversion of YAML to plain values (server/src/core/yaml/plain.ts): an alias bomb ("billion
 *  laughs") and an alias inside the node it names (`&a [*a]`) are a problem, never a throw, a hang
 *  or a cyclic value, in every feature that reads a document's data. The alias bound is the yaml
 *  library's `maxAliasCount` (https://eemeli.org/yaml/#tojs-options). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { complete } from '../../server/src/core/ide/completion';
import { testDocumentProblems } from '../../server/src/core/ide/routingTests';
import { readLensConfig } from '../../server/src/core/lensConfig';
import { readTestDocuments } from '../../server/src/core/testing/load';
import { kustomizationInputs } from '../../server/src/core/workspace/kustomize';
import { readMeshConfigFile } from '../../server/src/core/workspace/meshConfig';
import { workspaceMeshLayer } from '../../server/src/core/workspace/meshConfigSources';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { parseFile } from '../../server/src/core/yaml/parse';
import { MAX_ALIAS_COUNT, toPlainValue } from '../../server/src/core/yaml/plain';

/** `levels` anchors, each a list of `width` aliases to the one before: width^levels nodes expanded. */
function bomb(levels = 12, width = 9, indent = ''): string {
  let s = `${indent}a0: &a0 [${Array(width).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i < levels; i++) s += `${indent}a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s;
}
const CYCLE = (indent: string) => `${indent}loop: &c { next: [*c] }\n`;

const HOSTILE: [string, (indent: string) => string][] = [['an alias bomb', (i) => bomb(12, 9, i)], ['a cyclic alias', CYCLE]];
const isProblem = (v: ReturnType<typeof toPlainValue>, re: RegExp) => 'problem' in v && re.test(v.problem);

describe('YAML to plain values', () => {
  it('an alias bomb is refused by the alias bound', () => {
    assert.ok(isProblem(toPlainValue(parseDocument(bomb())), /Excessive alias count/));
  });
  it('a document using one anchor up to the bound converts, one use more does not', () => {
    const uses = (n: number) => `x: &x 1\nl: [${Array(n).fill('*x').join(', ')}]\n`;
    const ok = toPlainValue(parseDocument(uses(MAX_ALIAS_COUNT - 1)));
    assert.ok('value' in ok && (ok.value as { l: number[] }).l.length === MAX_ALIAS_COUNT - 1);
    assert.ok(isProblem(toPlainValue(parseDocument(uses(MAX_ALIAS_COUNT))), /Excessive alias count/));
  });
  for (const text of ['&a [*a]', 'a: &a { b: *a }', 'a: &a [1, { b: [*a] }]']) {
    it(`${text} is a problem, not a cyclic value`, () => {
      assert.ok(isProblem(toPlainValue(parseDocument(text)), /alias refers to the node that contains it/));
    });
  }
  it('shared aliases that do not contain themselves convert', () => {
    const v = toPlainValue(parseDocument('h: &h [a]\nx: *h\ny: [*h, *h]\nm: &m { k: v }\nn: { o: *m }\n'));
    assert.deepEqual('value' in v && v.value, { h: ['a'], x: ['a'], y: [['a'], ['a']], m: { k: 'v' }, n: { o: { k: 'v' } } });
  });
  it('an alias to an anchor not defined before it is a problem, not a throw', () => {
    assert.ok(isProblem(toPlainValue(parseDocument('a: *nowhere\n')), /Unresolved alias/));
  });
});

/** Every YAML file of the repository outside node_modules (examples, fixtures, schemas' samples). */
function repositoryYaml(dir = '.'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return repositoryYaml(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Shapes the direct conversion must convert as the library does, or leave to it. */
const SHAPES = [
  '__proto__: { polluted: true }\nb: 1\n', 'toString: x\nconstructor: 1\nhasOwnProperty: [1]\n', '1: a\n1.0: b\n0x10: c\n.nan: d\n.inf: e\n',
  'true: 1\nnull: 2\n~: 3\n: 4\n', '? [a, b]\n: 1\n{c: d}: 2\n', 'a: 1\na: 2\n"a": 3\n', '<<: { a: 1 }\nb: 2\n', '%YAML 1.1\n---\n!!str <<: { a: 1 }\nb: 2\n',
  '%YAML 1.1\n---\n<<: { a: 1 }\nb: 2\nt: 2001-12-14\ns: !!set { x, y }\no: !!omap [a: 1, b: 2]\nbin: !!binary aGVsbG8=\n',
  's: !!set { x, y }\nm: !!map { a: 1 }\nc: !custom { a: 1 }\n', 'l: [a: 1, b, { c: d }, [e]]\n', 'hello\n', '', '- 1\n- [2, { x: null }]\n',
  'a: &x 1\nb: *x\n', 'a: &m { k: v }\nb: *m\n', `${'['.repeat(300)}x${']'.repeat(300)}\n`, `${'{a: '.repeat(300)}x${'}'.repeat(300)}\n`,
  'a: |\n  text\nb: >-\n  folded\nc: "q"\nd: \'s\'\ne: 012\nf: 0o12\ng: 1e3\n',
];

describe('the direct conversion of plain maps, lists and scalars', () => {
  const texts = [...SHAPES, ...repositoryYaml().map((f) => readFileSync(f, 'utf8'))];
  it('gives what the library\'s toJS gives, prototypes and key order included', () => {
    let documents = 0;
    for (const text of texts) {
      for (const doc of parseAllDocuments(text, { uniqueKeys: false, logLevel: 'silent' })) {
        const got = toPlainValue(doc);
        if (!('value' in got)) continue;
        // After toPlainValue, whose key replacement the library's conversion then sees too.
        const want: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        assert.deepStrictEqual(got.value, want, text.slice(0, 200));
        assert.equal(JSON.stringify(got.value), JSON.stringify(want), text.slice(0, 200));
        documents++;
      }
    }
    assert.ok(documents > 150, `only ${documents} documents converted`);
  });
  it('keeps `__proto__` a field of its own, never the prototype', () => {
    const v = toPlainValue(parseDocument('__proto__: { polluted: true }\n'));
    assert.ok('value' in v);
    assert.equal(Object.getPrototypeOf(v.value), Object.prototype);
    assert.deepEqual(Object.keys(v.value as object), ['__proto__']);
  });
});

describe('every reader of YAML data handles hostile aliases', () => {
  for (const [name, hostile] of HOSTILE) {
    it(`lowering: ${name} in a VirtualService is a problem, no resource`, () => {
      const text = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: r }\nspec:\n  hosts: [r]\n${hostile('  ')}`;
      const snap = buildSnapshot([['vs.yaml', text]]);
      assert.equal(snap.virtualServices.length, 0);
      assert.ok(snap.files.get('vs.yaml')!.problems.some((p) => /YAML document could not be read/.test(p.message)));
    });
    it(`routing tests: ${name} in a RoutingTest is not read as a test, and reported`, () => {
      const text = `apiVersion: lens.istio-lens.dev/v1alpha1\nkind: RoutingTest\nmetadata: { name: t }\nspec:\n${hostile('  ')}  cases:\n  - name: c\n    request: { url: "http://r/" }\n`;
      assert.deepEqual(readTestDocuments(parseFile('t.yaml', text), 'default'), []);
      const snap = buildSnapshot([['t.yaml', text]]);
      assert.doesNotThrow(() => testDocumentProblems(snap, 't.yaml'));
      assert.ok(snap.files.get('t.yaml')!.problems.some((p) => /YAML document could not be read/.test(p.message)));
    });
    it(`completion: ${name} in the document never throws, and the file's other documents still complete`, () => {
      const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec:\n  http:\n  - route: [{ destination: { host: } }]\n';
      const hostileDoc = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec:\n${hostile('  ')}  http:\n  - route: [{ destination: { host: } }]\n`;
      for (let o = 0; o <= hostileDoc.length; o++) complete(buildSnapshot([]), hostileDoc, o);
      const text = `${hostileDoc}---\n${vs}`;
      const snap = buildSnapshot([['svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: ratings, namespace: default }\nspec: { ports: [{ port: 80 }] }\n']]);
      assert.ok(complete(snap, text, text.lastIndexOf('host: ') + 'host: '.length).some((c) => c.label.startsWith('ratings')));
    });
    it(`config file: ${name} is a warning, the defaults stay`, () => {
      const c = readLensConfig('.istio-lens.yaml', `defaultNamespace: shop\n${hostile('')}`);
      assert.equal(readLensConfig('.istio-lens.yaml', 'defaultNamespace: shop\n').settings.defaultNamespace, 'shop');
      assert.equal(c.settings.defaultNamespace, readLensConfig('.istio-lens.yaml', '').settings.defaultNamespace);
      assert.ok(c.warnings.some((w) => /^\.istio-lens\.yaml: not read: /.test(w)), c.warnings.join('\n'));
    });
    it(`mesh config: ${name} in a mesh config file is a problem; in the workspace's istio ConfigMap it is skipped`, () => {
      const file = readMeshConfigFile('mesh.yaml', `rootNamespace: other\n${hostile('')}`);
      assert.deepEqual(file.layer, {});
      assert.equal(file.problems.length, 1);
      assert.equal(readMeshConfigFile('mesh.yaml', 'rootNamespace: other\n').layer.rootNamespace?.value, 'other');
      const cm = (extra: string) => parseFile('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: istio, namespace: istio-system }\ndata:\n  mesh: "rootNamespace: other"\n${extra}`).documents;
      assert.equal(workspaceMeshLayer(cm(hostile('')), 'istio-system', 'default').rootNamespace, undefined);
      assert.equal(workspaceMeshLayer(cm(''), 'istio-system', 'default').rootNamespace?.value, 'other');
    });
    it(`kustomize: ${name} in a kustomization lists no inputs`, () => {
      assert.deepEqual(kustomizationInputs('resources: [vs.yaml]\n'), ['vs.yaml']);
      assert.deepEqual(kustomizationInputs(`resources: [vs.yaml]\n${hostile('')}`), []);
    });
  }
});
