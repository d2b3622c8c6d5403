/** Every destination a VirtualService names, with its YAML path, and how the workspace resolves it. */
import { arr, num, obj, str, strList } from '../../../model/coerce';
import type { DestinationRule } from '../../../model/destinationRule';
import type { VirtualService } from '../../../model/virtualService';
import { fqdnOf, resolveShortname } from '../../../workspace/hosts';
import type { RegistryService, Snapshot } from '../../../workspace/snapshot';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext } from '../../analyzer';
import { KeptIndex } from '../../../workspace/keptIndex';
import { registryNames } from './registryNames';

export interface NamedDestination {
  host: string;
  subset?: string;
  port?: number;
  /** Path of the `destination` object (or of `mirror`). */
  path: Path;
  kind: 'route' | 'mirror';
}

/** The caches below are per lowering, keyed by its raw object: an unchanged document keeps it in the
 *  next snapshot, and so does one that only moved (its resource objects are re-based, not lowered again). */
const destinationsOf = new WeakMap<object, readonly NamedDestination[]>();

export function namedDestinations(vs: VirtualService): readonly NamedDestination[] {
  let found = destinationsOf.get(vs.meta.raw);
  if (!found) destinationsOf.set(vs.meta.raw, (found = readDestinations(vs)));
  return found;
}

// Runs once per VirtualService of a newly opened file: plain loops, no closure per rule.
function readDestinations(vs: VirtualService): NamedDestination[] {
  const spec = obj(vs.meta.raw.spec) ?? {};
  const out: NamedDestination[] = [];
  for (const proto of PROTOCOLS) {
    const rules = arr(spec[proto]);
    for (let i = 0; i < rules.length; i++) {
      const ro = obj(rules[i]);
      const route = arr(ro?.route);
      for (let k = 0; k < route.length; k++) addDestination(out, obj(route[k])?.destination, ['spec', proto, i, 'route', k, 'destination'], 'route');
      if (proto !== 'http' || !ro) continue;
      addDestination(out, ro.mirror, ['spec', proto, i, 'mirror'], 'mirror');
      const mirrors = arr(ro.mirrors);
      for (let k = 0; k < mirrors.length; k++) addDestination(out, obj(mirrors[k])?.destination, ['spec', proto, i, 'mirrors', k, 'destination'], 'mirror');
    }
  }
  return out;
}

const PROTOCOLS = ['http', 'tcp', 'tls'] as const;

function addDestination(out: NamedDestination[], raw: unknown, path: Path, kind: NamedDestination['kind']): void {
  const d = obj(raw);
  const host = str(d?.host);
  if (!d || !host) return;
  out.push({ host, subset: str(d.subset) || undefined, port: num(obj(d.port)?.number) || undefined, path, kind });
}

export interface ResolvedDestination extends NamedDestination {
  /** The host as a FQDN in the VirtualService's namespace. */
  fqdn: string;
}

interface Resolved {
  domain: string;
  destinations: readonly ResolvedDestination[];
  /** `fqdn|subset` of the subsets it routes or mirrors to. */
  subsetKeys: string[];
}

/** Per lowering and cluster domain. */
const resolvedOf = new WeakMap<object, Resolved>();

function resolve(domain: string, vs: VirtualService): Resolved {
  let r = resolvedOf.get(vs.meta.raw);
  if (r?.domain !== domain) {
    // Runs once per VirtualService of a newly opened file: one loop, each object built with its fields.
    const destinations: ResolvedDestination[] = [];
    const subsetKeys: string[] = [];
    for (const d of namedDestinations(vs)) {
      const fqdn = resolveShortname(d.host, vs.meta.namespace, domain);
      destinations.push({ host: d.host, subset: d.subset, port: d.port, path: d.path, kind: d.kind, fqdn });
      if (d.subset) subsetKeys.push(`${fqdn}|${d.subset}`);
    }
    r = { domain, destinations, subsetKeys };
    resolvedOf.set(vs.meta.raw, r);
  }
  return r;
}

/** namedDestinations with their FQDNs. */
export function resolvedDestinations(snap: Snapshot, vs: VirtualService): readonly ResolvedDestination[] {
  return resolve(snap.options.clusterDomain, vs).destinations;
}

/** The FQDN of a DestinationRule's host, per lowering and cluster domain. */
const ruleHosts = new WeakMap<object, { domain: string; fqdn: string }>();

