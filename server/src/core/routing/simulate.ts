import type { VirtualService } from '../model/virtualService';
import { compareSpecificity, hostMatches, resolveShortname } from '../workspace/hosts';
import type { RoutingProtocol } from '../workspace/protocol';
import type { RegistryService, Snapshot } from '../workspace/snapshot';
import type { DestinationContext } from './destinations';
import { chooseGateway } from '../gatewayapi/gatewayChoice';
import { meshVirtualServices, orderCandidates } from '../gatewayapi/mesh';
import { simulateMeshRoute } from '../gatewayapi/simulateMesh';
import { simulateKubernetesGateway } from '../gatewayapi/simulateGateway';
import { simulateGateway } from './gateway';
import { defaultServiceRoute } from './backends';
import { evaluateHttpRoutes } from './httpEval';
import { buildHttpRoutes, type ProxyContext } from './httpRoutes';
import { evaluateL4Routes } from './l4';
import type { SimRequest } from './request';
import { emptyResult, type SimResult } from './result';
import { sidecarFor, sidecarImports, sidecarVirtualServices, virtualServicesForService, vsHosts } from './selection';
import { lookupService, portOf, stripPort } from './services';
import { Trace } from './trace';
import { engineView, type Rejected } from '../workspace/engineView';
import type { PathNormalization } from '../workspace/meshConfig';
import { normalizePath } from './pathNormalization';

export interface SimulateOptions {
  /** The file the simulation was started from (a code lens, the cursor): its copies of resources
   *  defined in several files are used (workspace/copies.ts). */
  preferFile?: string;
}

/** Where Istio and Envoy send a request: deterministic. The pipeline follows istiod's
 *  sidecar outbound route building (istio/istio pilot/pkg/networking/core/httproute.go
 *  buildSidecarOutboundHTTPRouteConfig): listener by port and protocol, virtual host by authority,
 *  first matching route, its action, then cluster and endpoints. */
export function simulate(workspace: Snapshot, request: SimRequest, options: SimulateOptions = {}): SimResult {
  const view = engineView(workspace, options.preferFile);
  const snap = view.snap;
  const trace = new Trace(view.choiceFor);
  const { req, note } = normalizedAsMesh(request, snap);
  const res = emptyResult(req, trace.steps);
  const from = req.source.workload ?? `a workload in namespace ${req.source.namespace}`;
  trace.note(`${req.scheme === 'http' || req.scheme === 'https' ? req.method + ' ' : ''}${req.scheme}://${req.authority}${req.scheme === 'http' ? req.path + (req.query ? '?' + req.query : '') : ''} from ${from}, through ${req.gateway === 'mesh' ? 'its sidecar' : `gateway ${req.gateway}`}`);
  if (note) trace.note(note);
  noteRejected(view.rejected, snap, req, trace);
  if (req.gateway === 'mesh') simulateSidecar(snap, req, res, trace);
  else {
    const choice = chooseGateway(snap, req.gateway, req.source.namespace);
    if (choice.kind === 'kubernetes') simulateKubernetesGateway(snap, choice.gateway, req, res, trace);
    else {
      if (choice.note) trace.note(choice.note);
      simulateGateway(snap, { ...req, gateway: choice.name }, res, trace);
    }
  }
  return res;
}

/** A VirtualService for the request's host that Istio rejects (engineView.ts) is not used: say so. */
function noteRejected(rejected: readonly Rejected[], snap: Snapshot, req: SimRequest, trace: Trace): void {
  if (!rejected.length) return;
  const host = resolveShortname(stripPort(req.authority || req.host), req.source.namespace, snap.options.clusterDomain);
  for (const { resource: vs, path, reason } of rejected) {
    if (vs.kind !== 'VirtualService' || !vsHosts(snap, vs).some((h) => hostMatches(h, host))) continue;
    trace.at(`VirtualService ${vs.meta.namespace}/${vs.meta.name} is not used: ${reason}, so Istio cannot read it and rejects the whole resource`, vs.meta, path);
  }
}

const NORMALIZATION: Record<PathNormalization, string> = {
  NONE: 'NONE: the path is routed as sent',
  BASE: 'BASE: unreserved characters decoded, backslashes made slashes, dot segments resolved',
  MERGE_SLASHES: 'MERGE_SLASHES: as BASE, then repeated slashes merged',
  DECODE_AND_MERGE_SLASHES: 'DECODE_AND_MERGE_SLASHES: %2F and %5C decoded, then as MERGE_SLASHES',
};

