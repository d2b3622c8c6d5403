// Writes schemas/*.json: one JSON Schema per kind and API version. Run: node scripts/schemas/generate.mjs
// The schemas feed validation (ajv, server/src/core/analysis/schema) and the editor's completion and hover.
// Which kinds, groups and versions: the registry of kinds (server/src/core/model/kinds.ts), each entry
// naming its schema builder (`schemaSpec`, an export of istio.mjs or kubernetes.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDefs } from './common.mjs';
import { tsImport } from 'tsx/esm/api';
import { gatewayApiKinds } from './gatewayapi.mjs';
import * as istioSpecs from './istio.mjs';
import * as kubernetesSpecs from './kubernetes.mjs';
import { objectMeta } from './kubernetes.mjs';
import { obj, str } from './dsl.mjs';

// An argument writes elsewhere (test/repository/schemas.test.ts compares a fresh run with schemas/).
const out = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');
mkdirSync(out, { recursive: true });

function envelope(kind, apiVersion, spec, { defs = {}, specRequired = false } = {}) {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://istio-lens.dev/schemas/${apiVersion.replace('/', '.')}.${kind}.json`,
    title: `${kind} (${apiVersion})`,
    ...obj(`${kind} ${apiVersion}`, {
      apiVersion: { type: 'string', const: apiVersion, description: 'The API group and version.' },
      kind: { type: 'string', const: kind, description: 'The resource kind.' },
      metadata: objectMeta,
      spec,
      status: { type: 'object', description: 'Written by the cluster; ignored here.' },
    }, specRequired ? { required: ['spec'] } : {}),
    ...(Object.keys(defs).length ? { $defs: defs } : {}),
  };
}

const { RESOURCE_KINDS } = await tsImport('../../server/src/core/model/kinds.ts', import.meta.url);
/** How each builder's schema is wrapped: the Istio kinds share definitions; a ServiceEntry needs a spec. */
const options = { serviceEntry: { specRequired: true } };
const specs = { ...istioSpecs, ...kubernetesSpecs };

const files = {};
for (const d of RESOURCE_KINDS) {
  if (d.schemaSpec === 'gatewayApi') {
    // Every Gateway API kind requires `spec` (its CRD's openAPIV3Schema.required); some versions differ.
    for (const { versions, spec } of gatewayApiKinds.filter((k) => k.kind === d.kind)) {
      for (const version of versions) files[`${d.group}.${version}.${d.kind}.json`] = envelope(d.kind, `${d.group}/${version}`, spec, { specRequired: true });
    }
    continue;
  }
  if (!d.schemaSpec) continue;
  const spec = specs[d.schemaSpec];
  if (!spec) throw new Error(`${d.kind}: no schema builder "${d.schemaSpec}" in scripts/schemas`);
  for (const version of d.versions) {
    const apiVersion = d.group ? `${d.group}/${version}` : version;
    const defs = d.schemaSpec in istioSpecs ? sharedDefs : {};
    files[`${d.group ? `${d.group}.` : ''}${version}.${d.kind}.json`] = envelope(d.kind, apiVersion, spec, { defs, ...options[d.schemaSpec] });
  }
}
for (const [name, schema] of Object.entries(files)) writeFileSync(join(out, name), JSON.stringify(schema, null, 1) + '\n');
// An index the validator imports: one module, every schema.
const index = Object.fromEntries(Object.entries(files).map(([n, s]) => [s.properties.apiVersion.const + ' ' + s.properties.kind.const, n]));
writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 1) + '\n');
console.log(`wrote ${Object.keys(files).length} schemas to ${out}`);
void str;
