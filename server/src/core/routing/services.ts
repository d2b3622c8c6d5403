import { isIP, serviceHostname } from '../workspace/hosts';
import type { RegistryService, ServicePort, Snapshot } from '../workspace/snapshot';
import { serviceAnswersTo } from './selection';

/** The registry service a name stands for, as a client in `clientNs` sees it: through the pod's DNS
 *  search path for Kubernetes names (`name`, `name.ns`, `name.ns.svc`), and as written for
 *  ServiceEntry hosts; restricted to services that pass `accept`. */
export function lookupService(
  snap: Snapshot, name: string, clientNs: string, accept: (svc: RegistryService) => boolean,
): RegistryService | undefined {
  return answering(snap, name, clientNs).find(accept);
}

/** Every registry service that answers to a name from a namespace, in lookup order: the first that a
 *  caller accepts is the one. Kept per snapshot and name: each simulation looks its host up twice. */
function answering(snap: Snapshot, name: string, clientNs: string): readonly RegistryService[] {
  const cache = snap.memo('routing.answering', () => new Map<string, readonly RegistryService[]>());
  const key = `${clientNs}\0${name}`;
  let found = cache.get(key);
  if (!found) {
    if (cache.size >= 4096) cache.clear();
    cache.set(key, (found = answeringNow(snap, name, clientNs)));
  }
  return found;
}

function answeringNow(snap: Snapshot, name: string, clientNs: string): RegistryService[] {
  const n = name.toLowerCase().replace(/\.$/, '');
  const domain = snap.options.clusterDomain;
  const dots = n.split('.').length - 1;
  const candidates = [n];
  if (dots === 0) candidates.push(serviceHostname(n, clientNs, domain));
  if (dots === 1) candidates.push(`${n}.svc.${domain}`);
  if (n.endsWith('.svc')) candidates.push(`${n}.${domain}`);
  const out = candidates.flatMap((c) => snap.servicesByHost(c, clientNs).filter((s) => serviceAnswersTo(s, n, clientNs)));
  if (isIP(n)) out.push(...snap.allRegistryServices().filter((s) => serviceAnswersTo(s, n, clientNs)));
  return out;
}

export function portOf(svc: RegistryService, port: number): ServicePort | undefined {
  return svc.ports.find((p) => p.port === port);
}

export function stripPort(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const i = authority.lastIndexOf(':');
  return (i >= 0 ? authority.slice(0, i) : authority).toLowerCase();
}