/** The request with its path as the mesh's pathNormalization makes it (parseRequest applied BASE). */
export function normalizedAsMesh(req: SimRequest, snap: Snapshot): { req: SimRequest; note?: string } {
  if (req.scheme !== 'http' && req.scheme !== 'https') return { req };
  const mode = snap.mesh.pathNormalization;
  const raw = req.rawPath ?? req.path;
  const path = mode.value === 'BASE' ? req.path : normalizePath(raw, mode.value);
  const from = mode.origin.label;
  const note = path !== raw
    ? `Envoy normalizes the path ${raw} to ${path} before routing (pathNormalization ${NORMALIZATION[mode.value]}; from ${from})`
    : mode.value === 'NONE' && req.rawPath !== undefined ? `the path ${raw} is routed as sent (pathNormalization ${NORMALIZATION.NONE}; from ${from})` : undefined;
  return { req: path === req.path ? req : { ...req, path, rawPath: path === raw ? undefined : raw }, note };
}

/** The protocol a connection is handled as: a declared port protocol wins; an undeclared one is sniffed. */
function routedProtocol(declared: RoutingProtocol | undefined, req: SimRequest): 'http' | 'tcp' | 'tls' {
  if (declared === 'tcp' || declared === 'udp') return 'tcp';
  if (declared === 'tls') return 'tls';
  if (declared === 'http') return 'http';
  return req.scheme === 'http' ? 'http' : req.scheme === 'tcp' ? 'tcp' : 'tls';
}

function simulateSidecar(snap: Snapshot, req: SimRequest, res: SimResult, trace: Trace): void {
  const client = { namespace: req.source.namespace, labels: req.source.labels };
  const sidecar = sidecarFor(snap, client.namespace, client.labels);
  if (sidecar) trace.at(`Sidecar ${sidecar.meta.namespace}/${sidecar.meta.name} configures the client's proxy`, sidecar.meta, ['spec']);
  const policy = sidecar?.outboundTrafficPolicy ?? snap.mesh.outboundTrafficPolicy.value;
  const policyFrom = sidecar?.outboundTrafficPolicy ? `Sidecar ${sidecar.meta.namespace}/${sidecar.meta.name}` : snap.mesh.outboundTrafficPolicy.origin.label;
  const imported = (svc: RegistryService) => sidecarImports(sidecar, svc, req.port);
  const withPort = (svc: RegistryService) => imported(svc) && !!portOf(svc, req.port);
  const dnsService = lookupService(snap, req.host, client.namespace, withPort);
  const declared = dnsService ? portOf(dnsService, req.port)!.protocol : undefined;
  const protocol = routedProtocol(declared, req);
  res.protocol = protocol;
  if (dnsService) {
    const p = portOf(dnsService, req.port)!;
    const how = declared === 'auto' ? 'has no protocol in its name, so Istio sniffs it' : `is ${declared}`;
    trace.at(`port ${req.port} of ${dnsService.hostname} ("${p.name ?? ''}") ${how}: ${protocol} routing applies`, dnsService.source.meta, ['spec', 'ports', p.index]);
  }
  const ctx: DestinationContext = { snap, client, listenerPort: req.port, portRule: protocol === 'http' ? 'listener' : 'onlyPortElseListener', trace };
  if (protocol !== 'http') {
    if (!dnsService) return outbound(req, res, trace, policy, policyFrom, `${req.host} is not a service with port ${req.port} in the registry`);
    const candidates = virtualServicesForService(snap, sidecarVirtualServices(snap, sidecar, client.namespace, req.port), dnsService.hostname);
    const proxy = { ...client, gatewayName: 'mesh', listenerPort: req.port, sni: req.sni, destinationIp: clusterIp(dnsService) };
    for (const { vs } of candidates) {
      trace.at(`VirtualService ${vs.meta.namespace}/${vs.meta.name} applies to ${dnsService.hostname}`, vs.meta, ['spec', 'hosts']);
      if (evaluateL4Routes(vs, protocol, proxy, res, ctx)) return;
      if (protocol === 'tcp' && vs.http.length) trace.at(`its http routes never apply to a ${protocol} port`, vs.meta, ['spec', 'http']);
    }
    return defaultServiceRoute(dnsService, req.port, res, ctx, protocol);
  }
  const vhost = stripPort(req.authority);
  const svc = lookupService(snap, vhost, client.namespace, withPort);
  if (!svc) {
    const nonService = req.port === 80 ? nonServiceVirtualService(snap, sidecarVirtualServices(snap, sidecar, client.namespace, req.port), vhost) : undefined;
    if (nonService) {
      trace.at(`VirtualService ${nonService.meta.namespace}/${nonService.meta.name} names ${vhost}, which is not in the service registry: it applies on port 80 only`, nonService.meta, ['spec', 'hosts']);
      const routes = buildHttpRoutes(snap, nonService, proxyContext(req), trace);
      if (routes.length) return evaluateHttpRoutes(routes, req, res, ctx, false);
    }
    const known = lookupService(snap, vhost, client.namespace, imported);
    return outbound(req, res, trace, policy, policyFrom, known ? `${known.hostname} has no port ${req.port}` : `no service answers to "${vhost}" on port ${req.port}`);
  }
  const users = virtualServicesForService(snap, sidecarVirtualServices(snap, sidecar, client.namespace, req.port), svc.hostname);
  const generated = meshVirtualServices(snap, svc);
  for (const c of generated.length ? orderCandidates(users, generated, client.namespace) : users.map((u) => ({ kind: 'user' as const, ...u }))) {
    if (c.kind === 'generated') {
      if (simulateMeshRoute(c.vs, svc, req, res, ctx)) return;
      continue;
    }
    const { vs, host } = c;
    const hostIndex = vsHosts(snap, vs).indexOf(host);
    trace.at(`VirtualService ${vs.meta.namespace}/${vs.meta.name} applies to ${svc.hostname}${host !== svc.hostname ? ` (through its host ${host})` : ''}`, vs.meta, ['spec', 'hosts', Math.max(0, hostIndex)]);
    const routes = buildHttpRoutes(snap, vs, proxyContext(req), trace);
    if (routes.length) return evaluateHttpRoutes(routes, req, res, ctx, false);
    trace.at(`VirtualService ${vs.meta.namespace}/${vs.meta.name} has no route for this client on port ${req.port}, so it does not apply`, vs.meta, ['spec', 'http']);
  }
  defaultServiceRoute(svc, req.port, res, ctx, 'http');
}

