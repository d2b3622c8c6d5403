import { allRoutes } from '../gatewayapi';
import type { Snapshot } from '../workspace/snapshot';
import { valueAt, type CompletionSite } from './completionContext';
import { pathEndsWith, pathIs } from './context';
import type { CompletionItem } from './types';
import { fqdnOf, gatewayChoices, hostChoices, serviceFor, subsetsFor } from './workspaceFacts';

/** Values of a `kind: RoutingTest` that come from the workspace: request URLs of its services, the
 *  client pod, the gateway, and expected destinations (host, subset, port), pods, the deciding route
 *  (a VirtualService or a Gateway API route) and VirtualServices.
 *  undefined: not a field we complete from the workspace. */
export function routingTestItems(snap: Snapshot, site: CompletionSite, path: (string | number)[]): CompletionItem[] | undefined {
  const item = (label: string, detail: string, i: number): CompletionItem => ({
    label, kind: 'reference', detail, insertText: label, replace: site.replace, sortText: String(i).padStart(4, '0'),
  });
  const inRequest = pathIs(path.slice(0, 2), 'spec.defaults') || pathIs(path.slice(0, 4), 'spec.cases.*.request');
  if (inRequest && path.at(-1) === 'url') {
    return hostChoices(snap, site.namespace, false).filter((h) => h.label === h.fqdn).flatMap((h) => h.service.ports.map((p) => {
      const scheme = p.protocol === 'tcp' || p.protocol === 'tls' ? p.protocol : 'http';
      return `${scheme}://${h.fqdn}:${p.port}${scheme === 'http' ? '/' : ''}`;
    })).map((u, i) => item(u, 'a service port of the workspace', i));
  }
  if (inRequest && path.at(-1) === 'from') {
    return snap.workloads.map((w, i) => item(w.namespace === site.namespace ? w.name : `${w.namespace}/${w.name}`, `${w.kind} ${w.namespace}/${w.name}`, i));
  }
  if (inRequest && path.at(-1) === 'gateway') {
    return gatewayChoices(snap, site.namespace).filter((g) => g.label === 'mesh' || g.label.includes('/'))
      .map((g, i) => item(g.label, g.ref === 'mesh' ? "the client's sidecar" : `Gateway ${g.ref}`, i));
  }
  if (!pathIs(path.slice(0, 4), 'spec.cases.*.expect')) return undefined;
  const rest = path.slice(4);
  if (pathIs(rest, 'destinations.*.host')) {
    return hostChoices(snap, site.namespace, false).map((h, i) => item(h.label, h.label === h.fqdn ? 'host' : `→ ${h.fqdn}`, i));
  }
  if (pathIs(rest, 'destinations.*.subset')) {
    const host = String(valueAt(site, [...path.slice(0, -1), 'host']) ?? '');
    const names = [...new Set(subsetsFor(snap, fqdnOf(snap, host, site.namespace)).map((s) => s.subset.name))];
    return names.map((n, i) => item(n, `subset of ${host}`, i));
  }
  if (pathIs(rest, 'destinations.*.port')) {
    const host = String(valueAt(site, [...path.slice(0, -1), 'host']) ?? '');
    return (serviceFor(snap, host, site.namespace)?.ports ?? []).map((p, i) => item(String(p.port), `${p.name ?? ''} ${p.protocol}`.trim(), i));
  }
  if (pathIs(rest, 'pods.*') || pathEndsWith(rest, 'pods')) {
    return snap.workloads.map((w, i) => item(w.namespace === site.namespace ? w.name : `${w.namespace}/${w.name}`, `${w.kind} ${w.namespace}/${w.name}`, i));
  }
  if (pathIs(rest, 'route') || pathIs(rest, 'route.name')) {
    // The route that decides: `Kind/name` (`Kind/namespace/name` outside the test's namespace), or its name.
    const kind = rest.length > 1 ? valueAt(site, [...path.slice(0, -1), 'kind']) : undefined;
    const sources = [...snap.virtualServices, ...allRoutes(snap)].filter((r) => r.meta.name && (typeof kind !== 'string' || !kind || r.kind === kind));
    return sources.map((r, i) => item(rest.length > 1 ? r.meta.name : `${r.kind}/${r.meta.namespace === site.namespace ? '' : `${r.meta.namespace}/`}${r.meta.name}`, `${r.kind} ${r.meta.namespace}/${r.meta.name}`, i));
  }
  if (pathIs(rest, 'route.kind')) return ['VirtualService', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'].map((k, i) => item(k, 'route kind', i));
  if (pathIs(rest, 'virtualService') || pathIs(rest, 'virtualService.name')) {
    return snap.virtualServices.filter((v) => v.meta.name).map((v, i) => item(
      v.meta.namespace === site.namespace || rest.length > 1 ? v.meta.name : `${v.meta.namespace}/${v.meta.name}`, `VirtualService ${v.meta.namespace}/${v.meta.name}`, i));
  }
  return undefined;
}
