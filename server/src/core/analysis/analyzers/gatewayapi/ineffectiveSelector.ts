/** A workload policy (AuthorizationPolicy, RequestAuthentication, Telemetry, WasmPlugin) without a
 *  `targetRef` whose `selector.matchLabels` picks a pod of its own namespace labelled
 *  `gateway.networking.k8s.io/gateway-name` (a Kubernetes Gateway's deployment): Istio does not apply
 *  the selector there, the policy should name the Gateway in targetRefs. Reported once per Gateway
 *  (istioctl reports per pod, then prints each distinct message once). An empty matchLabels picks every
 *  such pod; only the singular `targetRef` exempts a policy, as upstream reads it.
 *  Mirrors istioctl analyze pkg/config/analysis/analyzers/k8sgateway/workloadselector.go
 *  SelectorAnalyzer.Analyze (IST0166 IneffectiveSelector); pods: the workspace's Pods and the pod
 *  templates of its controllers (model/workload.ts), as the other analyzers find workloads. */
import { formatLabels } from '../../../routing/destinations';
import type { Workload } from '../../../model/workload';
import { policySelector } from '../../../model/policyKinds';
import { labelsMatch } from '../../../workspace/hosts';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

const POLICY_KINDS = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'] as const;

function labelsPath(w: Workload): string[] {
  return w.fromTemplate ? [...w.podSpecPath.slice(0, -1), 'metadata', 'labels'] : ['metadata', 'labels'];
}

export const gatewayApiIneffectiveSelector: Analyzer = {
  name: 'gatewayapi.ineffectiveSelector',
  reads: [...POLICY_KINDS, 'Pod', 'Deployment'],
  run(ctx) {
    for (const kind of POLICY_KINDS) {
      for (const policy of checkable(ctx, kind)) {
        const sel = policySelector(policy.meta);
        if (!sel || sel.targetRef) continue;
        const byGateway = new Map<string, Workload>();
        for (const w of ctx.snap.workloadsIn(policy.meta.namespace)) {
          const gateway = w.labels[GATEWAY_NAME_LABEL];
          if (gateway === undefined || !labelsMatch(sel.matchLabels, w.labels) || byGateway.has(gateway)) continue;
          byGateway.set(gateway, w);
        }
        for (const [gateway, w] of byGateway) {
          const picked = Object.keys(sel.matchLabels).length ? `selector ${formatLabels(sel.matchLabels)}` : 'empty selector';
          const pods = w.fromTemplate ? `the pods of ${w.kind} ${w.namespace}/${w.name}` : `Pod ${w.namespace}/${w.name}`;
          const text = `The ${picked} picks ${pods} of Kubernetes Gateway ${gateway} (labelled ${GATEWAY_NAME_LABEL}): Istio does not apply a selector to a Kubernetes Gateway's pods; attach the policy with targetRefs naming the Gateway`;
          const related = [ctx.related(w.meta, labelsPath(w), `pod labels of Kubernetes Gateway ${gateway}`)];
          ctx.report(message(T.ineffectiveSelector, text), policy.meta, ['spec', 'selector'], { at: 'key', related });
        }
      }
    }
  },
};
