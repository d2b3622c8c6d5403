/** Which namespaces and workloads run in Istio's ambient mode (no sidecar), as istioctl decides it
 *  (istio/istio pkg/config/analysis/analyzers/util/in_mesh.go NamespaceInAmbientMode, PodInAmbientMode). */
import { obj, strMap } from '../../../model/coerce';
import type { Workload } from '../../../model/workload';
import type { Snapshot } from '../../../workspace/snapshot';

const DATAPLANE_MODE = 'istio.io/dataplane-mode';
/** Set on a pod by the ambient CNI once its traffic is redirected to ztunnel. */
const REDIRECTION = 'ambient.istio.io/redirection';
const INJECT = 'sidecar.istio.io/inject';

/** A Namespace object labelled `istio.io/dataplane-mode: ambient`, unless it also asks for sidecar
 *  injection (`istio-injection: enabled` or a non-empty `istio.io/rev`): then its pods get sidecars.
 *  A namespace the workspace holds no Namespace object for is not ambient. */
export function namespaceInAmbientMode(snap: Snapshot, namespace: string): boolean {
  const ns = snap.namespaces.find((n) => n.meta.name === namespace);
  if (!ns) return false;
  const labels = ns.meta.labels;
  if (labels['istio-injection'] === 'enabled' || labels['istio.io/rev']) return false;
  return labels[DATAPLANE_MODE] === 'ambient';
}

/** A Pod whose annotation says ztunnel captures it (istioctl's rule). A pod template has no such
 *  annotation before it runs: it is ambient when its namespace is, unless it opts out
 *  (`istio.io/dataplane-mode: none`) or asks for a sidecar (`sidecar.istio.io/inject: "true"`), as the
 *  CNI and the injector decide for its pods. */
export function workloadInAmbientMode(snap: Snapshot, w: Workload): boolean {
  if (!w.fromTemplate) return w.meta.annotations[REDIRECTION] === 'enabled';
  const annotations = strMap(obj(obj(obj(w.meta.raw.spec)?.template)?.metadata)?.annotations);
  if (w.labels[DATAPLANE_MODE] === 'none' || w.labels[INJECT] === 'true' || annotations[INJECT] === 'true') return false;
  return namespaceInAmbientMode(snap, w.namespace);
}
