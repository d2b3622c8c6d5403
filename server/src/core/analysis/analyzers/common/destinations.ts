/** Every destination a VirtualService names, with its YAML path, and how the workspace resolves it. */
import { arr, num, obj, str, strList } from '../../../model/coerce';
import type { VirtualService } from '../../../model/virtualService';
import { resolveShortname } from '../../../workspace/hosts';
import type { RegistryService, Snapshot } from '../../../workspace/snapshot';
import type { Path } from '../../../yaml/locate';

export interface NamedDestination {
  host: string;
  subset?: string;
  port?: number;
  /** Path of the `destination` object (or of `mirror`). */
  path: Path;
  kind: 'route' | 'mirror';
}

export function namedDestinations(vs: VirtualService): NamedDestination[] {
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

/** The namespaces from which a VirtualService's references are looked up: its own, and those it is
 *  exported to by name (util.GetDestinationHost in istioctl). */
function lookupNamespaces(vs: VirtualService): string[] {
  const ns = vs.meta.namespace;
  const named = strList(obj(vs.meta.raw.spec)?.exportTo).filter((e) => e !== '*' && e !== '~').map((e) => (e === '.' ? ns : e));
  return [ns, ...named.filter((e) => e !== ns)];
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

/** Does the workspace describe the service registry at all? Without a single Service or ServiceEntry
 *  the files are configuration only (the Services live elsewhere): "not found" would be noise. */
export function registryKnown(snap: Snapshot): boolean {
  return snap.services.length > 0 || snap.serviceEntries.length > 0;
}

/** Does the workspace describe any workload (Pod, or a Deployment/StatefulSet/… template)? */
export function workloadsKnown(snap: Snapshot): boolean {
  return snap.workloads.length > 0;
}
