/** Sidecar traffic to a Service that GAMMA routes (HTTPRoute or GRPCRoute with the Service as parent)
 *  apply to: the generated VirtualService owns the Service's host for the client when it has routes
 *  for it (istio/istio pilot/pkg/networking/core/httproute.go BuildSidecarOutboundVirtualHosts;
 *  core/route/route.go buildSidecarVirtualHostsForVirtualService). */
import type { DestinationContext } from '../routing/destinations';
import { evaluateHttpRoutes } from '../routing/httpEval';
import type { SimRequest } from '../routing/request';
import type { SimResult } from '../routing/result';
import type { RegistryService } from '../workspace/snapshot';
import { appliesTo, type MeshVirtualService } from './mesh';

/** Routes the request by a generated VirtualService; false when it has no route for this client and
 *  port (the next candidate is tried). */
export function simulateMeshRoute(vs: MeshVirtualService, svc: RegistryService, req: SimRequest, res: SimResult, ctx: DestinationContext): boolean {
  const { trace } = ctx;
  const names = vs.sources.map((s) => `${s.kind} ${s.meta.namespace}/${s.meta.name}`).join(', ');
  const first = vs.sources[0];
  if (!appliesTo(vs, svc, ctx.client.namespace, req.port)) {
    const why = vs.namespace !== svc.namespace && vs.namespace !== ctx.client.namespace
      ? `it is in namespace ${vs.namespace}, neither the ${svc.source.kind}'s nor the client's (a consumer route applies to its own namespace only)`
      : `its parentRef names port ${vs.port}`;
    trace.at(`${names} (parent ${svc.source.kind} ${svc.hostname}) does not apply: ${why}`, first.meta, ['spec', 'parentRefs']);
    return false;
  }
  trace.at(`${names} has ${svc.hostname} as parent: Istio makes it the VirtualService ${vs.namespace}/${vs.name} for the mesh, and it owns ${svc.hostname}:${req.port} for this client`, first.meta, ['spec', 'parentRefs']);
  evaluateHttpRoutes(vs.routes, req, res, ctx, false, 'gatewayApi');
  return true;
}
