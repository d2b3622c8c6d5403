import type { Sidecar } from '../model/sidecar';
import type { VirtualService } from '../model/virtualService';
import { compareByCreation, compareSpecificity, hostMatches, isWildcard, labelsMatch, resolveGatewayName, resolveShortname } from '../workspace/hosts';
import type { RegistryService, Snapshot } from '../workspace/snapshot';

/** Which configuration a proxy sees, and which VirtualService binds to which host. */

const hostCache = new WeakMap<VirtualService, string[]>();

export function vsHosts(snap: Snapshot, vs: VirtualService): string[] {
  let hosts = hostCache.get(vs);
  if (!hosts) {
    hosts = vs.hosts.map((h) => resolveShortname(h, vs.meta.namespace, snap.options.clusterDomain));
    hostCache.set(vs, hosts);
  }
  return hosts;
}

export function vsGateways(vs: VirtualService): string[] {
  return vs.gateways.length ? vs.gateways.map((g) => resolveGatewayName(g, vs.meta.namespace)) : ['mesh'];
}

/** Visibility tier (push_context.go initVirtualServices, SelectVirtualServices): VirtualServices
 *  private to the client's namespace come first, then those exported to it by name, then public ones. */
export function visibilityTier(vs: VirtualService, clientNs: string): number | undefined {
  const e = vs.exportTo;
  if (e.length === 0 || e.includes('*')) return 2;
  if (e.includes('~')) return undefined;
  if ((e.includes('.') || e.includes(vs.meta.namespace)) && vs.meta.namespace === clientNs) return 0;
  return e.includes(clientNs) ? 1 : undefined;
}

/** The root VirtualServices bound to a gateway (`mesh` for sidecars) and visible from a namespace, in Istio's order. */
export function visibleVirtualServices(snap: Snapshot, gateway: string, clientNs: string): VirtualService[] {
  return snap.memo(`vs|${gateway}|${clientNs}`, () => computeVisible(snap, gateway, clientNs));
}

function computeVisible(snap: Snapshot, gateway: string, clientNs: string): VirtualService[] {
  const withTier: { vs: VirtualService; t: number }[] = [];
  for (const vs of snap.virtualServices) {
    if (vs.hosts.length === 0 || !vsGateways(vs).includes(gateway)) continue;
    const t = visibilityTier(vs, clientNs);
    if (t !== undefined) withTier.push({ vs, t });
  }
  withTier.sort((a, b) => a.t - b.t || compareByCreation(a.vs.meta, b.vs.meta));
  return withTier.map((x) => x.vs);
}

/** The VirtualServices that can claim a service on a sidecar, in the order they are tried: every one
 *  naming the host exactly; else only the one with the most specific wildcard host
 *  (sidecar.go computeWildcardHostVirtualServiceIndex, route.go separateVSHostsAndServices). */
export function virtualServicesForService(snap: Snapshot, candidates: VirtualService[], hostname: string): { vs: VirtualService; host: string }[] {
  const index = hostIndex(snap, candidates);
  const exact = index.exact.get(hostname);
  if (exact) return exact.map((vs) => ({ vs, host: hostname }));
  let best: { vs: VirtualService; host: string } | undefined;
  for (const w of index.wildcard) {
    if (!hostMatches(w.host, hostname)) continue;
    if (!best || compareSpecificity(w.host, best.host) < 0) best = w;
  }
  return best ? [best] : [];
}

interface HostIndex {
  exact: Map<string, VirtualService[]>;
  wildcard: { vs: VirtualService; host: string }[];
}

const hostIndexes = new WeakMap<VirtualService[], HostIndex>();

/** VirtualServices of an (ordered, memoized) candidate list by exact host, plus the wildcard ones. */
function hostIndex(snap: Snapshot, candidates: VirtualService[]): HostIndex {
  let index = hostIndexes.get(candidates);
  if (!index) {
    index = { exact: new Map(), wildcard: [] };
    for (const vs of candidates) {
      for (const h of new Set(vsHosts(snap, vs))) {
        if (isWildcard(h)) index.wildcard.push({ vs, host: h });
        else index.exact.set(h, [...(index.exact.get(h) ?? []), vs]);
      }
    }
    hostIndexes.set(candidates, index);
  }
  return index;
}

