/** A resource (kind, namespace, name) defined more than once in the workspace: each copy is reported,
 *  naming the files of the others and the copy the engine uses (workspace/copies.ts). Our check:
 *  Kubernetes keeps one object per identity, and `istioctl analyze` silently keeps the last one it
 *  reads (istio/istio pilot/pkg/config/file/store.go KubeSource.ApplyContent updates the stored config). */
import { chooseCopy, describeCopy, duplicatedResources } from '../../../workspace/copies';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';

export const duplicateResources: Analyzer = {
  name: 'file.duplicateResources',
  reads: ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'Service', 'Pod', 'Deployment'],
  // A report names the copies of one identity, their files and document numbers.
  scope: 'identity',
  run(ctx) {
    for (const copies of duplicatedResources(ctx.resources()).values()) {
      if (copies[0].kind === 'Namespace') continue; // the same Namespace manifest in every folder changes nothing
      const { chosen } = chooseCopy(copies);
      const used = describeCopy(chosen, copies);
      for (const r of copies) {
        const others = copies.filter((c) => c !== r);
        const m = r.meta;
        const which = r === chosen
          ? 'simulations use this copy (the last in path order) unless started from another copy\'s file'
          : `simulations use the copy in ${used} (the last in path order) unless started from this file`;
        const text = `${m.kind} ${m.namespace}/${m.name} is also defined in ${others.map((o) => describeCopy(o, copies)).join(', ')}: the cluster keeps one object; ${which}`;
        ctx.report(message(T.duplicateResource, text), m, ['metadata', 'name'], {
          related: others.map((o) => ctx.related(o.meta, ['metadata', 'name'], `another copy of ${m.kind} ${m.namespace}/${m.name}`)),
        });
      }
    }
  },
};
