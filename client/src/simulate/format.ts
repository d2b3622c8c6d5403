/** Words for a simulation result: the inline text after the route, the hover, the panel's
 *  labels. Pure (no vscode), so unit tests pin the wording. */
import type { SimDestination, SimMirror, Simulation } from './protocol';

/** `svc-hello.default.svc.cluster.local` → `svc-hello` in namespace default, `svc-hello.other` elsewhere. */
export function shortHost(host: string, namespace: string): string {
  const m = /^([^.]+)\.([^.]+)\.svc\.[^/]+$/.exec(host);
  if (!m) return host;
  return m[2] === namespace ? m[1] : `${m[1]}.${m[2]}`;
}

function shortPod(pod: string, namespace: string): string {
  const i = pod.indexOf('/');
  return i > 0 && pod.slice(0, i) === namespace ? pod.slice(i + 1) : pod;
}

/** The namespace host and pod names are shortened against: the deciding VirtualService's, else the client's. */
export function homeNamespace(res: Simulation): string {
  return res.virtualService?.namespace ?? res.request.source.namespace;
}

export function requestLabel(res: Simulation): string {
  const r = res.request;
  if (res.protocol !== 'http') return `${r.scheme}://${r.authority}`;
  return `${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`;
}

export function endpointsLabel(d: SimDestination, namespace: string): string {
  if (d.clusterExists === false) return `no such cluster (503)`;
  if (d.endpoints.length === 0) return 'no ready endpoints (503)';
  const names = d.endpoints.map((e) => (e.pod ? shortPod(e.pod, namespace) : e.ip ?? 'original destination'));
  const shown = names.length > 3 ? [...names.slice(0, 3), `+${names.length - 3}`] : names;
  return `${d.endpoints.length === 1 ? 'pod' : 'pods'} ${shown.join(', ')}`;
}

export function destinationLabel(d: SimDestination, namespace: string): string {
  return `${shortHost(d.host, namespace)}:${d.port}${d.subset ? ` (${d.subset})` : ''} ${d.weight}%`;
}

/** `mirror 100% outbound|8000|v2|httpbin… Host httpbin:8000 (httpbin-shadow:8000 with Istio 1.27 or older), pod httpbin-v2`. */
export function mirrorLabel(m: SimMirror, namespace: string): string {
  const head = `mirror ${m.percent}% ${m.cluster}`;
  if (m.clusterExists === false || m.missing) return `${head}: no such cluster, no copy is sent`;
  const host = m.authority ? ` Host ${m.authority}${m.shadowAuthority ? ` (${m.shadowAuthority} with Istio 1.27 or older)` : ''}` : '';
  const eps = m.endpoints;
  if (!eps) return head + host;
  return `${head}${host}, ${eps.length ? endpointsLabel({ host: m.host ?? '', subset: null, port: 0, weight: 0, endpoints: eps }, namespace) : 'no ready endpoints (the copies fail)'}`;
}

function extras(res: Simulation): string[] {
  const out: string[] = [];
  if (res.rewrite && (res.rewrite.path || res.rewrite.authority)) out.push(`rewrite ${res.rewrite.authority ?? ''}${res.rewrite.path ?? ''}`);
  if (res.fault?.abort) out.push(`fault abort ${res.fault.abort.status ?? res.fault.abort.grpcStatus} ${res.fault.abort.percent}%`);
  if (res.fault?.delay) out.push(`fault delay ${res.fault.delay.duration} ${res.fault.delay.percent}%`);
  if (res.timeout) out.push(`timeout ${res.timeout}`);
  for (const m of res.mirrors ?? []) out.push(mirrorLabel(m, homeNamespace(res)));
  return out;
}

/** Why the request fell through: the last step of the trace says it best. */
function lastReason(res: Simulation): string {
  const t = res.trace[res.trace.length - 1];
  return t ? t.message : '';
}

/** Destinations whose requests fail: no cluster (no such service, port or subset) or no ready
 *  endpoint, both answered 503 by Envoy. */
export function failingDestinations(res: Simulation): SimDestination[] {
  return res.destinations.filter((d) => d.clusterExists === false || d.endpoints.length === 0);
}

/** The share of requests that fail with 503, 0 when every destination can serve them. */
export function failingShare(res: Simulation): number {
  return failingDestinations(res).reduce((n, d) => n + d.weight, 0);
}

function failureReason(d: SimDestination): string {
  return d.clusterExists === false ? 'no such cluster' : 'no ready endpoints';
}

