/** Which parents a route attaches to, and the route status Istio would write (istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go extractParentReferenceInfo, referenceAllowed,
 *  toInternalParentReference; conditions.go createRouteStatus). Pure functions of a snapshot. */
import type { Service } from '../model/service';
import type { ServiceEntry } from '../model/serviceEntry';
import type { Snapshot } from '../workspace/snapshot';
import { hostMatches } from './hostnames';
import { isProgrammedByIstio, listenerParents, type ListenerParent } from './listeners';
import type { GatewayApiRoute, ParentRef } from './types';

export type ParentDeniedReason = 'NotAllowedByListeners' | 'NoMatchingListenerHostname' | 'NoMatchingParent';

/** One parentRef checked against one candidate parent (a listener, or the mesh for a Service). */
export interface ParentResult {
  parentRef: ParentRef;
  listener?: ListenerParent;
  /** The Service (or ServiceEntry) of a mesh parent. */
  service?: Service | ServiceEntry;
  denied?: { reason: ParentDeniedReason; message: string };
  /** Hostnames of the Gateway's other listeners on the same port and protocol (listener isolation). */
  bannedHostnames: string[];
}

const MESH_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'];

export function routeHostnames(route: GatewayApiRoute): string[] {
  return route.kind === 'TCPRoute' ? [] : route.hostnames;
}

export function isServiceParent(p: ParentRef): boolean {
  return (p.group === '' && p.kind === 'Service') || (p.group === 'networking.istio.io' && p.kind === 'ServiceEntry');
}

function isGatewayParent(p: ParentRef): boolean {
  return p.group === 'gateway.networking.k8s.io' && p.kind === 'Gateway';
}

/** referenceAllowed for a listener parent: port, sectionName, hostnames with namespaces, kind. */
function listenerDenied(route: GatewayApiRoute, ref: ParentRef, parent: ListenerParent): ParentResult['denied'] {
  const l = parent.listener;
  if (ref.port !== undefined && ref.port !== 0 && ref.port !== l.port) return { reason: 'NoMatchingParent', message: `port ${ref.port} not found` };
  if (ref.sectionName && ref.sectionName !== l.name) return { reason: 'NoMatchingParent', message: `sectionName "${ref.sectionName}" not found` };
  const hostnames = routeHostnames(route).length ? routeHostnames(route) : ['*'];
  let matched = false;
  let hostMatched = false;
  for (const h of hostnames) {
    for (const entry of parent.serverHosts) {
      const slash = entry.indexOf('/');
      const [ns, host] = slash < 0 ? ['*', entry] : [entry.slice(0, slash), entry.slice(slash + 1)];
      const hm = hostMatches(host, h);
      hostMatched ||= hm;
      if (hm && (ns === '*' || ns === route.meta.namespace)) matched = true;
    }
  }
  const original = l.hostname ?? '';
  if (!matched && hostMatched) return { reason: 'NotAllowedByListeners', message: `hostnames matched parent hostname "${original}", but namespace "${route.meta.namespace}" is not allowed by the parent` };
  if (!matched) return { reason: 'NoMatchingListenerHostname', message: `no hostnames matched parent hostname "${original}"` };
  if (!parent.kinds.includes(route.kind)) return { reason: 'NotAllowedByListeners', message: `kind gateway.networking.k8s.io/${route.kind} is not allowed` };
  return undefined;
}

function meshParent(snap: Snapshot, route: GatewayApiRoute, ref: ParentRef): ParentResult {
  const service = ref.kind === 'Service'
    ? snap.services.find((s) => s.meta.namespace === ref.namespace && s.meta.name === ref.name)
    : snap.serviceEntries.find((s) => s.meta.namespace === ref.namespace && s.meta.name === ref.name);
  if (!service) {
    const what = ref.kind === 'Service' ? 'parent service' : 'parent service entry';
    return { parentRef: ref, bannedHostnames: [], denied: { reason: 'NoMatchingParent', message: `${what}: "${ref.name}" not found` } };
  }
  if (!MESH_KINDS.includes(route.kind)) return { parentRef: ref, service, bannedHostnames: [], denied: { reason: 'NotAllowedByListeners', message: `kind gateway.networking.k8s.io/${route.kind} is not allowed` } };
  return { parentRef: ref, service, bannedHostnames: [] };
}

/** Every (parentRef, candidate parent) pair of a route, accepted or denied. A parentRef of another kind,
 *  or to a Gateway that does not exist or that Istio does not program, has none (no status at all). */
export function parentResults(snap: Snapshot, route: GatewayApiRoute): ParentResult[] {
  const out: ParentResult[] = [];
  for (const ref of route.parentRefs) {
    if (isServiceParent(ref)) {
      out.push(meshParent(snap, route, ref));
      continue;
    }
    if (!isGatewayParent(ref)) continue;
    const gw = snap.kubernetesGateways().get(`${ref.namespace}/${ref.name}`);
    if (!gw || !isProgrammedByIstio(gw, snap.gatewayClasses)) continue;
    const parents = listenerParents(gw, snap.namespaces);
    for (const p of parents) {
      const banned = parents.filter((o) => o !== p && o.listener.port === p.listener.port && o.listener.protocol === p.listener.protocol).map((o) => o.listener.hostname ?? '');
      out.push({ parentRef: ref, listener: p, bannedHostnames: banned.filter((h) => h !== (p.listener.hostname ?? '')), denied: listenerDenied(route, ref, p) });
    }
  }
  return out;
}

/** The Accepted condition of one parentRef, as createRouteStatus reduces its results. */
export interface ParentStatus {
  parentRef: ParentRef;
  accepted: boolean;
  /** `Accepted`, or the reason it is not. */
  reason: 'Accepted' | ParentDeniedReason;
  message: string;
  /** The parents that accepted it (listeners, or the mesh). */
  attached: ParentResult[];
}

const RANK: Record<string, number> = { NotAllowedByListeners: 1, NoMatchingListenerHostname: 2, NoMatchingParent: 4 };

export function parentStatuses(results: readonly ParentResult[]): ParentStatus[] {
  const byRef = new Map<ParentRef, ParentResult[]>();
  for (const r of results) byRef.set(r.parentRef, [...(byRef.get(r.parentRef) ?? []), r]);
  return [...byRef].map(([parentRef, rs]) => {
    const attached = rs.filter((r) => !r.denied);
    if (attached.length) {
      return { parentRef, accepted: true, reason: 'Accepted', message: attached.length > 1 ? `Route was valid, bound to ${attached.length} parents` : 'Route was valid', attached };
    }
    // The least severe denial; messages of equal rank are joined.
    const best = Math.min(...rs.map((r) => RANK[r.denied!.reason]));
    const same = rs.filter((r) => RANK[r.denied!.reason] === best);
    return { parentRef, accepted: false, reason: same[0].denied!.reason, message: same.map((r) => r.denied!.message).join('; '), attached };
  });
}
