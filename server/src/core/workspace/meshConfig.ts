/** The mesh configuration (MeshConfig) the engine and analyzers follow, read the way istiod and
 *  istioctl analyze read it (docs/workspace.md "Mesh configuration"):
 *  - the `mesh` key of the `istio` ConfigMap in the root namespace (istio/istio
 *    pkg/config/analysis/local/istiod_analyze.go addRunningKubeIstioConfigMapSource; istiod reads the
 *    same ConfigMap), else an IstioOperator's `spec.meshConfig` (the operator renders it into that
 *    ConfigMap);
 *  - over them, a mesh config file in the format of `istioctl analyze --meshConfigFile` (plain
 *    MeshConfig YAML, istiod_analyze.go AddFileKubeMeshConfig → pkg/config/mesh/mesh.go
 *    ApplyMeshConfigDefaults);
 *  - over everything, values given by command-line flags.
 *  Each setting keeps where it came from, for the trace. Never throws. */
import { parseDocument } from 'yaml';
import { obj, str, strMap, type Obj } from '../model/coerce';
import type { Span } from '../text/span';
import { locate, type Path } from '../yaml/locate';
import type { Problem, YamlDocument } from '../yaml/parse';
import { toPlainValue } from '../yaml/plain';

export type PathNormalization = 'NONE' | 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES';
export type OutboundTrafficPolicy = 'ALLOW_ANY' | 'REGISTRY_ONLY';

export interface MeshValues {
  outboundTrafficPolicy: OutboundTrafficPolicy;
  rootNamespace: string;
  /** `defaultConfig.proxyMetadata`: environment of every proxy (ISTIO_META_DNS_CAPTURE …). */
  proxyMetadata: Record<string, string>;
  pathNormalization: PathNormalization;
}

/** Where a setting came from: `label` names it for people ("ConfigMap istio-system/istio (mesh)",
 *  "--mesh-config mesh.yaml", "--outbound-traffic-policy", "Istio's default"). */
export interface MeshOrigin {
  label: string;
  file?: string;
  span?: Span;
}

export interface MeshSetting<T> {
  value: T;
  origin: MeshOrigin;
}

export type MeshConfig = { [K in keyof MeshValues]: MeshSetting<MeshValues[K]> };

/** Mesh settings given outside the workspace's files. */
export interface MeshConfigInput {
  /** A mesh config file (`--mesh-config FILE`, the `istioLens.meshConfig` setting): its name and text. */
  file?: { path: string; text: string };
  /** Values given by flags: they win over every file. `overridesFrom` names each flag. */
  overrides?: Partial<MeshValues>;
  overridesFrom?: Partial<Record<keyof MeshValues, string>>;
}

/** One source's settings, each with its place. */
export type MeshLayer = Partial<{ [K in keyof MeshValues]: MeshSetting<MeshValues[K]> }>;

const NORMALIZATIONS: readonly string[] = ['NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES', 'DEFAULT'];

/** The settings a MeshConfig object gives. `at(path)` places a field; `label` names the source. */
export function readMeshObject(mesh: Obj, label: string, at: (path: Path) => { file?: string; span?: Span }, problems: Problem[] = []): MeshLayer {
  const out: MeshLayer = {};
  const origin = (path: Path): MeshOrigin => ({ label, ...at(path) });
  const mode = str(obj(mesh.outboundTrafficPolicy)?.mode);
  if (mode === 'ALLOW_ANY' || mode === 'REGISTRY_ONLY') out.outboundTrafficPolicy = { value: mode, origin: origin(['outboundTrafficPolicy', 'mode']) };
  else if (mode !== undefined) problem(problems, at(['outboundTrafficPolicy', 'mode']), `${label}: outboundTrafficPolicy.mode must be ALLOW_ANY or REGISTRY_ONLY, not "${mode}"`);
  const root = str(mesh.rootNamespace);
  if (root) out.rootNamespace = { value: root, origin: origin(['rootNamespace']) };
  const metadata = obj(obj(mesh.defaultConfig)?.proxyMetadata);
  if (metadata) out.proxyMetadata = { value: strMap(metadata), origin: origin(['defaultConfig', 'proxyMetadata']) };
  const norm = str(obj(mesh.pathNormalization)?.normalization);
  if (norm !== undefined && NORMALIZATIONS.includes(norm)) {
    // DEFAULT is BASE (pilot/pkg/networking/core/listener_builder.go buildHTTPConnectionManager).
    out.pathNormalization = { value: norm === 'DEFAULT' ? 'BASE' : (norm as PathNormalization), origin: origin(['pathNormalization', 'normalization']) };
  } else if (norm !== undefined) problem(problems, at(['pathNormalization', 'normalization']), `${label}: pathNormalization.normalization must be one of ${NORMALIZATIONS.join(', ')}, not "${norm}"`);
  return out;
}

function problem(problems: Problem[], where: { file?: string; span?: Span }, message: string): void {
  problems.push({ file: where.file ?? '', span: where.span ?? { start: 0, end: 0 }, severity: 'error', code: 'MESH', message });
}

/** A mesh config file (MeshConfig YAML, as istioctl analyze --meshConfigFile reads it). */
export function readMeshConfigFile(path: string, text: string): { layer: MeshLayer; problems: Problem[] } {
  const problems: Problem[] = [];
  const doc = parseDocument(text, { prettyErrors: false });
  for (const e of doc.errors) problems.push({ file: path, span: { start: e.pos[0], end: e.pos[1] }, severity: 'error', code: 'MESH', message: `${path}: ${e.message.split('\n')[0]}` });
  if (doc.errors.length) return { layer: {}, problems };
  const converted = toPlainValue(doc);
  if ('problem' in converted) problems.push({ file: path, span: { start: 0, end: 0 }, severity: 'error', code: 'MESH', message: `${path}: ${converted.problem}` });
  const plain = 'value' in converted ? obj(converted.value) : undefined;
  if (!plain) {
    if (!problems.length && text.trim()) problems.push({ file: path, span: { start: 0, end: 0 }, severity: 'error', code: 'MESH', message: `${path}: a mesh config file is a YAML map of MeshConfig fields (outboundTrafficPolicy, rootNamespace, defaultConfig, pathNormalization …)` });
    return { layer: {}, problems };
  }
  const fake: YamlDocument = { file: path, index: 0, base: 0, text, doc: doc as YamlDocument['doc'], isTemplate: false };
  return { layer: readMeshObject(plain, `mesh config file ${path}`, (p) => ({ file: path, span: locate(fake, p) }), problems), problems };
}
