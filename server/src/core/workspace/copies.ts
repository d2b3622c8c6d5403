/** One resource, several files. Kubernetes keeps one object per kind, namespace and name; a workspace
 *  often holds several copies (kustomize bases and overlays, a folder per environment, examples). The
 *  engine uses one copy of each, chosen by a rule that does not depend on the order files were opened
 *  (docs/workspace.md "Resources defined more than once"):
 *  - a simulation started from a file uses that file's copy (its last one, if the file has several);
 *  - otherwise the copy that `kubectl apply -R -f` or `istioctl analyze -R` over the folder would keep:
 *    files are read in lexical path order (Go's filepath.Walk, used by k8s.io/cli-runtime
 *    pkg/resource/visitor.go ExpandPathsToFileVisitors), the documents of a file in order, and a later
 *    object replaces an earlier one of the same kind/namespace/name (istio/istio
 *    pilot/pkg/config/file/store.go KubeSource.ApplyContent updates the stored config). The last wins. */
import type { Resource } from '../model/lower';
import type { ResourceMeta } from '../model/resource';

/** The API group is part of the identity: an Istio Gateway (networking.istio.io) and a Gateway API
 *  Gateway (gateway.networking.k8s.io) of one name are two objects. */
export function identityOf(meta: ResourceMeta): string {
  const slash = meta.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : meta.apiVersion.slice(0, slash);
  return `${group}/${meta.kind}/${meta.namespace}/${meta.name}`;
}

/** Paths compared segment by segment, as a directory walk in lexical order visits them
 *  (`a/z.yaml` before `a-b/c.yaml`, although '-' sorts before '/'). */
export function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** Apply order: path order, then the document's position in its file, then its place in a List. */
export function compareApplyOrder(a: ResourceMeta, b: ResourceMeta): number {
  return comparePaths(a.file, b.file) || a.origin.document.index - b.origin.document.index || itemIndex(a) - itemIndex(b);
}

function itemIndex(m: ResourceMeta): number {
  const i = m.origin.prefix[1];
  return typeof i === 'number' ? i : -1;
}

/** Every identity defined more than once, with its copies in apply order (the last is kept by default). */
export function duplicatedResources(resources: readonly Resource[]): Map<string, Resource[]> {
  const byId = new Map<string, Resource[]>();
  for (const r of resources) {
    if (!r.meta.name) continue;
    const id = identityOf(r.meta);
    const list = byId.get(id);
    if (list) list.push(r);
    else byId.set(id, [r]);
  }
  const out = new Map<string, Resource[]>();
  for (const [id, list] of byId) if (list.length > 1) out.set(id, list.sort((a, b) => compareApplyOrder(a.meta, b.meta)));
  return out;
}

export interface CopyChoice {
  chosen: Resource;
  /** Why this copy: the simulation started in its file, or it is the last in apply order. */
  reason: 'preferred file' | 'last in path order';
  copies: Resource[];
}

/** The copy the engine uses among `copies` (in apply order). */
export function chooseCopy(copies: Resource[], preferFile?: string): CopyChoice {
  if (preferFile !== undefined) {
    const own = copies.filter((c) => c.meta.file === preferFile);
    if (own.length) return { chosen: own[own.length - 1], reason: 'preferred file', copies };
  }
  return { chosen: copies[copies.length - 1], reason: 'last in path order', copies };
}

/** Where a copy is, for messages: its file, and its line-independent document number when a file has several copies. */
export function describeCopy(r: Resource, copies: readonly Resource[]): string {
  const sameFile = copies.filter((c) => c.meta.file === r.meta.file);
  return sameFile.length > 1 ? `${r.meta.file} (document ${r.meta.origin.document.index + 1})` : r.meta.file;
}
