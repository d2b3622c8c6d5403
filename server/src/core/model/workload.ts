import { arr, num, obj, str, strMap, type Obj } from './coerce';
import type { ResourceMeta } from './resource';


/** A Pod, or the pod template of a workload controller standing for its pods. */
export interface Workload {
  /** A workload kind of the registry (model/kinds.ts). */
  kind: 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'Rollout';
  meta: ResourceMeta;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ip?: string;
  ready: boolean;
  /** Why the pod is not ready, when it is not. */
  notReadyReason?: string;
  containerPorts: { name?: string; containerPort: number }[];
  /** True for a controller's pod template (`spec.template`) rather than a Pod. */
  fromTemplate: boolean;
  /** Path of the pod spec inside the resource (for spans). */
  podSpecPath: string[];
}

function containerPorts(podSpec: Obj): Workload['containerPorts'] {
  return arr(podSpec.containers).flatMap((c) =>
    arr(obj(c)?.ports).flatMap((p) => {
      const o = obj(p) ?? {};
      const n = num(o.containerPort);
      return n === undefined ? [] : [{ name: str(o.name), containerPort: n }];
    }),
  );
}

/** Pods without a status count as ready: the files are the cluster as intended. */
function readiness(raw: Obj): { ready: boolean; reason?: string } {
  const status = obj(raw.status);
  if (!status) return { ready: true };
  const phase = str(status.phase);
  if (phase && phase !== 'Running') return { ready: false, reason: `phase ${phase}` };
  const ready = arr(status.conditions).map(obj).find((c) => str(c?.type) === 'Ready');
  if (ready && str(ready.status) !== 'True') return { ready: false, reason: 'condition Ready is not True' };
  return { ready: true };
}

export function lowerPod(meta: ResourceMeta): Workload {
  const spec = obj(meta.raw.spec) ?? {};
  const r = readiness(meta.raw);
  return {
    kind: 'Pod', meta, name: meta.name, namespace: meta.namespace, labels: meta.labels,
    ip: str(obj(meta.raw.status)?.podIP), ready: r.ready, notReadyReason: r.reason,
    containerPorts: containerPorts(spec), fromTemplate: false, podSpecPath: ['spec'],
  };
}

export function lowerWorkloadTemplate(meta: ResourceMeta, kind: Workload['kind']): Workload {
  const template = obj(obj(meta.raw.spec)?.template) ?? {};
  const replicas = num(obj(meta.raw.spec)?.replicas);
  return {
    kind, meta, name: meta.name, namespace: meta.namespace,
    labels: strMap(obj(template.metadata)?.labels),
    ready: replicas !== 0, notReadyReason: replicas === 0 ? 'replicas: 0' : undefined,
    containerPorts: containerPorts(obj(template.spec) ?? {}), fromTemplate: true,
    podSpecPath: ['spec', 'template', 'spec'],
  };
}
