import { arr, num, obj, type Obj } from '../model/coerce';

/** The traffic policy of cluster (port, subset), merged as Istio does
 *  (pilot/pkg/networking/util/util.go GetPortLevelTrafficPolicy, MergeSubsetTrafficPolicy):
 *  a matching portLevelSettings entry replaces the top level wholesale (omitted fields fall back to
 *  defaults, not to the top level), then the subset's policy overrides field by field. */
const FIELDS = ['connectionPool', 'loadBalancer', 'outlierDetection', 'tls'] as const;

function portLevel(policy: Obj | undefined, port: number): { policy: Obj | undefined; hasPortLevel: boolean } {
  if (!policy) return { policy: undefined, hasPortLevel: false };
  const pls = arr(policy.portLevelSettings).map(obj).find((p) => num(obj(p?.port)?.number) === port);
  if (!pls) return { policy, hasPortLevel: false };
  const out: Obj = {};
  for (const f of FIELDS) if (pls[f] !== undefined) out[f] = pls[f];
  return { policy: out, hasPortLevel: true };
}

function shallow(policy: Obj): Obj {
  const out: Obj = {};
  for (const f of [...FIELDS, 'tunnel', 'proxyProtocol']) if (policy[f] !== undefined) out[f] = policy[f];
  return out;
}

export function effectiveTrafficPolicy(top: Obj | undefined, subset: Obj | undefined, port: number): Obj | null {
  const original = portLevel(top, port).policy;
  let merged: Obj | undefined;
  if (!subset) merged = original ? shallow(original) : undefined;
  else {
    const sub = portLevel(subset, port);
    if (!original) merged = sub.policy ? shallow(sub.policy) : undefined;
    else {
      merged = shallow(original);
      const sp = sub.policy ?? {};
      for (const f of FIELDS) {
        if (sp[f] !== undefined || sub.hasPortLevel) {
          if (sp[f] === undefined) delete merged[f];
          else merged[f] = sp[f];
        }
      }
      if (sp.tunnel !== undefined) merged.tunnel = sp.tunnel;
      if (sp.proxyProtocol !== undefined) merged.proxyProtocol = sp.proxyProtocol;
    }
  }
  return merged && Object.keys(merged).length ? merged : null;
}

export type LoadBalancer = 'LEAST_REQUEST' | 'ROUND_ROBIN' | 'RANDOM' | 'PASSTHROUGH' | 'CONSISTENT_HASH';

/** cluster_traffic_policy.go: unset, LEAST_REQUEST and LEAST_CONN are all LEAST_REQUEST (Istio's default). */
export function loadBalancerOf(policy: Obj | null): LoadBalancer {
  const lb = obj(policy?.loadBalancer);
  if (!lb) return 'LEAST_REQUEST';
  if (obj(lb.consistentHash)) return 'CONSISTENT_HASH';
  switch (lb.simple) {
    case 'ROUND_ROBIN': return 'ROUND_ROBIN';
    case 'RANDOM': return 'RANDOM';
    case 'PASSTHROUGH': return 'PASSTHROUGH';
    default: return 'LEAST_REQUEST';
  }
}
