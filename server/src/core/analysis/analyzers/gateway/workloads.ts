/** A Gateway's selector matches some pod (of any namespace; Deployment templates count), and every
 *  server port is exposed by a Service selecting those pods (as `port` or `targetPort`; a port without
 *  `protocol` is TCP, as Kubernetes defaults it — istioctl, reading undefaulted files, misses it).
 *  Like istioctl (pkg/config/analysis/local/defaults.go), when the workspace has no `istio: ingressgateway`
 *  workload, the default ingress gateway (Service ports 80, 443, 31400, 15443 and today's target ports 8080, 8443) is assumed
 *  installed; so is the default egress gateway (`istio: egressgateway`).
 *  Mirrors istioctl analyze gateway/gateway.go: IST0101 (selector) and IST0162. Other selectors are
 *  skipped when the workspace has no workload at all (unless `completeWorkspace`). */
import { formatLabels } from '../../../routing/destinations';
import { labelsMatch } from '../../../workspace/hosts';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { workloadsKnown } from '../common/destinations';
import { checkable } from '../common/istioReport';

const DEFAULT_GATEWAYS = [{ istio: 'ingressgateway' }, { istio: 'egressgateway' }];
/** istioctl's dummy Service ports, and the container ports today's ingress gateway listens on (80→8080, 443→8443). */
const DEFAULT_INGRESS_PORTS = [80, 443, 31400, 15443, 8080, 8443, 15021];

export const gatewayWorkloads: Analyzer = {
  name: 'gateway.workloads',
  reads: ['Gateway', 'Pod', 'Deployment', 'Service'],
  scope: 'resource',
  run(ctx) {
    const known = workloadsKnown(ctx);
    for (const gw of checkable(ctx, 'Gateway')) {
      const pods = ctx.snap.workloads.filter((w) => labelsMatch(gw.selector, w.labels));
      const selectorPath = Object.keys(gw.selector).length ? ['spec', 'selector'] : ['spec'];
      // Istio's own gateways are installed with Istio, rarely from the same files.
      const standard = DEFAULT_GATEWAYS.find((d) => labelsMatch(gw.selector, d));
      const defaultIngress = !pods.length && !!standard && !ctx.snap.workloads.some((w) => labelsMatch(standard, w.labels));
      if (!defaultIngress && !known) continue;
      if (!pods.length && !defaultIngress) {
        ctx.report(message(T.referencedNotFound, `Referenced selector not found: "${formatLabels(gw.selector)}" — no Pod or workload in the workspace carries these labels, so no proxy serves this Gateway`), gw.meta, selectorPath, { at: Object.keys(gw.selector).length ? 'value' : 'key' });
        continue;
      }
      const exposed = new Set<number>(defaultIngress ? DEFAULT_INGRESS_PORTS : []);
      for (const svc of ctx.snap.services) {
        if (!svc.selector || !pods.some((p) => p.namespace === svc.meta.namespace && labelsMatch(svc.selector!, p.labels))) continue;
        for (const port of svc.ports) {
          if ((port.protocol ?? 'TCP').toUpperCase() !== 'TCP') continue;
          if (typeof port.targetPort === 'number') exposed.add(port.targetPort);
          else if (typeof port.targetPort === 'string') {
            for (const p of pods) for (const c of p.containerPorts) if (c.name === port.targetPort) exposed.add(c.containerPort);
          } else exposed.add(port.port);
          exposed.add(port.port);
        }
      }
      for (const s of gw.servers) {
        if (s.port.number === undefined || exposed.has(s.port.number)) continue;
        ctx.report(message(T.gatewayPortNotOnService, `The gateway listens on port ${s.port.number}, but no Service selecting its pods (${formatLabels(gw.selector)}) exposes that port or targetPort: clients cannot reach it through the gateway Service`), gw.meta, ['spec', 'servers', s.index, 'port', 'number']);
      }
    }
  },
};
