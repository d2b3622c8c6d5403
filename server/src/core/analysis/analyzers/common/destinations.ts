/** Every destination a VirtualService names, with its YAML path, and how the workspace resolves it. */
import { arr, num, obj, str, strList } from '../../../model/coerce';
import type { VirtualService } from '../../../model/virtualService';
import { resolveShortname } from '../../../workspace/hosts';
import type { RegistryService, Snapshot } from '../../../workspace/snapshot';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext } from '../../analyzer';

export interface NamedDestination {
  host: string;
  subset?: string;
  port?: number;
  /** Path of the `destination` object (or of `mirror`). */
  path: Path;
  kind: 'route' | 'mirror';
}

/** Per resource object: the resources of an unchanged document are the same objects in the next snapshot. */
const destinationsOf = new WeakMap<VirtualService, readonly NamedDestination[]>();

export function namedDestinations(vs: VirtualService): readonly NamedDestination[] {
  let found = destinationsOf.get(vs);
  if (!found) destinationsOf.set(vs, (found = readDestinations(vs)));
  return found;
}

function readDestinations(vs: VirtualService): NamedDestination[] {
  const spec = obj(vs.meta.raw.spec) ?? {};
  const out: NamedDestination[] = [];
  const add = (raw: unknown, path: Path, kind: NamedDestination['kind']) => {
    const d = obj(raw);
    const host = str(d?.host);
    if (!d || !host) return;
    out.push({ host, subset: str(d.subset) || undefined, port: num(obj(d.port)?.number) || undefined, path, kind });
  };
  for (const proto of ['http', 'tcp', 'tls'] as const) {
    arr(spec[proto]).forEach((r, i) => {
      const ro = obj(r);
      arr(ro?.route).forEach((rd, k) => add(obj(rd)?.destination, ['spec', proto, i, 'route', k, 'destination'], 'route'));
      if (proto !== 'http' || !ro) return;
      add(ro.mirror, ['spec', proto, i, 'mirror'], 'mirror');
      arr(ro.mirrors).forEach((m, k) => add(obj(m)?.destination, ['spec', proto, i, 'mirrors', k, 'destination'], 'mirror'));
    });
  }
  return out;
}

/** `fqdn|subset` of the subsets a VirtualService routes or mirrors to, per resource object and domain. */
const subsetKeysOf = new WeakMap<VirtualService, { domain: string; keys: string[] }>();
/** Every VirtualService's, per list of VirtualServices (one per snapshot). */
const routedOf = new WeakMap<readonly VirtualService[], Set<string>>();

/** Does some VirtualService route or mirror to the subset? It reads every VirtualService: ask only when
 *  the answer matters, or any edit of one makes the analyzer run in full. */
export function isSubsetRouted(snap: Snapshot, fqdn: string, subset: string): boolean {
  const all = snap.virtualServices;
  let routed = routedOf.get(all);
  if (!routed) {
    routed = new Set();
    const domain = snap.options.clusterDomain;
    for (const vs of all) for (const k of subsetKeys(vs, domain)) routed.add(k);
    routedOf.set(all, routed);
  }
  return routed.has(`${fqdn}|${subset}`);
}

function subsetKeys(vs: VirtualService, domain: string): string[] {
  const hit = subsetKeysOf.get(vs);
  if (hit?.domain === domain) return hit.keys;
  const keys = namedDestinations(vs).flatMap((d) => (d.subset ? [`${resolveShortname(d.host, vs.meta.namespace, domain)}|${d.subset}`] : []));
  subsetKeysOf.set(vs, { domain, keys });
  return keys;
}

/** The namespaces whose proxies use a VirtualService, from which its destinations must be visible:
 *  its own by default, else those named in exportTo (util.GetDestinationHost in istioctl). */
function lookupNamespaces(vs: VirtualService): string[] {
  const ns = vs.meta.namespace;
  const exportTo = strList(obj(vs.meta.raw.spec)?.exportTo);
  if (!exportTo.length || exportTo.includes('*')) return [ns];
  return [...new Set(exportTo.filter((e) => e !== '~').map((e) => (e === '.' ? ns : e)))];
}

export function fqdnOf(snap: Snapshot, host: string, namespace: string): string {
  return resolveShortname(host, namespace, snap.options.clusterDomain);
}

/** The registry service a destination host names, visible to the VirtualService; undefined when none. */
export function lookupDestination(snap: Snapshot, vs: VirtualService, host: string): RegistryService | undefined {
  const fqdn = fqdnOf(snap, host, vs.meta.namespace);
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

/** Should a missing FQDN be reported? A `name.ns.svc.<domain>` host only when the workspace describes
 *  namespace `ns` (some Service, ServiceEntry or workload there): Istio's own namespace and other teams'
 *  namespaces are usually deployed from elsewhere. Other hosts once the workspace has any registry entry. */
export function hostDescribed(ctx: AnalysisContext, fqdn: string): boolean {
  if (ctx.options.completeWorkspace) return true;
  const suffix = `.svc.${ctx.snap.options.clusterDomain}`;
  if (!fqdn.endsWith(suffix)) return registryKnown(ctx);
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length !== 2) return registryKnown(ctx);
  const ns = parts[1];
  return [...ctx.snap.services, ...ctx.snap.serviceEntries, ...ctx.snap.workloads].some((r) => r.meta.namespace === ns);
}

/** Does the workspace describe the workloads (Pods, or Deployment/StatefulSet/… templates)? See registryKnown. */
export function workloadsKnown(ctx: AnalysisContext): boolean {
  return !!ctx.options.completeWorkspace || ctx.snap.workloads.length > 0;
}