/** `⚠ 10% fail (503 no such cluster)`: what fails and for what share, or '' when nothing does. */
export function failureText(res: Simulation): string {
  const failing = failingDestinations(res);
  if (!failing.length || (res.action !== 'route' && res.action !== 'defaultService')) return '';
  const reasons = [...new Set(failing.map(failureReason))].join(', ');
  const share = failingShare(res);
  return `⚠ ${share >= 100 ? 'all requests fail' : `${share}% fail`} (503 ${reasons})`;
}

const INLINE_DESTINATIONS = 3;

/** The one line shown after the matched route (or the VirtualService): the action, each
 *  destination and its share, kept short for the editor's width; pods, rewrites, faults and the
 *  trace are in its hover. */
export function inlineText(res: Simulation): string {
  const ns = homeNamespace(res);
  const head = `◀ ${requestLabel(res)} → `;
  if (res.connection) return `${head}connection ${res.connection}: ${lastReason(res)}`;
  switch (res.action) {
    case 'route':
    case 'defaultService': {
      const shown = res.destinations.slice(0, INLINE_DESTINATIONS).map((d) => destinationLabel(d, ns) + (failingDestinations(res).includes(d) ? ' (503)' : ''));
      if (res.destinations.length > INLINE_DESTINATIONS) shown.push(`+${res.destinations.length - INLINE_DESTINATIONS} more`);
      const prefix = res.action === 'defaultService' ? 'no VirtualService, Service default: ' : '';
      const failure = failureText(res);
      return head + (failure ? `${failure} · ` : '') + prefix + (shown.join(', ') || 'no destination');
    }
    case 'redirect':
      return `${head}redirect ${res.redirect?.status ?? ''} Location: ${res.redirect?.location ?? '?'}`;
    case 'directResponse': {
      const body = res.directResponse?.body;
      return `${head}direct response ${res.directResponse?.status ?? ''}${body ? ` ${JSON.stringify(body.length > 40 ? body.slice(0, 40) + '…' : body)}` : ''}`;
    }
    case 'noRoute':
      return `${head}404 no route: ${res.virtualService ? `no http route of ${res.virtualService.name} matches` : lastReason(res)}`;
    case 'passthrough':
      return `${head}passthrough to the original destination (host not in the registry, ALLOW_ANY)`;
    case 'blackhole':
      return `${head}blackhole ${res.status ?? 502} (host not in the registry, REGISTRY_ONLY)`;
  }
}

/** A short outcome for the panel's root and notifications; it never reads as a success when
 *  requests fail. */
export function outcomeText(res: Simulation): string {
  if (res.connection) return `connection ${res.connection} (no HTTP answer)`;
  switch (res.action) {
    case 'route':
    case 'defaultService': {
      const base = res.action === 'defaultService' ? 'default Service routing (no VirtualService)'
        : res.destinations.length > 1 ? `routed to ${res.destinations.length} destinations` : 'routed';
      const failure = failureText(res);
      return failure ? `${failure.replace(/^⚠ /, '')}: ${base}` : base;
    }
    case 'redirect': return `redirected (${res.redirect?.status})`;
    case 'directResponse': return `answered directly (${res.directResponse?.status})`;
    case 'noRoute': return 'no route (404)';
    case 'passthrough': return 'passed through (unknown host)';
    case 'blackhole': return `blackholed (${res.status ?? 502})`;
  }
}

/** Does the outcome deserve a warning icon rather than a check mark? */
export function outcomeFails(res: Simulation): boolean {
  if (res.action === 'route' || res.action === 'defaultService') return failingShare(res) > 0;
  return res.action !== 'redirect';
}

/** Markdown for the decoration's hover: the outcome, then every trace step. */
export function hoverMarkdown(res: Simulation): string {
  const ns = homeNamespace(res);
  const lines = [`**Istio Lens simulation** — \`${requestLabel(res)}\` (${res.request.authority}): ${outcomeText(res)}`, ''];
  for (const d of res.destinations) lines.push(`- ${destinationLabel(d, ns)} — ${endpointsLabel(d, ns)}`);
  for (const x of extras(res)) lines.push(`- ${x}`);
  if (res.destinations.length || extras(res).length) lines.push('', '**Trace**', '');
  for (const s of res.trace) lines.push(`- ${s.message}${s.file ? ` — \`${baseName(s.file)}${s.line !== null ? `:${s.line}` : ''}\`` : ''}`);
  return lines.join('\n');
}

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}
