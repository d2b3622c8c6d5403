/** Route and mirror destination hosts exist in the workspace's registry (Kubernetes Services and
 *  ServiceEntry hosts, honouring exportTo, wildcard ServiceEntry hosts by suffix), with the cluster
 *  domain of the workspace; a destination port is a port of the service; a service with several ports
 *  needs a destination port. Offers the nearest known host, or the qualified name of a short host that
 *  lives in another namespace.
 *  Mirrors istioctl analyze virtualservice/destinationhosts.go: IST0101 (host, mirror host, host:port)
 *  and IST0112. A host of a namespace the workspace does not describe (no Service, ServiceEntry or
 *  workload there, e.g. istio-system's gateways) is not reported, unless `completeWorkspace`. */
import type { VirtualService } from '../../../model/virtualService';
import type { RegistryService } from '../../../workspace/snapshot';
import { serviceHostname } from '../../../workspace/hosts';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import type { Fix } from '../../types';
import { fqdnOf, hostDescribed, lookupFqdn, lookupNamespaces, registryKnown, resolvedDestinations, type NamedDestination } from '../common/destinations';
import { checkable } from '../common/istioReport';
import { registryNames } from '../common/registryNames';

/** The FQDN of the one same-named Service in another namespace, for a short host that resolves to
 *  nothing: a mistake worth reporting even where the workspace does not describe the host's namespace. */
function elsewhereHint(ctx: AnalysisContext, vs: VirtualService, host: string): Hint | undefined {
  const h = host.toLowerCase();
  if (h.includes('.')) return undefined;
  const elsewhere = registryNames(ctx.snap).named(h);
  if (elsewhere.length !== 1) return undefined;
  return { host: elsewhere[0].hostname, why: `a short name means ${fqdnOf(ctx.snap, host, vs.meta.namespace)} (the VirtualService's namespace); Service ${h} is in namespace ${elsewhere[0].namespace}` };
}

interface Hint {
  host: string;
  why: string;
}

/** A better host for one that resolves to nothing (and is reported): the nearest name. */
function suggestHost(ctx: AnalysisContext, vs: VirtualService, host: string): Hint | undefined {
  const names = registryNames(ctx.snap);
  const h = host.toLowerCase();
  if (!h.includes('.')) {
    const guess = names.nearestNameIn(vs.meta.namespace, h);
    return guess ? { host: guess, why: `did you mean ${guess}?` } : undefined;
  }
  const parts = h.split('.');
  if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc')) {
    const full = serviceHostname(parts[0], parts[1], ctx.snap.options.clusterDomain);
    if (names.hasHost(full)) return { host: full, why: `a host with a dot is taken literally; the Service is ${full}` };
  }
  const guess = names.nearestHost(h);
  return guess ? { host: guess, why: `did you mean ${guess}?` } : undefined;
}

function replaceFix(ctx: AnalysisContext, vs: VirtualService, d: NamedDestination, newHost: string): Fix {
  const span = ctx.span(vs.meta, [...d.path, 'host']);
  return { title: `Change the host to ${newHost}`, edits: [{ file: vs.meta.file, span, newText: newHost }] };
}

function checkPorts(ctx: AnalysisContext, vs: VirtualService, d: NamedDestination, svc: RegistryService): void {
  const port = d.port;
  // Decided before any list or function is made: every destination of the workspace comes here.
  if (port === undefined ? svc.ports.length <= 1 : hasPort(svc, port)) return;
  const ports = svc.ports.map((p) => p.port);
  if (port === undefined) {
    ctx.report(message(T.portSelectorRequired, `This VirtualService routes to service "${d.host}", which exposes ports ${ports.join(', ')}: set \`port.number\` in the destination to choose one`), vs.meta, [...d.path, 'host']);
    return;
  }
  const src = svc.source;
  ctx.report(message(T.referencedNotFound, `Referenced host:port not found: "${d.host}:${port}" — ${src.kind} ${src.meta.namespace}/${src.meta.name} exposes port${ports.length === 1 ? '' : 's'} ${ports.join(', ') || 'none'}`), vs.meta, [...d.path, 'port', 'number'], {
    related: [ctx.related(src.meta, ['spec', 'ports'], `the ports of ${svc.hostname}`)],
  });
}

/** Where the host was looked up: the VirtualService's namespace, or the namespaces it is exported to
 *  (istioctl util.GetDestinationHost looks a host up in each exportTo namespace). */
function lookedUpFrom(vs: VirtualService): string {
  const list = lookupNamespaces(vs);
  if (list.length === 1 && list[0] === vs.meta.namespace) return `namespace ${vs.meta.namespace}`;
  return `${list.length === 1 ? 'namespace' : 'namespaces'} ${list.join(', ')} (the VirtualService's exportTo)`;
}

function hasPort(svc: RegistryService, port: number): boolean {
  for (const p of svc.ports) if (p.port === port) return true;
  return false;
}

export const destinationHosts: Analyzer = {
  name: 'virtualservice.destinationHosts',
  // Workloads: whether the workspace describes a host's namespace.
  reads: ['VirtualService', 'Service', 'ServiceEntry', 'Pod', 'Deployment'],
  scope: 'resource',
  run(ctx) {
    if (!registryKnown(ctx)) return;
    for (const vs of checkable(ctx, 'VirtualService')) {
      for (const d of resolvedDestinations(ctx.snap, vs)) {
        const svc = lookupFqdn(ctx.snap, vs, d.fqdn);
        if (svc) {
          checkPorts(ctx, vs, d, svc);
          continue;
        }
        const fqdn = d.fqdn;
        // Suggestions only for what is reported: a repository where no host resolves has thousands.
        const elsewhere = elsewhereHint(ctx, vs, d.host);
        if (!elsewhere && !hostDescribed(ctx, fqdn)) continue;
        const hint = elsewhere ?? suggestHost(ctx, vs, d.host);
        const what = d.kind === 'mirror' ? 'mirror host' : 'host';
        const text = `Referenced ${what} not found: "${d.host}" — no Service or ServiceEntry ${fqdn} is visible from ${lookedUpFrom(vs)}` + (hint ? `; ${hint.why}` : '');
        ctx.report(message(T.referencedNotFound, text), vs.meta, [...d.path, 'host'], { fix: hint ? replaceFix(ctx, vs, d, hint.host) : undefined });
      }
    }
  },
};
