/** "Did you mean" for hosts from indexes of the registry: the indexed answer is `nearest`'s over the
 *  same list, and a repository where no destination host resolves asks for one suggestion per
 *  reported finding (bounded work, not a timing). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analysis';
import { NearestIndex, registryNames } from '../../server/src/core/analysis/analyzers/common/registryNames';
import { nearest } from '../../server/src/core/analysis/schema/describe';
import { analyzeFile, buildSnapshot, DEFAULT_OPTIONS, Snapshot } from '../../server/src/core/workspace/snapshot';

// Few letters, with the separators nearestForm ignores and upper case: many near and equal forms.
const word = fc.stringMatching(/^[abAB_.-]{0,9}$/);

describe('registry name suggestions', () => {
  it('NearestIndex answers as nearest over the same candidates, in the same order', () => {
    fc.assert(fc.property(fc.array(word, { maxLength: 25 }), fc.array(word, { minLength: 1, maxLength: 8 }), (candidates, queries) => {
      const index = new NearestIndex(candidates);
      for (const q of [...queries, ...queries]) assert.equal(index.nearest(q), nearest(q, candidates), `${q} in ${JSON.stringify(candidates)}`);
    }), { seed: 17, numRuns: 3000 });
  });

  it('suggests hosts of the registry: a short name in the namespace, a FQDN among all hosts', () => {
    const svc = (name: string, ns: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  ports: [{port: 80}]\n`;
    const vs = (host: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: shop}\nspec:\n  hosts: [front]\n  http:\n  - route:\n    - destination: {host: ${host}}\n`;
    const messages = (host: string) => analyze(buildSnapshot([['a.yaml', [svc('reviews', 'shop'), svc('ratings', 'books'), vs(host)].join('---\n')]]))
      .filter((f) => f.code === 'IST0101').map((f) => f.message);
    assert.match(messages('reveiws')[0], /did you mean reviews\?/);
    assert.match(messages('ratingz.books.svc.cluster.local')[0], /did you mean ratings\.books\.svc\.cluster\.local\?/);
    assert.match(messages('ratings')[0], /Service ratings is in namespace books/);
  });

  it('kept for the next snapshot only while its Services are the same lowerings', () => {
    const svc = (name: string, ns: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  ports: [{port: 80}]\n`;
    const snapOf = (text: string) => new Snapshot(new Map([['a.yaml', analyzeFile('a.yaml', text, DEFAULT_OPTIONS)]]), DEFAULT_OPTIONS);
    const first = snapOf([svc('reviews', 'shop'), svc('ratings', 'books')].join('---\n'));
    const names = registryNames(first);
    assert.deepEqual(names.named('ratings'), [{ hostname: 'ratings.books.svc.cluster.local', namespace: 'books' }]);
    // The same Services re-based onto moved documents (as an edit above them does): the same tables.
    const file = first.files.get('a.yaml')!;
    const moved = new Snapshot(new Map([['a.yaml', { ...file, resources: file.resources.map((r) => ({ ...r, meta: { ...r.meta } })) }]]), DEFAULT_OPTIONS);
    assert.equal(registryNames(moved), names);
    // A Service renamed or moved to another namespace: the answers of the new registry.
    const renamed = registryNames(snapOf([svc('reviews', 'shop'), svc('rating', 'books')].join('---\n')));
    assert.deepEqual(renamed.named('ratings'), []);
    assert.equal(renamed.nearestNameIn('books', 'ratings'), 'rating');
    const elsewhere = registryNames(snapOf([svc('reviews', 'shop'), svc('ratings', 'films')].join('---\n')));
    assert.deepEqual(elsewhere.named('ratings'), [{ hostname: 'ratings.films.svc.cluster.local', namespace: 'films' }]);
    assert.equal(elsewhere.hasServiceIn('books'), false);
    assert.equal(elsewhere.hasServiceIn('films'), true);
  });

  it('in a repository where no host resolves, looks at each Service name a bounded number of times', () => {
    const apps = 300;
    const docs: string[] = [];
    for (let i = 0; i < apps; i++) {
      const ns = `team-${i % 3}`;
      docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: old-app-${i}, namespace: ${ns}}\nspec:\n  ports: [{port: 80}]\n`);
      docs.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: app-${i}, namespace: ${ns}}\nspec:\n  hosts: [app-${i}]\n  http:\n  - route:\n    - destination: {host: app-${i}}\n    - destination: {host: app-${i}}\n`);
      docs.push(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: app-${i}, namespace: ${ns}}\nspec:\n  host: app-${i}\n`);
    }
    const snap = buildSnapshot([['a.yaml', docs.join('---\n')]]);
    // Count reads of Service names: a scan of every Service per unresolved host reads apps² of them.
    let reads = 0;
    for (const s of snap.allRegistryServices()) {
      const name = s.k8sName;
      const host = s.hostname;
      Object.defineProperty(s, 'k8sName', { get: () => (reads++, name), configurable: true });
      Object.defineProperty(s, 'hostname', { get: () => (reads++, host), configurable: true });
    }
    const found = analyze(snap).filter((f) => f.code === 'IST0101' || f.code === 'IST0174');
    assert.equal(found.length, apps * 3);
    assert.ok(reads < apps * 20, `${reads} reads of ${apps} Service names`);
  });
});
