// Writes schemas/*.json: one JSON Schema per kind and API version. Run: node scripts/schemas/generate.mjs
// The schemas feed validation (ajv, server/src/core/analysis/schema) and the editor's completion and hover.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDefs } from './common.mjs';
import { gatewayApiKinds } from './gatewayapi.mjs';
import { destinationRule, gateway, serviceEntry, sidecar, virtualService } from './istio.mjs';
import { objectMeta, pod, service, workloadSpec } from './kubernetes.mjs';
import { obj, str } from './dsl.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');
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

const files = {};
const istio = { VirtualService: virtualService, DestinationRule: destinationRule, Gateway: gateway, ServiceEntry: serviceEntry, Sidecar: sidecar };
for (const version of ['v1alpha3', 'v1beta1', 'v1']) {
  for (const [kind, spec] of Object.entries(istio)) {
    files[`networking.istio.io.${version}.${kind}.json`] = envelope(kind, `networking.istio.io/${version}`, spec, { defs: sharedDefs, specRequired: kind === 'ServiceEntry' });
  }
}
files['v1.Service.json'] = envelope('Service', 'v1', service);
files['v1.Pod.json'] = envelope('Pod', 'v1', pod);
for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']) files[`apps.v1.${kind}.json`] = envelope(kind, 'apps/v1', workloadSpec);
// Every Gateway API kind requires `spec` (its CRD's openAPIV3Schema.required).
for (const { kind, versions, spec } of gatewayApiKinds) {
  for (const version of versions) files[`gateway.networking.k8s.io.${version}.${kind}.json`] = envelope(kind, `gateway.networking.k8s.io/${version}`, spec, { specRequired: true });
}

for (const [name, schema] of Object.entries(files)) writeFileSync(join(out, name), JSON.stringify(schema, null, 1) + '\n');
// An index the validator imports: one module, every schema.
const index = Object.fromEntries(Object.entries(files).map(([n, s]) => [s.properties.apiVersion.const + ' ' + s.properties.kind.const, n]));
writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 1) + '\n');
console.log(`wrote ${Object.keys(files).length} schemas to ${out}`);
void str;
