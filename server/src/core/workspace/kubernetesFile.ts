import { isMap } from 'yaml';
import type { FileResult } from './snapshot';

const kubeFiles = new WeakMap<FileResult, boolean>();

/** Does a file hold Kubernetes/Istio resources (a document with `apiVersion` or `kind`)? Other
 *  YAML (CI files, Compose, Helm values) gets no diagnostics or Istio features. */
export function isKubernetesFile(f: FileResult): boolean {
  let v = kubeFiles.get(f);
  if (v === undefined) {
    // A file refused before parsing (too large, binary) is reported, or the user never learns why
    // nothing works in it.
    v = f.resources.length > 0 || f.source.documents.some((d) => isMap(d.doc.contents) && (d.doc.has('kind') || d.doc.has('apiVersion')))
      || f.source.problems.some((p) => p.code === 'FILE_TOO_LARGE' || p.code === 'BINARY' || p.code === 'TOO_MANY_NODES');
    kubeFiles.set(f, v);
  }
  return v;
}
