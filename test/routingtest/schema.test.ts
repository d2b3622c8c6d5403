/** schemas/routingtest.schema.json accepts every example test file, rejects what the loader
 *  rejects, and names the same fields as the loader (so completion offers what runs). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { EXPECTATION_FIELDS } from '../../server/src/core/testing/expectations';
import { REQUEST_FIELDS } from '../../server/src/core/testing/load';

const schema = JSON.parse(readFileSync('schemas/routingtest.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const EXAMPLES = [
  'examples/hello-tests/case1-2/routing.test.yaml',
  'examples/hello-tests/case3/routing.test.yaml',
  'examples/hello-tests/case4/routing.test.yaml',
  'examples/hello-tests/case5/routing.test.yaml',
  'examples/hello-tests-broken/routing.test.yaml',
  'examples/gateway-api/tests/case1-2/routing.test.yaml',
  'examples/gateway-api/tests/case3/routing.test.yaml',
  'examples/gateway-api/tests/case4/routing.test.yaml',
  'examples/gateway-api/tests/case5/routing.test.yaml',
  'examples/gateway-api/tests/ingress/routing.test.yaml',
];

function doc(yaml: string): unknown {
  return parseAllDocuments(yaml)[0].toJS();
}

describe('routingtest.schema.json', () => {
  for (const file of EXAMPLES) {
    it(`accepts ${file}`, () => {
      for (const d of parseAllDocuments(readFileSync(file, 'utf8'))) assert.ok(validate(d.toJS()), JSON.stringify(validate.errors));
    });
  }

  const base = 'apiVersion: lens.istio-lens.dev/v1alpha1\nkind: RoutingTest\nspec:\n  cases:\n  - name: c\n    request: { url: "http://a/" }\n';
  const invalid: [string, string][] = [
    ['a misspelled expectation', `${base}    expect: { destination: [] }\n`],
    ['an empty expect', `${base}    expect: {}\n`],
    ['an unknown action', `${base}    expect: { action: routed }\n`],
    ['a destination without host', `${base}    expect: { destinations: [{ subset: v1 }] }\n`],
    ['a sample with nothing to compare', `${base}    expect: { sample: { count: 10 } }\n`],
    ['an unknown request field', `${base.replace('"http://a/"', '"http://a/", verb: GET')}    expect: { action: route }\n`],
    ['no case', 'apiVersion: lens.istio-lens.dev/v1alpha1\nkind: RoutingTest\nspec:\n  cases: []\n'],
  ];
  for (const [what, yaml] of invalid) {
    it(`rejects ${what}`, () => assert.equal(validate(doc(yaml)), false));
  }

  it('lists the expectations and request fields the loader knows, no more, no fewer', () => {
    const caseProps = schema.properties.spec.properties.cases.items.properties;
    assert.deepEqual(Object.keys(caseProps.expect.properties).sort(), [...EXPECTATION_FIELDS].sort());
    assert.deepEqual(Object.keys(caseProps.request.properties).sort(), [...REQUEST_FIELDS].sort());
  });
});
