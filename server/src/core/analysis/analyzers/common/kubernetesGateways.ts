/** Kubernetes Gateway API Gateways (gateway.networking.k8s.io) in the workspace: the model does not
 *  lower them, but a VirtualService may bind to one (istioctl virtualservice/gateways.go accepts them). */
import { arr, obj, str } from '../../../model/coerce';
import type { Snapshot } from '../../../workspace/snapshot';

export interface KubernetesGateway {
  /** `namespace/name`. */
  name: string;
  /** Listener hostnames; undefined when a listener has none (it accepts every host). */
  hostnames?: string[];
}

const cache = new WeakMap<Snapshot, Map<string, KubernetesGateway>>();

export function kubernetesGateways(snap: Snapshot): Map<string, KubernetesGateway> {
  const hit = cache.get(snap);
  if (hit) return hit;
  const out = new Map<string, KubernetesGateway>();
  for (const f of snap.files.values()) {
    for (const d of f.source.documents) {
      if (d.isTemplate || d.doc.get('kind') !== 'Gateway' || !String(d.doc.get('apiVersion') ?? '').startsWith('gateway.networking.k8s.io/')) continue;
      let raw: Record<string, unknown> | undefined;
      try {
        raw = obj(d.doc.toJS({ maxAliasCount: 100 }));
      } catch {
        continue;
      }
      const md = obj(raw?.metadata) ?? {};
      const name = `${str(md.namespace) || snap.options.defaultNamespace}/${str(md.name) ?? ''}`;
      const listeners = arr(obj(raw?.spec)?.listeners).map(obj);
      const all = listeners.length === 0 || listeners.some((l) => !str(l?.hostname));
      out.set(name, { name, hostnames: all ? undefined : listeners.map((l) => str(l?.hostname) ?? '') });
    }
  }
  cache.set(snap, out);
  return out;
}
