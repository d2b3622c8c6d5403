/** Files exported from a cluster (`kubectl get -o yaml`) carry the status Istio wrote: a negative
 *  condition there says the resource does not work as written. Reported for the kinds and condition
 *  types istioctl checks: Kubernetes Gateways (`status.conditions`), HTTPRoutes and GRPCRoutes (each
 *  `status.parents[].conditions`) with Accepted, Programmed or ResolvedRefs False; Services,
 *  ServiceEntries and WorkloadEntries with istio.io/WaypointBound False; AuthorizationPolicies with
 *  ZtunnelAccepted or WaypointAccepted False, or WaypointAccepted with reason PartiallyInvalid.
 *  Mirrors istioctl analyze conditions/conditions.go ConditionAnalyzer (IST0171 NegativeConditionStatus:
 *  negativeConditionsToReport, extractConditions); listener conditions are not read, as there. */
import { arr, obj, str } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from './istioReport';

const GATEWAY_API = ['Accepted', 'Programmed', 'ResolvedRefs'];
const WAYPOINT_BOUND = ['istio.io/WaypointBound'];

const NEGATIVE: { kind: 'KubernetesGateway' | 'HTTPRoute' | 'GRPCRoute' | 'Service' | 'ServiceEntry' | 'WorkloadEntry' | 'AuthorizationPolicy'; types: string[]; parents?: true }[] = [
  { kind: 'KubernetesGateway', types: GATEWAY_API },
  { kind: 'HTTPRoute', types: GATEWAY_API, parents: true },
  { kind: 'GRPCRoute', types: GATEWAY_API, parents: true },
  { kind: 'Service', types: WAYPOINT_BOUND },
  { kind: 'ServiceEntry', types: WAYPOINT_BOUND },
  { kind: 'WorkloadEntry', types: WAYPOINT_BOUND },
  { kind: 'AuthorizationPolicy', types: ['ZtunnelAccepted', 'WaypointAccepted'] },
];

/** `False`, also when the YAML left it unquoted (a boolean). */
function isFalse(v: unknown): boolean {
  return v === false || str(v) === 'False';
}

function check(ctx: AnalysisContext, meta: ResourceMeta, types: string[], conditions: unknown, path: (string | number)[], parent?: string): void {
  arr(conditions).forEach((raw, i) => {
    const c = obj(raw);
    const type = str(c?.type);
    if (!c || !type) return;
    const negative = types.includes(type) && isFalse(c.status);
    const partial = meta.kind === 'AuthorizationPolicy' && type === 'WaypointAccepted' && str(c.reason) === 'PartiallyInvalid';
    if (!negative && !partial) return;
    const reason = str(c.reason) ?? '';
    const text = `A condition with a negative status is present${parent ? ` for parent ${parent}` : ''}: ${type}=${str(c.status) ?? ''}` +
      `${reason ? `, reason ${reason}` : ''}${str(c.message) ? `: ${str(c.message)}` : ''}`;
    ctx.report(message(T.negativeCondition, text), meta, [...path, i, negative ? 'status' : 'reason']);
  });
}

function parentName(ref: unknown, meta: ResourceMeta): string {
  const r = obj(ref);
  return `${str(r?.kind) ?? 'Gateway'} ${str(r?.namespace) ?? meta.namespace}/${str(r?.name) ?? ''}`;
}

export const negativeConditions: Analyzer = {
  name: 'common.negativeConditions',
  reads: NEGATIVE.map((n) => n.kind),
  scope: 'self',
  run(ctx) {
    for (const { kind, types, parents } of NEGATIVE) {
      for (const r of checkable(ctx, kind)) {
        const status = obj(r.meta.raw.status);
        if (!status) continue;
        if (!parents) check(ctx, r.meta, types, status.conditions, ['status', 'conditions']);
        else arr(status.parents).forEach((p, j) => check(ctx, r.meta, types, obj(p)?.conditions, ['status', 'parents', j, 'conditions'], parentName(obj(p)?.parentRef, r.meta)));
      }
    }
  },
};
