/** What a backendRef (or a mirror's) resolves to, as Istio decides it (istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go buildDestination; gatewaycommon/references.go
 *  ReferenceGrantsCollection, BackendAllowed). */
import { serviceHostname } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import type { BackendObjectRef, ReferenceGrant } from './types';

export type BackendErrorReason = 'BackendNotFound' | 'RefNotPermitted' | 'InvalidKind' | 'InvalidDestination';

export interface BackendError {
  reason: BackendErrorReason;
  message: string;
  /** A hard error drops the whole route (conversion.go convertHTTPRoute returns nil); the others
   *  keep the route and make this backend answer 500. */
  hard: boolean;
}

export interface ResolvedBackend {
  ref: BackendObjectRef;
  /** The destination host (a Service FQDN, or a ServiceEntry host for kind Hostname); undefined when
   *  Istio leaves it empty (not permitted, unknown kind). */
  host?: string;
  port?: number;
  error?: BackendError;
}

const SERVICE = ' Service';
const HOSTNAME = 'networking.istio.io Hostname';
const SERVICE_IMPORT = 'multicluster.x-k8s.io ServiceImport';

/** Is a reference from a `routeKind` in `routeNs` to the Service `name` in `toNs` granted by a
 *  ReferenceGrant in `toNs`? */
export function referenceGranted(grants: readonly ReferenceGrant[], routeKind: string, routeNs: string, toGroup: string, toKind: string, name: string, toNs: string): boolean {
  return grants.some((g) =>
    g.meta.namespace === toNs
    && g.from.some((f) => f.group === 'gateway.networking.k8s.io' && f.kind === routeKind && f.namespace === routeNs)
    && g.to.some((t) => t.group === toGroup && t.kind === toKind && (t.name === undefined || t.name === name)));
}

function serviceExists(snap: Snapshot, namespace: string, name: string): boolean {
  return snap.services.some((s) => s.meta.namespace === namespace && s.meta.name === name);
}

/** Resolves one backend reference of a route of `routeKind` in `routeNs`. ReferenceGrants are enforced
 *  only for Gateway parents (`enforceGrants`); mesh routes skip them (route_collections.go
 *  buildMeshAndGatewayRoutes passes enforceRefGrant = !mesh). */
export function resolveBackend(snap: Snapshot, routeKind: string, routeNs: string, ref: BackendObjectRef, enforceGrants: boolean): ResolvedBackend {
  const domain = snap.options.clusterDomain;
  if (enforceGrants && ref.namespaceWritten && ref.namespace !== routeNs) {
    const kind = ref.kind;
    if (!referenceGranted(snap.referenceGrants, routeKind, routeNs, ref.group, kind, ref.name, ref.namespace)) {
      return { ref, error: { reason: 'RefNotPermitted', hard: false, message: `backendRef ${ref.name}/${ref.namespace} not accessible to a ${routeKind} in namespace "${routeNs}" (missing a ReferenceGrant?)` } };
    }
  }
  let host: string;
  let error: BackendError | undefined;
  switch (`${ref.group} ${ref.kind}`) {
    case SERVICE:
      if (ref.name.includes('.')) return { ref, error: { reason: 'InvalidDestination', hard: true, message: 'service name invalid; the name of the Service must be used, not the hostname.' } };
      host = serviceHostname(ref.name, ref.namespace, domain);
      if (!serviceExists(snap, ref.namespace, ref.name)) error = { reason: 'BackendNotFound', hard: false, message: `backend(${host}) not found` };
      break;
    case HOSTNAME:
      if (ref.namespaceWritten) return { ref, error: { reason: 'InvalidDestination', hard: true, message: 'namespace may not be set with Hostname type' } };
      host = ref.name;
      if (!snap.serviceByHost(host)) error = { reason: 'BackendNotFound', hard: false, message: `backend(${host}) not found` };
      break;
    case SERVICE_IMPORT:
      host = serviceHostname(ref.name, ref.namespace, domain);
      if (!serviceExists(snap, ref.namespace, ref.name)) error = { reason: 'BackendNotFound', hard: false, message: `backend(${host}) not found` };
      break;
    default:
      return { ref, error: { reason: 'InvalidKind', hard: false, message: `referencing unsupported backendRef: group "${ref.group}" kind "${ref.kind}"` } };
  }
  if (ref.port === undefined) return { ref, error: { reason: 'InvalidDestination', hard: true, message: 'port is required in backendRef' } };
  return { ref, host, port: ref.port, error };
}
