import { isMap } from 'yaml';
import { isGatewayApiKind, lowerGatewayApi } from '../gatewayapi/lower';
import { GATEWAY_API_GROUP, type GatewayApiResource } from '../gatewayapi/types';
import type { Problem, SourceFile, YamlDocument } from '../yaml/parse';
import { arr, obj, type Obj } from './coerce';
import { lowerDestinationRule, type DestinationRule } from './destinationRule';
import { lowerGateway, type Gateway } from './gateway';
import { readMeta, type ResourceMeta } from './resource';
import { lowerService, type Service } from './service';
import { lowerServiceEntry, type ServiceEntry } from './serviceEntry';
import { lowerSidecar, type Sidecar } from './sidecar';
import { lowerVirtualService, type VirtualService } from './virtualService';
import { lowerPod, lowerWorkloadTemplate, WORKLOAD_KINDS, type Workload } from './workload';

export interface NamespaceResource {
  kind: 'Namespace';
  meta: ResourceMeta;
}

export type Resource = VirtualService | DestinationRule | Gateway | ServiceEntry | Sidecar | Service | Workload | NamespaceResource | GatewayApiResource;
export type ResourceKind = Resource['kind'];

export const ISTIO_GROUP = 'networking.istio.io';
export const ISTIO_VERSIONS = ['v1alpha3', 'v1beta1', 'v1'];
const ISTIO_KINDS = new Set(['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar']);

export interface LowerOptions {
  defaultNamespace: string;
}

export interface Lowered {
  resources: Resource[];
  problems: Problem[];
}

/** Is `apiVersion` acceptable for the kind? An absent one is tolerated (the user is still typing). */
function isKnownGroup(kind: string, apiVersion: string): boolean {
  if (!apiVersion) return true;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  if (group === GATEWAY_API_GROUP) return isGatewayApiKind(kind, version);
  if (ISTIO_KINDS.has(kind)) return group === ISTIO_GROUP;
  if (kind === 'Service' || kind === 'Pod' || kind === 'Namespace') return group === '' && version === 'v1';
  return group === 'apps' || group === 'extensions';
}

function lowerObject(raw: Obj, meta: ResourceMeta): Resource | undefined {
  if (meta.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`)) return lowerGatewayApi(meta);
  switch (meta.kind) {
    case 'VirtualService': return lowerVirtualService(meta);
    case 'DestinationRule': return lowerDestinationRule(meta);
    case 'Gateway': return lowerGateway(meta);
    case 'ServiceEntry': return lowerServiceEntry(meta);
    case 'Sidecar': return lowerSidecar(meta);
    case 'Service': return lowerService(meta);
    case 'Pod': return lowerPod(meta);
    case 'Namespace': return { kind: 'Namespace', meta };
    default:
      if ((WORKLOAD_KINDS as readonly string[]).includes(meta.kind)) return lowerWorkloadTemplate(meta, meta.kind as Workload['kind']);
      void raw;
      return undefined;
  }
}

/** Does the value contain itself? `&a [*a]` is valid YAML, and toJS makes it a cyclic object, which
 *  has no JSON form (the API server cannot receive it) and sends every walk over it into a loop
 *  (JSON output, schema checks). Iterative: the data may be thousands of levels deep. */
function isCyclic(root: unknown): boolean {
  const onPath = new Set<object>();
  const stack: { node: object; leaving: boolean }[] = root !== null && typeof root === 'object' ? [{ node: root, leaving: false }] : [];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (leaving) {
      onPath.delete(node);
      continue;
    }
    onPath.add(node);
    stack.push({ node, leaving: true });
    for (const child of Object.values(node)) {
      if (child === null || typeof child !== 'object') continue;
      if (onPath.has(child)) return true;
      stack.push({ node: child, leaving: false });
    }
  }
  return false;
}

function toPlain(doc: YamlDocument, problems: Problem[]): unknown {
  try {
    // maxAliasCount bounds alias expansion (a "billion laughs" document stops here).
    const plain = doc.doc.toJS({ maxAliasCount: 1000 });
    // Only an alias (`*name`) can make a cycle: most documents have no `*` and skip the walk.
    if (doc.text.includes('*') && isCyclic(plain)) throw new Error('an alias refers to the node that contains it (&a … *a inside it), which has no JSON form');
    return plain;
  } catch (e) {
    const r = doc.doc.contents?.range;
    problems.push({
      file: doc.file, span: { start: doc.base + (r?.[0] ?? 0), end: doc.base + (r?.[1] ?? 0) }, severity: 'error', code: 'YAML',
      message: `YAML document could not be read: ${(e as Error).message}`,
    });
    return undefined;
  }
}

/** Turns one YAML document into typed resources (several for a `kind: List`). Never throws. */
export function lowerDocument(doc: YamlDocument, options: LowerOptions): Lowered {
  const problems: Problem[] = [];
  const resources: Resource[] = [];
  if (!isMap(doc.doc.contents)) return { resources, problems };
  const plain = obj(toPlain(doc, problems));
  if (!plain) return { resources, problems };
  const entries: { raw: Obj; prefix: (string | number)[] }[] =
    plain.kind === 'List' ? arr(plain.items).flatMap((it, i) => (obj(it) ? [{ raw: obj(it)!, prefix: ['items', i] }] : [])) : [{ raw: plain, prefix: [] }];
  for (const { raw, prefix } of entries) {
    const meta = readMeta(raw, { document: doc, prefix }, options.defaultNamespace);
    if (!meta.kind || !isKnownGroup(meta.kind, meta.apiVersion)) continue;
    const r = lowerObject(raw, meta);
    if (r) resources.push(r);
  }
  return { resources, problems };
}

export function lowerFile(file: SourceFile, options: LowerOptions): Lowered {
  const out: Lowered = { resources: [], problems: [...file.problems] };
  for (const doc of file.documents) {
    const l = lowerDocument(doc, options);
    out.resources.push(...l.resources);
    out.problems.push(...l.problems);
  }
  return out;
}
