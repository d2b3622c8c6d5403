import type { Obj } from '../model/coerce';
import type { Destination, Headers } from '../model/istioTypes';
import type { ResourceMeta } from '../model/resource';
import type { Service } from '../model/service';
import type { ServiceEntry } from '../model/serviceEntry';
import { labelsMatch, resolveShortname } from '../workspace/hosts';
import type { RegistryService, ServicePort, Snapshot } from '../workspace/snapshot';
import type { Path } from '../yaml/locate';
import { findDestinationRule, findSubset, rootNamespaceNote, topLevelPolicy } from './destinationRules';
import type { Trace } from './trace';
import { effectiveTrafficPolicy, loadBalancerOf, type LoadBalancer } from './trafficPolicy';

export interface Endpoint {
  /** `namespace/name` of the pod, or of the workload whose template stands for its pods. */
  pod: string | null;
  ip: string | null;
  port: number | null;
  /** `Deployment/name` when the endpoint stands for the pods of a workload template. */
  fromTemplate?: string;
}

export interface ResolvedDestination {
  host: string;
  subset: string | null;
  /** The service port of the cluster. */
  port: number;
  /** Share of traffic in percent. */
  weight: number;
  endpoints: Endpoint[];
  trafficPolicy: Obj | null;
  loadBalancer: LoadBalancer;
  /** Envoy cluster name, `outbound|port|subset|host`. */
  cluster: string;
  /** Why the cluster does not exist (Envoy answers 503 NC), when it does not. */
  missing?: string;
  /** Index in the route's destination list. */
  index?: number;
  /** Set for a Gateway API rule whose backends have header filters of their own: this backend's own
   *  operations, and the request headers it receives (its operations, then the route's). */
  headers?: Headers;
  requestHeaders?: Record<string, string>;
}

export interface Client {
  namespace: string;
  labels: Record<string, string>;
}

/** How a destination without `port` gets its port (route.go GetDestinationCluster): on a sidecar only
 *  services that expose the listener port are looked up, so the listener port is used; on gateways
 *  and for TCP/TLS routes the full service is looked up, and its only port is used. */
export type PortRule = 'listener' | 'onlyPortElseListener';

export interface DestinationContext {
  snap: Snapshot;
  client: Client;
  listenerPort: number;
  portRule: PortRule;
  trace: Trace;
  /** What Envoy answers when a route's cluster does not exist (RouteAction
   *  cluster_not_found_response_code): 503 unless the route says otherwise. */
  clusterNotFoundStatus?: number;
}

export function clusterName(port: number, subset: string | undefined, host: string): string {
  return `outbound|${port}|${subset ?? ''}|${host}`;
}

function choosePort(dest: Destination, svc: RegistryService | undefined, ctx: DestinationContext): number {
  if (dest.port) return dest.port;
  if (ctx.portRule === 'onlyPortElseListener' && svc && svc.ports.length === 1) return svc.ports[0].port;
  return ctx.listenerPort;
}

/** Resolves one route destination to its cluster and endpoints, tracing each decision. */
export function resolveDestination(dest: Destination, owner: ResourceMeta, path: Path, weight: number, ctx: DestinationContext): ResolvedDestination {
  const { snap, trace } = ctx;
  const host = resolveShortname(dest.host, owner.namespace, snap.options.clusterDomain);
  const svc = snap.serviceByHost(host, ctx.client.namespace);
  const port = choosePort(dest, svc, ctx);
  const out: ResolvedDestination = {
    host, subset: dest.subset ?? null, port, weight, endpoints: [], trafficPolicy: null, loadBalancer: 'LEAST_REQUEST',
    cluster: clusterName(port, dest.subset, host),
  };
  if (host !== dest.host.toLowerCase()) trace.at(`destination host "${dest.host}" is a short name: it means ${host} (the namespace of ${owner.kind} ${owner.namespace}/${owner.name})`, owner, [...path, 'host']);
  if (!svc) {
    out.missing = `no Service or ServiceEntry ${host} is visible from namespace ${ctx.client.namespace}`;
    trace.at(`cluster ${out.cluster} does not exist: ${out.missing}; Envoy answers ${ctx.clusterNotFoundStatus ?? 503} (NC)`, owner, [...path, 'host']);
    return out;
  }
  const svcPort = svc.ports.find((p) => p.port === port);
  if (!svcPort) {
    out.missing = `${kindOf(svc)} ${svc.namespace}/${nameOf(svc)} has no port ${port}` + (dest.port ? '' : ` (no destination port was given, so the request's port ${ctx.listenerPort} is used)`);
    trace.at(`cluster ${out.cluster} does not exist: ${out.missing}; Envoy answers ${ctx.clusterNotFoundStatus ?? 503} (NC)`, owner, [...path, dest.port ? 'port' : 'host']);
    return out;
  }
  const dr = findDestinationRule(snap, svc.hostname, svc.namespace, ctx.client);
  let subsetLabels: Record<string, string> = {};
  let subsetPolicy: Obj | undefined;
  if (dr) {
    const r = dr.rules[0];
    const why = `DestinationRule ${r.meta.namespace}/${r.meta.name} (host ${dr.host}) applies to ${svc.hostname} for clients in ${ctx.client.namespace} (${dr.level === 'root' ? rootNamespaceNote(ctx.snap) : `${dr.level} namespace`})`;
    // Weighted subsets of one host share the rule: say it once.
    if (!trace.steps.some((s) => s.message === why)) trace.at(why, r.meta, ['spec', 'host']);
  }
  if (dest.subset) {
    const found = dr && findSubset(dr, dest.subset);
    if (!found) {
      out.missing = dr ? `subset "${dest.subset}" is not defined in DestinationRule ${dr.rules[0].meta.namespace}/${dr.rules[0].meta.name}` : `no DestinationRule for ${svc.hostname} is visible from namespace ${ctx.client.namespace}, so subset "${dest.subset}" is undefined`;
      trace.at(`cluster ${out.cluster} does not exist: ${out.missing}; Envoy answers ${ctx.clusterNotFoundStatus ?? 503} (NC)`, owner, [...path, 'subset']);
      return out;
    }
    subsetLabels = found.subset.labels;
    subsetPolicy = found.subset.trafficPolicy;
    trace.at(`subset "${dest.subset}" selects labels ${formatLabels(subsetLabels)}`, found.rule.meta, ['spec', 'subsets', found.subset.index]);
  }
  out.trafficPolicy = effectiveTrafficPolicy(dr ? topLevelPolicy(dr)?.policy : undefined, subsetPolicy, port);
  out.loadBalancer = loadBalancerOf(out.trafficPolicy);
  out.endpoints = endpointsOf(svc, svcPort, subsetLabels, ctx);
  if (out.endpoints.length === 0) trace.note(`cluster ${out.cluster} has no ready endpoints: Envoy answers 503 (UH, no healthy upstream)`);
  return out;
}

