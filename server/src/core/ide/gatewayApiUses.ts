import { allRoutes, isServiceParent } from '../gatewayapi';
import type { GatewayApiRoute, KubernetesGateway, ParentRef } from '../gatewayapi/types';
import { spanAt } from '../model/resource';
import type { Snapshot } from '../workspace/snapshot';
import type { Reference } from './referenceTable';
import type { FileSpan } from './types';
import { fqdnOf } from './workspaceFacts';

/** Where Gateway API parentRefs name a parent (a Gateway or a Service) and its listeners, and where
 *  those are declared: read by definition, references and hover. parentRef defaults as
 *  conversion.go toInternalParentReference applies them (the lowering filled them in). */

export interface ParentRefUse {
  route: GatewayApiRoute;
  parentRef: ParentRef;
}

function isGatewayParent(p: ParentRef): boolean {
  return p.group === 'gateway.networking.k8s.io' && p.kind === 'Gateway';
}

/** parentRefs that name the Gateway `namespace/name`. */
export function gatewayParentUses(snap: Snapshot, gateway: string): ParentRefUse[] {
  return allRoutes(snap).flatMap((route) => route.parentRefs.filter((p) => isGatewayParent(p) && `${p.namespace}/${p.name}` === gateway).map((parentRef) => ({ route, parentRef })));
}

/** parentRefs whose parent is the Service `fqdn` (GAMMA). */
export function serviceParentUses(snap: Snapshot, fqdn: string): ParentRefUse[] {
  return allRoutes(snap).flatMap((route) => route.parentRefs
    .filter((p) => p.group === '' && p.kind === 'Service' && isServiceParent(p) && p.name && fqdnOf(snap, p.name, p.namespace) === fqdn)
    .map((parentRef) => ({ route, parentRef })));
}

const at = (u: ParentRefUse, field: string): FileSpan => ({ file: u.route.meta.file, span: spanAt(u.route.meta, [...u.parentRef.path, field]) });

export function parentLocation(snap: Snapshot, ref: Extract<Reference, { to: 'parent' }>): FileSpan[] {
  if (ref.kind === 'Gateway') {
    const gw = snap.kubernetesGateways().get(`${ref.namespace}/${ref.name}`);
    return gw ? [{ file: gw.meta.file, span: spanAt(gw.meta, ['metadata', 'name']) }] : [];
  }
  return snap.services.filter((s) => s.meta.namespace === ref.namespace && s.meta.name === ref.name)
    .map((s) => ({ file: s.meta.file, span: spanAt(s.meta, ['metadata', 'name']) }));
}

/** The listeners a sectionName or port names. */
export function listenersNamed(gw: KubernetesGateway | undefined, ref: Extract<Reference, { to: 'listener' }>) {
  return (gw?.listeners ?? []).filter((l) => (ref.by === 'name' ? l.name === ref.name : String(l.port) === ref.name));
}

export function listenerLocation(snap: Snapshot, ref: Extract<Reference, { to: 'listener' }>): FileSpan[] {
  const gw = snap.kubernetesGateways().get(ref.gateway);
  return listenersNamed(gw, ref).map((l) => ({ file: gw!.meta.file, span: spanAt(gw!.meta, [...l.path, ref.by === 'name' ? 'name' : 'port']) }));
}

/** The port of a Service a GAMMA parentRef's sectionName (a port name) or port (a number) names. */
export function servicePortLocation(snap: Snapshot, ref: Extract<Reference, { to: 'servicePort' }>): FileSpan[] {
  return snap.services.filter((s) => s.meta.namespace === ref.namespace && s.meta.name === ref.service).flatMap((s) => s.ports
    .filter((p) => (ref.by === 'name' ? p.name === ref.name : String(p.port) === ref.name))
    .map((p) => ({ file: s.meta.file, span: spanAt(s.meta, ['spec', 'ports', p.index, ref.by === 'name' ? 'name' : 'port']) })));
}

/** References of a parent: each parentRef's name. */
export function parentReferences(snap: Snapshot, ref: Extract<Reference, { to: 'parent' }>): FileSpan[] {
  if (ref.kind === 'Gateway') return gatewayParentUses(snap, `${ref.namespace}/${ref.name}`).map((u) => at(u, 'name'));
  return serviceParentUses(snap, fqdnOf(snap, ref.name, ref.namespace)).map((u) => at(u, 'name'));
}

/** References of a listener: the sectionNames that name it (from a name), or the ports (from a port). */
export function listenerReferences(snap: Snapshot, ref: Extract<Reference, { to: 'listener' }>): FileSpan[] {
  return gatewayParentUses(snap, ref.gateway).flatMap((u) => {
    if (ref.by === 'name') return u.parentRef.sectionName === ref.name ? [at(u, 'sectionName')] : [];
    return u.parentRef.port !== undefined && String(u.parentRef.port) === ref.name ? [at(u, 'port')] : [];
  });
}

/** A Service's uses as a parent, for the references of a host. */
export function serviceParentReferences(snap: Snapshot, fqdn: string): FileSpan[] {
  return serviceParentUses(snap, fqdn).map((u) => at(u, 'name'));
}
