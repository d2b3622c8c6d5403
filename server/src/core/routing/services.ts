import { isIP, serviceHostname } from '../workspace/hosts';
import type { RegistryService, ServicePort, Snapshot } from '../workspace/snapshot';
import { serviceAnswersTo } from './selection';

/** The registry service a name stands for, as a client in `clientNs` sees it: through the pod's DNS
 *  search path for Kubernetes names (`name`, `name.ns`, `name.ns.svc`), and as written for
 *  ServiceEntry hosts; restricted to services that pass `accept`. */
export function lookupService(
  snap: Snapshot, name: string, clientNs: string, accept: (svc: RegistryService) => boolean,
): RegistryService | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  const domain = snap.options.clusterDomain;
  const dots = n.split('.').length - 1;
  const candidates = [n];
  if (dots === 0) candidates.push(serviceHostname(n, clientNs, domain));
  if (dots === 1) candidates.push(`${n}.svc.${domain}`);
  if (n.endsWith('.svc')) candidates.push(`${n}.${domain}`);
  for (const c of candidates) {
    const found = snap.servicesByHost(c, clientNs).find((s) => serviceAnswersTo(s, n, clientNs) && accept(s));
    if (found) return found;
  }
  if (isIP(n)) return snap.allRegistryServices().find((s) => serviceAnswersTo(s, n, clientNs) && accept(s));
  return undefined;
}

export function portOf(svc: RegistryService, port: number): ServicePort | undefined {
  return svc.ports.find((p) => p.port === port);
}

export function stripPort(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const i = authority.lastIndexOf(':');
  return (i >= 0 ? authority.slice(0, i) : authority).toLowerCase();
}