/** The Sidecar resource that applies to a workload: one selecting it in its namespace, else the
 *  namespace's selector-less one, else the root namespace's. */
export function sidecarFor(snap: Snapshot, ns: string, labels: Record<string, string>): Sidecar | undefined {
  const inNs = snap.sidecars.filter((s) => s.meta.namespace === ns);
  return inNs.find((s) => s.workloadSelector && Object.keys(s.workloadSelector).length && labelsMatch(s.workloadSelector, labels))
    ?? inNs.find((s) => !s.workloadSelector)
    ?? snap.sidecars.find((s) => s.meta.namespace === snap.mesh.rootNamespace.value && !s.workloadSelector);
}

/** Sidecar egress hosts (`ns/host`, `./host`, `*\/host`) that import a service. No Sidecar imports everything. */
export function sidecarImports(sidecar: Sidecar | undefined, svc: RegistryService, port: number): boolean {
  return egressImports(sidecar, svc.namespace, [svc.hostname], port);
}

/** The same for a VirtualService, which a sidecar uses only when one of its hosts (as FQDNs) matches an
 *  egress host of the VirtualService's own namespace (`.` for the Sidecar's) or of `*`, in either
 *  direction (sidecar.go hostClassification.VSMatches, virtualservice.go SelectVirtualServices): a
 *  VirtualService kept in a namespace the egress hosts do not name is not imported, even for a
 *  service that is. */
export function sidecarImportsVirtualService(snap: Snapshot, sidecar: Sidecar | undefined, vs: VirtualService, port: number): boolean {
  return egressImports(sidecar, vs.meta.namespace, vsHosts(snap, vs), port);
}

function egressImports(sidecar: Sidecar | undefined, namespace: string, hostnames: readonly string[], port: number): boolean {
  if (!sidecar || sidecar.egress.length === 0) return true;
  return sidecar.egress.some((eg) => {
    if (eg.port && eg.port !== port) return false;
    return eg.hosts.some((h) => {
      const slash = h.indexOf('/');
      const ns = slash < 0 ? '*' : h.slice(0, slash);
      const host = slash < 0 ? h : h.slice(slash + 1).toLowerCase();
      if (ns === '~') return false;
      const nsOk = ns === '*' || (ns === '.' ? namespace === sidecar.meta.namespace : ns === namespace);
      return nsOk && (host === '*' || hostnames.some((name) => hostMatches(host, name)));
    });
  });
}

/** The VirtualServices a sidecar uses on a port: those visible from its namespace that its Sidecar
 *  resource (if any) imports, in Istio's order. */
export function sidecarVirtualServices(snap: Snapshot, sidecar: Sidecar | undefined, clientNs: string, port: number): VirtualService[] {
  const visible = visibleVirtualServices(snap, 'mesh', clientNs);
  if (!sidecar || sidecar.egress.length === 0) return visible;
  return snap.memo(`vs-imported|${clientNs}|${sidecar.meta.namespace}/${sidecar.meta.name}|${port}`, () =>
    visible.filter((vs) => sidecarImportsVirtualService(snap, sidecar, vs, port)));
}

/** The virtual host domains Istio builds for a service as seen from a client namespace
 *  (httproute.go generateVirtualHostDomains): FQDN, `name.ns.svc`, `name.ns`, the bare name only
 *  from the same namespace, and the cluster IP. */
export function serviceAnswersTo(svc: RegistryService, name: string, clientNs: string): boolean {
  if (svc.hostname === name || (isWildcard(svc.hostname) && hostMatches(svc.hostname, name))) return true;
  if (svc.k8sName === undefined) return false;
  if (name === `${svc.k8sName}.${svc.namespace}.svc` || name === `${svc.k8sName}.${svc.namespace}`) return true;
  if (name === svc.k8sName && clientNs === svc.namespace) return true;
  const ip = svc.source.kind === 'Service' ? svc.source.clusterIP : undefined;
  return !!ip && ip !== 'None' && ip === name;
}
