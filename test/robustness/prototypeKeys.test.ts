/** Names that are `Object.prototype` members (`constructor`, `__proto__`, `toString`, …) are
 *  ordinary header, query-parameter and label names: a request without such a header does not
 *  match a match on it, one with it matches as any other, and nothing throws. Istio matches headers
 *  by name only (istio/istio pkg/networking/core/route/route.go TranslateHeaderMatcher): no name is
 *  special but the pseudo-headers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE } from '../routing/base';
import { sim, workspace } from '../helpers/workspace';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

function vsMatching(field: 'headers' | 'queryParams' | 'withoutHeaders', name: string, m: string): string {
  return `${BASE}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - match: [{ ${field}: { "${name}": ${m} } }]
    route: [{ destination: { host: reviews, subset: v2 } }]
  - route: [{ destination: { host: reviews, subset: v1 } }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
`;
}

const subsetOf = (r: ReturnType<typeof sim>) => r.destinations.map((d) => d.subset).join(',');

describe('prototype-named keys', () => {
  for (const name of NAMES) {
    it(`header "${name}": missing does not match, present matches (prefix, presence, exact)`, () => {
      for (const m of ['{ prefix: "" }', '{ regex: ".*" }', '{}', '{ exact: "x" }']) {
        const snap = workspace(vsMatching('headers', name, m));
        assert.equal(subsetOf(sim(snap, 'http://reviews:9080/')), 'v1', `${name} ${m} without the header`);
        assert.equal(subsetOf(sim(snap, { url: 'http://reviews:9080/', headers: [`${name}: x`] })), 'v2', `${name} ${m} with it`);
      }
    });

    it(`withoutHeaders "${name}" and query parameter "${name}"`, () => {
      const without = workspace(vsMatching('withoutHeaders', name, '{}'));
      assert.equal(subsetOf(sim(without, 'http://reviews:9080/')), 'v2');
      assert.equal(subsetOf(sim(without, { url: 'http://reviews:9080/', headers: [`${name}: x`] })), 'v1');
      const query = workspace(vsMatching('queryParams', name, '{ exact: "x" }'));
      assert.equal(subsetOf(sim(query, 'http://reviews:9080/')), 'v1');
      assert.equal(subsetOf(sim(query, `http://reviews:9080/?${name}=x`)), 'v2');
    });
  }

  it('a subset label "__proto__" is a label: the subset selects only the pods that carry it', () => {
    const text = vsMatching('headers', 'x', '{}').replace('{ name: v2, labels: { version: v2 } }', '{ name: v2, labels: { "__proto__": v2 } }');
    const r = sim(workspace(text), { url: 'http://reviews:9080/', headers: ['x: 1'] });
    assert.deepEqual(r.destinations.flatMap((d) => d.endpoints.map((e) => e.pod)), []);
  });

  it('source labels named like prototype members are matched as labels', () => {
    const text = vsMatching('headers', 'x', '{}').replace('- match: [{ headers: { "x": {} } }]', '- match: [{ sourceLabels: { constructor: a } }]');
    const snap = workspace(text);
    assert.equal(subsetOf(sim(snap, 'http://reviews:9080/')), 'v1');
    assert.equal(subsetOf(sim(snap, { url: 'http://reviews:9080/', source: { labels: { constructor: 'a' } } })), 'v2');
  });
});
