/** The mesh configuration of a workspace: the files' `istio` ConfigMap or IstioOperator, a mesh config
 *  file and flags, layered as meshConfig.ts describes, over Istio's defaults. */
import { parseDocument, type Document } from 'yaml';
import { obj, str, type Obj } from '../model/coerce';
import { locate } from '../yaml/locate';
import type { YamlDocument } from '../yaml/parse';
import { toPlainValue } from '../yaml/plain';
import { readMeshConfigFile, readMeshObject, type MeshConfig, type MeshConfigInput, type MeshLayer, type MeshValues, type OutboundTrafficPolicy } from './meshConfig';

interface Found {
  kind: 'ConfigMap' | 'IstioOperator';
  namespace?: string;
  name: string;
  read(doc: YamlDocument): MeshLayer;
}

/** Per parsed document (parsing is cached per document text): after an edit only new documents are read. */
const byDocument = new WeakMap<Document.Parsed, Found | null>();

function plainOf(doc: Document.Parsed): Obj | undefined {
  const plain = toPlainValue(doc);
  return 'value' in plain ? obj(plain.value) : undefined;
}

function find(d: YamlDocument): Found | null {
  const kind = d.doc.get('kind');
  if (kind !== 'ConfigMap' && kind !== 'IstioOperator') return null;
  const raw = plainOf(d.doc);
  const md = obj(raw?.metadata) ?? {};
  const meta = { namespace: str(md.namespace) || undefined, name: str(md.name) ?? '' };
  if (kind === 'IstioOperator') {
    const mesh = obj(obj(raw?.spec)?.meshConfig);
    if (!mesh) return null;
    return { kind, ...meta, read: (doc) => readMeshObject(mesh, `IstioOperator ${meta.name} spec.meshConfig`, (p) => ({ file: doc.file, span: locate(doc, ['spec', 'meshConfig', ...p]) })) };
  }
  const text = str(obj(raw?.data)?.mesh);
  if (text === undefined || meta.name !== 'istio') return null;
  return {
    kind, ...meta,
    read: (doc) => {
      const inner = parseDocument(text);
      const mesh = inner.errors.length ? undefined : plainOf(inner as Document.Parsed);
      // The settings sit inside a string: point at the `mesh` value as a whole.
      const span = locate(doc, ['data', 'mesh']);
      return mesh ? readMeshObject(mesh, `ConfigMap ${meta.namespace ?? ''}/istio (mesh)`, () => ({ file: doc.file, span })) : {};
    },
  };
}

function foundIn(d: YamlDocument): Found | null {
  let f = byDocument.get(d.doc);
  if (f === undefined) byDocument.set(d.doc, (f = find(d)));
  return f;
}

/** The mesh config the files give: the `istio` ConfigMap of `istioNamespace`, else an IstioOperator. */
export function workspaceMeshLayer(documents: Iterable<YamlDocument>, istioNamespace: string, defaultNamespace: string): MeshLayer {
  let operator: { f: Found; d: YamlDocument } | undefined;
  for (const d of documents) {
    const f = foundIn(d);
    if (!f) continue;
    if (f.kind === 'ConfigMap' && (f.namespace ?? defaultNamespace) === istioNamespace) return f.read(d);
    if (f.kind === 'IstioOperator' && !operator) operator = { f, d };
  }
  return operator ? operator.f.read(operator.d) : {};
}

export interface MeshDefaults {
  rootNamespace: string;
  outboundTrafficPolicy: OutboundTrafficPolicy;
}

/** Istio's defaults (pkg/config/mesh/mesh.go DefaultMeshConfig), or the workspace options' values. */
function defaults(d: MeshDefaults): MeshConfig {
  const origin = { label: "Istio's default" };
  return {
    outboundTrafficPolicy: { value: d.outboundTrafficPolicy, origin: d.outboundTrafficPolicy === 'ALLOW_ANY' ? origin : { label: 'the workspace options' } },
    rootNamespace: { value: d.rootNamespace, origin: d.rootNamespace === 'istio-system' ? origin : { label: 'the workspace options' } },
    proxyMetadata: { value: {}, origin },
    pathNormalization: { value: 'BASE', origin },
  };
}

/** Defaults, then the files, then the mesh config file, then flags: the later wins, setting by setting. */
export function resolveMeshConfig(documents: Iterable<YamlDocument>, d: MeshDefaults & { defaultNamespace: string }, input: MeshConfigInput = {}): MeshConfig {
  const out = defaults(d);
  const layers: MeshLayer[] = [workspaceMeshLayer(documents, d.rootNamespace, d.defaultNamespace)];
  if (input.file) layers.push(readMeshConfigFile(input.file.path, input.file.text).layer);
  const flags: MeshLayer = {};
  for (const [k, v] of Object.entries(input.overrides ?? {}) as [keyof MeshValues, never][]) {
    if (v !== undefined) (flags as Record<string, unknown>)[k] = { value: v, origin: { label: input.overridesFrom?.[k] ?? 'a command-line flag' } };
  }
  layers.push(flags);
  for (const layer of layers) Object.assign(out, layer);
  return out;
}