export function ruleHost(snap: Snapshot, dr: DestinationRule): string {
  return ruleHostIn(snap.options.clusterDomain, dr);
}

export function ruleHostIn(domain: string, dr: DestinationRule): string {
  let r = ruleHosts.get(dr.meta.raw);
  if (r?.domain !== domain) ruleHosts.set(dr.meta.raw, (r = { domain, fqdn: resolveShortname(dr.host, dr.meta.namespace, domain) }));
  return r.fqdn;
}

/** Every VirtualService's `fqdn|subset` keys. */
const routed = new KeptIndex((all: readonly VirtualService[], domain) => {
  const keys = new Set<string>();
  for (const vs of all) for (const k of resolve(domain, vs).subsetKeys) keys.add(k);
  return keys;
});

/** Does some VirtualService route or mirror to the subset? It reads every VirtualService: ask only when
 *  the answer matters, or any edit of one makes the analyzer run in full. */
export function isSubsetRouted(snap: Snapshot, fqdn: string, subset: string): boolean {
  return routed.get(snap.virtualServices, snap.options.clusterDomain).has(`${fqdn}|${subset}`);
}

/** The namespaces whose proxies use a VirtualService, from which its destinations must be visible:
 *  its own by default, else those named in exportTo (util.GetDestinationHost in istioctl). Per lowering. */
const lookupNamespacesOf = new WeakMap<object, string[]>();

export function lookupNamespaces(vs: VirtualService): readonly string[] {
  let found = lookupNamespacesOf.get(vs.meta.raw);
  if (found) return found;
  const ns = vs.meta.namespace;
  const exportTo = strList(obj(vs.meta.raw.spec)?.exportTo);
  found = !exportTo.length || exportTo.includes('*') ? [ns] : [...new Set(exportTo.filter((e) => e !== '~').map((e) => (e === '.' ? ns : e)))];
  lookupNamespacesOf.set(vs.meta.raw, found);
  return found;
}

export { fqdnOf };

/** The registry service a destination host names, visible to the VirtualService; undefined when none. */
export function lookupDestination(snap: Snapshot, vs: VirtualService, host: string): RegistryService | undefined {
  return lookupFqdn(snap, vs, fqdnOf(snap, host, vs.meta.namespace));
}

/** lookupDestination of a host already resolved (ResolvedDestination.fqdn). */
export function lookupFqdn(snap: Snapshot, vs: VirtualService, fqdn: string): RegistryService | undefined {
  for (const ns of lookupNamespaces(vs)) {
    const found = snap.serviceByHost(fqdn, ns);
    if (found) return found;
  }
  return undefined;
}

/** Does the workspace describe the service registry? A workspace without a single Service or
 *  ServiceEntry is configuration only (its Services are deployed from elsewhere, as `istioctl analyze
 *  --use-kube=false` assumes): "not found" would flag every host. With `completeWorkspace` the files are
 *  the whole cluster, as in istioctl's analyzer tests. */
export function registryKnown(ctx: AnalysisContext): boolean {
  return !!ctx.options.completeWorkspace || ctx.snap.services.length > 0 || ctx.snap.serviceEntries.length > 0;
}

/** Should a missing FQDN be reported? A `name.ns.svc.<domain>` host only when the files describe the
 *  in-cluster workloads of namespace `ns`: a Kubernetes Service, a Pod or a pod template there. A
 *  ServiceEntry says nothing about which Services run in its namespace (Bookinfo's egress rule in
 *  `default` does not make `default`'s Services, deployed from another folder, missing); Istio's own
 *  namespace and other teams' namespaces are usually deployed from elsewhere (docs/workspace.md).
 *  Other hosts once the workspace has any registry entry. */
export function hostDescribed(ctx: AnalysisContext, fqdn: string): boolean {
  if (ctx.options.completeWorkspace) return true;
  const suffix = `.svc.${ctx.snap.options.clusterDomain}`;
  if (!fqdn.endsWith(suffix)) return registryKnown(ctx);
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length !== 2) return registryKnown(ctx);
  const ns = parts[1];
  return registryNames(ctx.snap).hasServiceIn(ns) || ctx.snap.workloadsIn(ns).length > 0;
}

/** Does the workspace describe the workloads (Pods, or Deployment/StatefulSet/… templates)? See registryKnown. */
export function workloadsKnown(ctx: AnalysisContext): boolean {
  return !!ctx.options.completeWorkspace || ctx.snap.workloads.length > 0;
}
