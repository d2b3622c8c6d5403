/** The Gateway API schemas (schemas/gateway.networking.k8s.io.*.json) against facts of the CRDs they are
 *  generated from: kubernetes-sigs/gateway-api v1.6.0, config/crd/experimental/gateway.networking.k8s.io_*.yaml
 *  (each served version's openAPIV3Schema: field names, enums, `default`s, `required`, `maxItems`). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { schemaFor } from '../../server/src/core/analysis/schema/schemas';

const load = (f: string) => JSON.parse(readFileSync(`schemas/${f}`, 'utf8'));
const GROUP = 'gateway.networking.k8s.io';

const ajv = new Ajv({ allErrors: true, strict: false }).addKeyword('x-istio');

function errorsOf(apiVersion: string, kind: string, doc: unknown): string[] {
  const schema = schemaFor(kind, apiVersion);
  assert.ok(schema, `no schema for ${apiVersion} ${kind}`);
  // As the validator does: one schema serves every version that shares it.
  const props = schema.properties as Record<string, unknown>;
  const validate = ajv.compile({ ...schema, $id: undefined, properties: { ...props, apiVersion: { type: 'string' } } });
  validate(doc);
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
}

const route = (spec: unknown) => ({ apiVersion: `${GROUP}/v1`, kind: 'HTTPRoute', metadata: { name: 'r' }, spec });

describe('Gateway API schemas', () => {
  it('has a schema for each kind and served version, the same spec where the CRD serves one schema', () => {
    const served: Record<string, string[]> = {
      GatewayClass: ['v1', 'v1beta1'], Gateway: ['v1', 'v1beta1'], HTTPRoute: ['v1', 'v1beta1'], GRPCRoute: ['v1'],
      TCPRoute: ['v1', 'v1alpha2'], TLSRoute: ['v1', 'v1alpha2', 'v1alpha3'], ReferenceGrant: ['v1', 'v1beta1'],
    };
    for (const [kind, versions] of Object.entries(served)) {
      for (const v of versions) {
        const s = load(`${GROUP}.${v}.${kind}.json`);
        assert.equal(s.properties.apiVersion.const, `${GROUP}/${v}`);
        assert.deepEqual(s.required, ['spec'], `${kind} ${v}: every Gateway API CRD requires spec`);
        assert.equal((schemaFor(kind, `${GROUP}/${v}`) as { properties: { apiVersion: { const: string } } }).properties.apiVersion.const.split('/')[0], GROUP);
      }
    }
    assert.deepEqual(load(`${GROUP}.v1beta1.HTTPRoute.json`).properties.spec, load(`${GROUP}.v1.HTTPRoute.json`).properties.spec);
    // v1alpha2 TLSRoute does not require hostnames and allows 16 rules; v1 requires hostnames and one rule.
    const tlsV1 = load(`${GROUP}.v1.TLSRoute.json`).properties.spec;
    const tlsV1alpha2 = load(`${GROUP}.v1alpha2.TLSRoute.json`).properties.spec;
    assert.deepEqual(tlsV1.required, ['hostnames', 'rules']);
    assert.deepEqual(tlsV1alpha2.required, ['rules']);
    assert.equal(tlsV1.properties.rules.maxItems, 1);
    assert.equal(tlsV1alpha2.properties.rules.maxItems, 16);
  });

  it('keeps a Gateway API Gateway apart from an Istio Gateway', () => {
    const k8s = schemaFor('Gateway', `${GROUP}/v1`) as { properties: { spec: { properties: object } } };
    const istio = schemaFor('Gateway', 'networking.istio.io/v1') as { properties: { spec: { properties: object } } };
    assert.ok('listeners' in k8s.properties.spec.properties && 'gatewayClassName' in k8s.properties.spec.properties);
    assert.ok('servers' in istio.properties.spec.properties && !('listeners' in istio.properties.spec.properties));
    assert.equal(schemaFor('Gateway'), istio);
  });

  it('carries the CRD defaults the translator relies on', () => {
    const spec = load(`${GROUP}.v1.HTTPRoute.json`).properties.spec.properties;
    const rule = spec.rules.items.properties;
    const path = rule.matches.items.properties.path.properties;
    assert.equal(path.type.default, 'PathPrefix');
    assert.equal(path.value.default, '/');
    assert.deepEqual(path.type.enum, ['Exact', 'PathPrefix', 'RegularExpression']);
    const redirect = rule.filters.items.properties.requestRedirect.properties;
    assert.equal(redirect.statusCode.default, 302);
    assert.deepEqual(redirect.statusCode.enum, [301, 302, 303, 307, 308]);
    assert.equal(rule.backendRefs.items.properties.weight.default, 1);
    assert.equal(spec.parentRefs.items.properties.kind.default, 'Gateway');
    assert.equal(spec.parentRefs.items.properties.group.default, GROUP);
    const listener = load(`${GROUP}.v1.Gateway.json`).properties.spec.properties.listeners.items.properties;
    assert.equal(listener.tls.properties.mode.default, 'Terminate');
    assert.equal(listener.allowedRoutes.properties.namespaces.properties.from.default, 'Same');
  });

  it('accepts a valid HTTPRoute and rejects unknown fields, bad enums, wrong types and missing fields', () => {
    assert.deepEqual(errorsOf(`${GROUP}/v1`, 'HTTPRoute', route({
      parentRefs: [{ name: 'gw', sectionName: 'http' }], hostnames: ['shop.example.com'],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x-v', value: '2' }], method: 'GET' }],
        filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }],
        backendRefs: [{ name: 'api', port: 8080, weight: 90 }],
        timeouts: { request: '10s' },
      }],
    })), []);
    const errors = errorsOf(`${GROUP}/v1`, 'HTTPRoute', route({
      parentRefs: [{ nmae: 'gw' }],
      rules: [{ matches: [{ path: { type: 'Prefix', value: '/' } }], backendRefs: [{ name: 'api', port: '80x' }], filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 305 } }] }],
    }));
    assert.ok(errors.includes('/spec/parentRefs/0 additionalProperties {"additionalProperty":"nmae"}'), errors.join('\n'));
    assert.ok(errors.includes('/spec/parentRefs/0 required {"missingProperty":"name"}'), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/spec/rules/0/matches/0/path/type enum')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/spec/rules/0/backendRefs/0/port type')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/spec/rules/0/filters/0/requestRedirect/statusCode enum')), errors.join('\n'));
  });

  it('checks Gateways, GRPCRoutes and ReferenceGrants', () => {
    const gw = { apiVersion: `${GROUP}/v1`, kind: 'Gateway', metadata: { name: 'gw' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostnam: 'a.com' }] } };
    assert.deepEqual(errorsOf(`${GROUP}/v1`, 'Gateway', gw), ['/spec/listeners/0 additionalProperties {"additionalProperty":"hostnam"}']);
    const grpc = { apiVersion: `${GROUP}/v1`, kind: 'GRPCRoute', metadata: { name: 'g' }, spec: { rules: [{ matches: [{ method: { service: 'echo.Echo', type: 'Glob' } }] }] } };
    assert.equal(errorsOf(`${GROUP}/v1`, 'GRPCRoute', grpc).length, 1);
    const grant = { apiVersion: `${GROUP}/v1beta1`, kind: 'ReferenceGrant', metadata: { name: 'g' }, spec: { from: [{ group: GROUP, kind: 'HTTPRoute' }], to: [{ group: '', kind: 'Service' }] } };
    assert.deepEqual(errorsOf(`${GROUP}/v1beta1`, 'ReferenceGrant', grant), ['/spec/from/0 required {"missingProperty":"namespace"}']);
  });
});
