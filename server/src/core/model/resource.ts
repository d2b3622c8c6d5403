import type { Span } from '../text/span';
import { locate, locateKey, type Path } from '../yaml/locate';
import type { YamlDocument } from '../yaml/parse';
import { obj, str, strMap, type Obj } from './coerce';

/** Where a resource came from: its document and the path of the resource inside it (`items[i]` of a List). */
export interface Origin {
  document: YamlDocument;
  prefix: Path;
}

export interface ResourceMeta {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  /** True when the YAML gave no namespace and the default was used. */
  namespaceDefaulted: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp?: string;
  file: string;
  origin: Origin;
  /** The raw object, as far as it parsed. */
  raw: Obj;
}

export function readMeta(raw: Obj, origin: Origin, defaultNamespace: string): ResourceMeta {
  const md = obj(raw.metadata) ?? {};
  const ns = str(md.namespace);
  return {
    apiVersion: str(raw.apiVersion) ?? '',
    kind: str(raw.kind) ?? '',
    name: str(md.name) ?? '',
    namespace: ns || defaultNamespace,
    namespaceDefaulted: !ns,
    labels: strMap(md.labels),
    annotations: strMap(md.annotations),
    creationTimestamp: str(md.creationTimestamp),
    file: origin.document.file,
    origin,
    raw,
  };
}

/** The span of a field of the resource, by its path from the resource's root. */
export function spanAt(meta: ResourceMeta, path: Path): Span {
  return locate(meta.origin.document, [...meta.origin.prefix, ...path]);
}

export function keySpanAt(meta: ResourceMeta, path: Path): Span {
  return locateKey(meta.origin.document, [...meta.origin.prefix, ...path]);
}
