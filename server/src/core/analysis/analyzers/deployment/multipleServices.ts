/** A Deployment in the mesh selected by several Services of its namespace: the sidecar builds one
 *  inbound listener per pod port, so the Services must agree on it. IST0116: two Services use the same
 *  port with different protocols (an unset protocol is TCP); IST0137: two Services send the same
 *  targetPort (the port itself when unset) from different ports.
 *  Mirrors istioctl analyze deployment/services.go ServiceAssociationAnalyzer (analyzeDeploymentPortProtocol,
 *  analyzeDeploymentTargetPorts, findMatchingServices): Deployments only, those in the mesh
 *  (common/inMesh.ts), not waypoints (`gateway.istio.io/managed: istio.io-mesh-controller`); Services
 *  with a non-empty selector matching the pod template's labels. */
import type { Service } from '../../../model/service';
import type { Workload } from '../../../model/workload';
import { labelsMatch } from '../../../workspace/hosts';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { deploymentInMesh } from '../common/inMesh';
import { hasKeys } from '../common/istioReport';

const WAYPOINT = { label: 'gateway.istio.io/managed', value: 'istio.io-mesh-controller' };

interface Use {
  svc: Service;
  index: number;
  port: number;
}

const name = (s: Service) => `${s.meta.namespace}/${s.meta.name}`;

function servicesOf(ctx: AnalysisContext, d: Workload): Service[] {
  return ctx.snap.services.filter((s) => s.meta.namespace === d.namespace && s.selector && hasKeys(s.selector) && labelsMatch(s.selector, d.labels));
}

/** Groups the Services' ports by a key, keeping the order they come in. */
function group(services: Service[], keyOf: (p: Service['ports'][number]) => string): Map<string, Use[]> {
  const out = new Map<string, Use[]>();
  for (const svc of services) for (const p of svc.ports) {
    const k = keyOf(p);
    out.set(k, [...(out.get(k) ?? []), { svc, index: p.index, port: p.port }]);
  }
  return out;
}

export const deploymentMultipleServices: Analyzer = {
  name: 'deployment.multipleServices',
  reads: ['Deployment', 'Service', 'Namespace'],
  run(ctx) {
    for (const d of ctx.snap.workloads) {
      if (d.kind !== 'Deployment' || d.meta.origin.document.isTemplate) continue;
      if (d.meta.labels[WAYPOINT.label] === WAYPOINT.value || !deploymentInMesh(ctx.snap, d)) continue;
      const services = servicesOf(ctx, d);
      if (services.length < 2) continue;
      const protocol = (p: Service['ports'][number]) => (p.protocol || 'TCP');
      for (const [port, uses] of group(services, (p) => String(p.port))) {
        const protocols = [...new Set(uses.map((u) => protocol(u.svc.ports.find((p) => p.index === u.index)!)))];
        if (protocols.length < 2) continue;
        const names = [...new Set(uses.map((u) => name(u.svc)))].sort();
        ctx.report(message(T.deploymentMultipleServices, `Deployment ${d.name} is selected by Services ${names.join(', ')}, which use port ${port} with different protocols (${protocols.sort().join(', ')}): its sidecar serves one protocol on a port`), d.meta, ['metadata', 'name'], {
          related: uses.map((u) => ctx.related(u.svc.meta, ['spec', 'ports', u.index], `Service ${name(u.svc)} port ${port}`)),
        });
      }
      for (const [target, uses] of group(services, (p) => (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '' ? String(p.port) : String(p.targetPort)))) {
        // As istioctl's map of port → Service: one Service per port, the last one.
        const byPort = new Map(uses.map((u) => [u.port, u]));
        if (byPort.size < 2) continue;
        const kept = [...byPort.values()];
        const names = [...new Set(kept.map((u) => name(u.svc)))].sort();
        const ports = [...byPort.keys()].sort((a, b) => a - b);
        ctx.report(message(T.deploymentConflictingPorts, `Deployment ${d.name} is selected by Services ${names.join(', ')}, which send targetPort "${target}" from different ports (${ports.join(', ')}): Services selecting the same workload must use the same port for a targetPort`), d.meta, ['metadata', 'name'], {
          related: kept.map((u) => ctx.related(u.svc.meta, ['spec', 'ports', u.index], `Service ${name(u.svc)} port ${u.port} → targetPort ${target}`)),
        });
      }
    }
  },
};