function proxyContext(req: SimRequest): ProxyContext {
  return { labels: req.source.labels, namespace: req.source.namespace, gatewayName: req.gateway, listenerPort: req.port };
}

function clusterIp(svc: RegistryService): string | undefined {
  return svc.source.kind === 'Service' ? svc.source.clusterIP : svc.source.addresses[0];
}

/** A mesh VirtualService whose host is not a registry service (route.go "gross HACK": port 80 only). */
function nonServiceVirtualService(snap: Snapshot, candidates: VirtualService[], name: string): VirtualService | undefined {
  let best: { vs: VirtualService; host: string } | undefined;
  for (const vs of candidates) {
    for (const h of vsHosts(snap, vs)) {
      if (!hostMatches(h, name) || snap.servicesByHost(h).length) continue;
      if (!best || compareSpecificity(h, best.host) < 0) best = { vs, host: h };
    }
  }
  return best?.vs;
}

/** No service: the catch-all virtual host passes through (ALLOW_ANY) or answers 502 (REGISTRY_ONLY). */
function outbound(req: SimRequest, res: SimResult, trace: Trace, policy: string, policyFrom: string, why: string): void {
  if (policy === 'REGISTRY_ONLY') {
    res.action = 'blackhole';
    res.status = res.protocol === 'http' ? 502 : null;
    if (res.protocol !== 'http') res.connection = 'closed';
    trace.note(`${why}; outboundTrafficPolicy is REGISTRY_ONLY (from ${policyFrom}): ${res.protocol === 'http' ? 'the BlackHole route answers 502' : 'the BlackHoleCluster drops the connection'}`);
  } else {
    res.action = 'passthrough';
    trace.note(`${why}; outboundTrafficPolicy is ALLOW_ANY (from ${policyFrom}): the PassthroughCluster forwards to the original destination ${req.host}:${req.port}`);
  }
}
