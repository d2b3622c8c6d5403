/** Whether a Deployment's pods get a sidecar, as istioctl decides it from the files (istio/istio
 *  pkg/config/analysis/analyzers/util/in_mesh.go DeploymentInMesh, inMesh): an `istio-proxy` container
 *  with an image in the pod template; else the template's `sidecar.istio.io/inject` label, then its
 *  annotation; else its Namespace object's `istio-injection: enabled`. Without any of these (no
 *  Namespace object either) the Deployment counts as outside the mesh. */
import { arr, obj, str, strMap } from '../../../model/coerce';
import type { Workload } from '../../../model/workload';
import type { Snapshot } from '../../../workspace/snapshot';

const INJECT = 'sidecar.istio.io/inject';

export function deploymentInMesh(snap: Snapshot, w: Workload): boolean {
  const template = obj(obj(w.meta.raw.spec)?.template) ?? {};
  const proxy = arr(obj(template.spec)?.containers).map(obj).find((c) => str(c?.name) === 'istio-proxy');
  if (proxy && str(proxy.image)) return true;
  const labels = strMap(obj(template.metadata)?.labels);
  if (INJECT in labels) return labels[INJECT] === 'true';
  const annotations = strMap(obj(template.metadata)?.annotations);
  if (INJECT in annotations) return annotations[INJECT] === 'true';
  const ns = snap.namespaces.find((n) => n.meta.name === w.namespace);
  return ns?.meta.labels['istio-injection'] === 'enabled';
}