function kindOf(svc: RegistryService): string {
  return svc.source.kind;
}

function nameOf(svc: RegistryService): string {
  return svc.source.meta.name;
}

/** Lowered label maps never change: each is formatted once (every simulation through a subset says its labels). */
const formatted = new WeakMap<Record<string, string>, string>();

export function formatLabels(labels: Record<string, string>): string {
  let text = formatted.get(labels);
  if (text === undefined) {
    const e = Object.entries(labels);
    formatted.set(labels, (text = e.length ? `{${e.map(([k, v]) => `${k}=${v}`).join(', ')}}` : '{}'));
  }
  return text;
}

/** Ready pods (or workload templates) behind a service port, narrowed by subset labels. */
export function endpointsOf(svc: RegistryService, port: ServicePort, subsetLabels: Record<string, string>, ctx: DestinationContext): Endpoint[] {
  return svc.source.kind === 'Service'
    ? serviceEndpoints(svc.source, port, subsetLabels, ctx)
    : serviceEntryEndpoints(svc, svc.source, port, subsetLabels, ctx);
}

function serviceEndpoints(svc: Service, port: ServicePort, subsetLabels: Record<string, string>, ctx: DestinationContext): Endpoint[] {
  if (svc.type === 'ExternalName' && svc.externalName) {
    ctx.trace.at(`Service ${svc.meta.namespace}/${svc.meta.name} is an ExternalName for ${svc.externalName}: DNS decides the address`, svc.meta, ['spec', 'externalName']);
    return [{ pod: null, ip: svc.externalName, port: port.port }];
  }
  if (!svc.selector) {
    ctx.trace.at(`Service ${svc.meta.namespace}/${svc.meta.name} has no selector: its endpoints are managed by hand and not in the workspace`, svc.meta, ['spec']);
    return [];
  }
  const out: Endpoint[] = [];
  for (const w of ctx.snap.selectWorkloads(svc.meta.namespace, svc.selector)) {
    if (!labelsMatch(subsetLabels, w.labels)) continue;
    if (!w.ready) {
      ctx.trace.at(`${w.kind} ${w.namespace}/${w.name} is not ready (${w.notReadyReason}): not an endpoint`, w.meta, []);
      continue;
    }
    const target = port.targetPort ?? port.port;
    let targetPort: number | undefined;
    if (typeof target === 'number') targetPort = target;
    else {
      targetPort = w.containerPorts.find((c) => c.name === target)?.containerPort;
      if (targetPort === undefined) {
        ctx.trace.at(`${w.kind} ${w.namespace}/${w.name} has no container port named "${target}": not an endpoint of port ${port.port}`, w.meta, w.podSpecPath);
        continue;
      }
    }
    out.push({
      pod: `${w.namespace}/${w.name}`, ip: w.ip ?? null, port: targetPort,
      ...(w.fromTemplate ? { fromTemplate: `${w.kind}/${w.name}` } : {}),
    });
  }
  return out;
}

function serviceEntryEndpoints(reg: RegistryService, se: ServiceEntry, port: ServicePort, subsetLabels: Record<string, string>, ctx: DestinationContext): Endpoint[] {
  const targetPort = typeof port.targetPort === 'number' ? port.targetPort : port.port;
  if (se.workloadSelector) {
    return ctx.snap
      .selectWorkloads(se.meta.namespace, se.workloadSelector)
      .filter((w) => w.ready && labelsMatch(subsetLabels, w.labels))
      .map((w) => ({ pod: `${w.namespace}/${w.name}`, ip: w.ip ?? null, port: targetPort, ...(w.fromTemplate ? { fromTemplate: `${w.kind}/${w.name}` } : {}) }));
  }
  if (se.endpoints.length) {
    return se.endpoints
      .filter((e) => labelsMatch(subsetLabels, e.labels))
      .map((e) => ({ pod: null, ip: e.address ?? null, port: (port.name && e.ports[port.name]) || targetPort }));
  }
  if ((se.resolution ?? 'NONE') === 'DNS' || se.resolution === 'DNS_ROUND_ROBIN') {
    return reg.hostname.startsWith('*') ? [] : [{ pod: null, ip: reg.hostname, port: targetPort }];
  }
  // resolution NONE: the original destination address is used (passthrough to what the client resolved).
  return [{ pod: null, ip: null, port: targetPort }];
}
