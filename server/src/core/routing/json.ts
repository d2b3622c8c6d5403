import type { ResourceMeta } from '../model/resource';
import { spanAt } from '../model/resource';
import type { Positions } from '../workspace/positions';
import type { Endpoint } from './destinations';
import type { Distribution } from './sample';
import type { SimResult } from './result';

export function resourceLine(meta: ResourceMeta, pos: Positions): number | null {
  return pos.line(meta.file, spanAt(meta, []).start);
}

function endpointJson(e: Endpoint): Record<string, unknown> {
  return { pod: e.pod, ip: e.ip, port: e.port, ...(e.fromTemplate ? { fromTemplate: e.fromTemplate } : {}) };
}

/** The `simulate --json` object (docs/cli-json.md): names fixed, extra fields welcome. */
export function simulateJson(res: SimResult, pos: Positions, distribution?: Distribution): Record<string, unknown> {
  const vsRef = (meta: ResourceMeta) => ({ namespace: meta.namespace, name: meta.name, file: meta.file, line: resourceLine(meta, pos) });
  const r = res.request;
  // The route that decided, whatever its source (the Gateway API evaluation writes its own field).
  const decided = res.route ?? res.gatewayApiRoute ?? null;
  return {
    request: {
      scheme: r.scheme, authority: r.authority, port: r.port, method: r.method, path: r.path, ...(r.rawPath !== undefined ? { rawPath: r.rawPath } : {}), query: r.query || null,
      headers: r.headers, sni: r.sni ?? null, source: r.source, gateway: r.gateway,
    },
    protocol: res.protocol,
    action: res.action,
    status: res.status,
    connection: res.connection ?? null,
    virtualService: res.virtualService ? vsRef(res.virtualService.meta) : null,
    rootVirtualService: res.rootVirtualService ? { ...vsRef(res.rootVirtualService.vs.meta), httpRouteIndex: res.rootVirtualService.httpRouteIndex } : null,
    httpRouteIndex: res.httpRouteIndex,
    matchIndex: res.matchIndex,
    tcpRouteIndex: res.tcpRouteIndex,
    tlsRouteIndex: res.tlsRouteIndex,
    // `line` is the rule's.
    route: decided ? {
      kind: decided.resource.meta.kind, namespace: decided.resource.meta.namespace, name: decided.resource.meta.name,
      file: decided.resource.meta.file, line: pos.line(decided.resource.meta.file, spanAt(decided.resource.meta, decided.rulePath).start),
    } : null,
    ruleIndex: decided?.ruleIndex ?? null,
    destinations: res.destinations.map((d) => ({
      host: d.host, subset: d.subset, port: d.port, weight: d.weight,
      endpoints: d.endpoints.map(endpointJson),
      trafficPolicy: d.trafficPolicy, loadBalancer: d.loadBalancer, cluster: d.cluster, clusterExists: !d.missing,
      ...(d.missing ? { clusterMissing: d.missing } : {}),
      ...(d.headers ? { headers: d.headers } : {}), ...(d.requestHeaders ? { requestHeaders: d.requestHeaders } : {}),
    })),
    rewrite: res.rewrite,
    redirect: res.redirect,
    directResponse: res.directResponse,
    fault: res.fault,
    timeout: res.timeout,
    retries: res.retries,
    // Fields before `endpoints` are the original ones, in their order; the rest were added after.
    mirrors: res.mirrors.map((m) => ({
      host: m.host, subset: m.subset, port: m.port, percent: m.percent, cluster: m.cluster, ...(m.missing ? { missing: m.missing } : {}),
      clusterExists: !m.missing, endpoints: m.endpoints.map(endpointJson), loadBalancer: m.loadBalancer,
      authority: m.authority, shadowAuthority: m.shadowAuthority, ...(m.requestHeaders ? { requestHeaders: m.requestHeaders } : {}),
    })),
    headers: res.headers,
    ...(res.requestHeaders !== undefined ? { requestHeaders: res.requestHeaders } : {}),
    corsPolicy: res.corsPolicy,
    ...(res.cors ? { cors: res.cors } : {}),
    trace: res.trace.map((s) => ({ message: s.message, file: s.file ?? null, line: s.file && s.span ? pos.line(s.file, s.span.start) : null })),
    ...(distribution ? { distribution } : {}),
  };
}

