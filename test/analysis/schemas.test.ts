/** The schemas under schemas/: one per kind and API version, described, and consistent with Istio's
 *  CRDs (istio/api kubernetes/customresourcedefinitions.gen.yaml serves v1alpha3, v1beta1 and v1 with one schema). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const DIR = 'schemas';
const load = (f: string) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8'));
const ISTIO = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar'];

/** Every property of every object, with its JSON path. */
function* properties(node: unknown, path = '$'): Generator<[string, Record<string, unknown>]> {
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  for (const [k, v] of Object.entries((n.properties as Record<string, unknown>) ?? {})) {
    yield [`${path}.${k}`, v as Record<string, unknown>];
    yield* properties(v, `${path}.${k}`);
  }
  for (const key of ['items', 'additionalProperties']) if (n[key] && typeof n[key] === 'object') yield* properties(n[key], `${path}[]`);
  for (const [k, v] of Object.entries((n.$defs as Record<string, unknown>) ?? {})) yield* properties(v, `#${k}`);
}

describe('schemas/', () => {
  it('has one schema per Istio kind and version, identical across versions', () => {
    for (const kind of ISTIO) {
      const [a, b, c] = ['v1alpha3', 'v1beta1', 'v1'].map((v) => load(`networking.istio.io.${v}.${kind}.json`));
      assert.equal(a.properties.apiVersion.const, 'networking.istio.io/v1alpha3');
      assert.deepEqual(a.properties.spec, c.properties.spec);
      assert.deepEqual(b.properties.spec, c.properties.spec);
    }
  });

  it('describes every field', () => {
    for (const f of readdirSync(DIR).filter((x) => x.endsWith('.json') && x !== 'index.json')) {
      for (const [path, prop] of properties(load(f))) {
        if (path.endsWith('.status') || path.endsWith('.apiVersion') || path.endsWith('.kind')) continue;
        assert.ok(prop.description || prop.$ref, `${f} ${path} has no description`);
      }
    }
  });

  it('knows the fields of a VirtualService http route from the API reference', () => {
    const vs = load('networking.istio.io.v1.VirtualService.json');
    const http = vs.properties.spec.properties.http.items.properties;
    assert.deepEqual(Object.keys(http).sort(), [
      'corsPolicy', 'delegate', 'directResponse', 'fault', 'headers', 'match', 'mirror', 'mirrorPercent', 'mirrorPercentage', 'mirror_percent',
      'mirrors', 'name', 'redirect', 'retries', 'rewrite', 'route', 'timeout',
    ]);
    assert.equal(vs.properties.spec.properties.http.items.additionalProperties, false);
  });
});
