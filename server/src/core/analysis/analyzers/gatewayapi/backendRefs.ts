/** Each backendRef (and RequestMirror target) of a route resolves as Istio resolves it: a Service
 *  that exists and declares the port, in the route's namespace or in one whose ReferenceGrant allows
 *  the route (checked for Gateway parents only: mesh routes skip ReferenceGrant), of a group and kind
 *  Istio can send to. Otherwise Istio reports ResolvedRefs=False (BackendNotFound, RefNotPermitted,
 *  InvalidKind) and the requests that pick the backend get 500 (a mirror is dropped). A Service
 *  without the port is not reported by Istio, but its cluster does not exist: 500 as well.
 *  Sources: istio/istio pilot/pkg/config/kube/gateway/conversion.go buildDestination,
 *  gatewaycommon/references.go BackendAllowed, route_collections.go (enforceRefGrant = !mesh). */
import { resolveBackend, type BackendObjectRef, type GatewayApiRoute } from '../../../gatewayapi';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import { allRoutes, routeId } from './routes';

interface Target {
  ref: BackendObjectRef;
  mirror: boolean;
}

function targets(route: GatewayApiRoute): Target[] {
  const out: Target[] = [];
  for (const rule of route.rules) {
    for (const b of rule.backendRefs) out.push({ ref: b, mirror: false });
    if ('filters' in rule) for (const f of rule.filters) if (f.requestMirror) out.push({ ref: f.requestMirror.backendRef, mirror: true });
  }
  return out;
}

function check(ctx: AnalysisContext, route: GatewayApiRoute, { ref, mirror }: Target, enforceGrants: boolean): void {
  const outcome = mirror ? 'Istio drops the mirror' : 'requests sent to it get 500';
  const b = resolveBackend(ctx.snap, route.kind, route.meta.namespace, ref, enforceGrants);
  switch (b.error?.reason) {
    case 'InvalidKind':
      ctx.report(message(T.backendInvalidKind, `${routeId(route)} sends to a ${mirror ? 'mirror ' : ''}backendRef of group "${ref.group}" and kind ${ref.kind}, which Istio cannot send to (ResolvedRefs=False, InvalidKind): ${outcome}`), route.meta, [...ref.path, 'kind']);
      return;
    case 'RefNotPermitted':
      ctx.report(message(T.backendRefNotPermitted, `${routeId(route)} sends to ${ref.kind} ${ref.namespace}/${ref.name} in another namespace, and no ReferenceGrant in ${ref.namespace} allows ${route.kind}s from ${route.meta.namespace} to refer to it (ResolvedRefs=False, RefNotPermitted): ${outcome}`), route.meta, [...ref.path, 'namespace']);
      return;
    case 'BackendNotFound': {
      const service = ref.group === '' && ref.kind === 'Service';
      const names = service ? ctx.snap.services.filter((s) => s.meta.namespace === ref.namespace).map((s) => s.meta.name) : [];
      const guess = nearest(ref.name, names);
      const span = ctx.span(route.meta, [...ref.path, 'name']);
      ctx.reportSpan(message(T.backendNotFound, `No ${service ? `Service ${ref.namespace}/${ref.name}` : `service for host ${ref.name}`} in the workspace (ResolvedRefs=False, BackendNotFound): ${outcome}` + (guess ? `; did you mean ${guess}?` : '')), route.meta, span, {
        fix: guess ? { title: `Change the backend to ${guess}`, edits: [{ file: route.meta.file, span, newText: guess }] } : undefined,
      });
      return;
    }
    case undefined:
      break;
    default:
      return; // InvalidDestination drops the whole route: routeDropped.ts reports it
  }
  if (ref.group !== '' || ref.kind !== 'Service' || ref.port === undefined) return;
  const svc = ctx.snap.services.find((s) => s.meta.name === ref.name && s.meta.namespace === ref.namespace);
  if (svc && !svc.ports.some((p) => p.port === ref.port)) {
    const ports = svc.ports.map((p) => p.port).join(', ');
    ctx.report(message(T.backendNotFound, `Service ${ref.namespace}/${ref.name} has no port ${ref.port} (its ports: ${ports || 'none'}): Istio reports the reference as resolved, but there is no cluster for that port, so ${outcome}`), route.meta, [...ref.path, 'port'], {
      related: [ctx.related(svc.meta, ['spec', 'ports'], `the ports of Service ${ref.namespace}/${ref.name}`)],
    });
  }
}

export const gatewayApiBackendRefs: Analyzer = {
  name: 'gatewayapi.backendRefs',
  reads: ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'Service', 'ServiceEntry', 'ReferenceGrant'],
  run(ctx) {
    for (const route of allRoutes(ctx)) {
      const enforceGrants = route.parentRefs.some((p) => p.group === 'gateway.networking.k8s.io' && p.kind === 'Gateway');
      for (const t of targets(route)) check(ctx, route, t, enforceGrants);
    }
  },
};
