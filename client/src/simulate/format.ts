/** Words for a simulation result: the inline text after the route, the hover, the panel's
 *  labels. Pure (no vscode), so unit tests pin the wording. */
import type { SimDestination, Simulation } from './protocol';

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

function extras(res: Simulation): string[] {
  const out: string[] = [];
  if (res.rewrite && (res.rewrite.path || res.rewrite.authority)) out.push(`rewrite ${res.rewrite.authority ?? ''}${res.rewrite.path ?? ''}`);
  if (res.fault?.abort) out.push(`fault abort ${res.fault.abort.status ?? res.fault.abort.grpcStatus} ${res.fault.abort.percent}%`);
  if (res.fault?.delay) out.push(`fault delay ${res.fault.delay.duration} ${res.fault.delay.percent}%`);
  if (res.timeout) out.push(`timeout ${res.timeout}`);
  for (const m of res.mirrors ?? []) out.push(`mirror ${m.percent}% ${m.cluster}`);
  return out;
}

/** Why the request fell through: the last step of the trace says it best. */
function lastReason(res: Simulation): string {
  const t = res.trace[res.trace.length - 1];
  return t ? t.message : '';
}

/** The one line shown after the matched route (or the VirtualService / cursor line). */
export function inlineText(res: Simulation): string {
  const ns = homeNamespace(res);
  const head = `◀ ${requestLabel(res)} → `;
  switch (res.action) {
    case 'route':
    case 'defaultService': {
      const dests = res.destinations.map((d) => `${destinationLabel(d, ns)} · ${endpointsLabel(d, ns)}`).join('  |  ');
      const prefix = res.action === 'defaultService' ? 'no VirtualService, Service default: ' : '';
      return head + prefix + (dests || 'no destination') + extras(res).map((x) => ` · ${x}`).join('');
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

/** A short outcome for the panel's root and notifications. */
export function outcomeText(res: Simulation): string {
  switch (res.action) {
    case 'route': return res.destinations.length > 1 ? `routed to ${res.destinations.length} destinations` : 'routed';
    case 'defaultService': return 'default Service routing (no VirtualService)';
    case 'redirect': return `redirected (${res.redirect?.status})`;
    case 'directResponse': return `answered directly (${res.directResponse?.status})`;
    case 'noRoute': return 'no route (404)';
    case 'passthrough': return 'passed through (unknown host)';
    case 'blackhole': return `blackholed (${res.status ?? 502})`;
  }
}

/** Markdown for the decoration's hover: the outcome, then every trace step. */
export function hoverMarkdown(res: Simulation): string {
  const lines = [`**Istio Lens simulation** — \`${requestLabel(res)}\` (${res.request.authority}): ${outcomeText(res)}`, ''];
  for (const s of res.trace) lines.push(`- ${s.message}${s.file ? ` — \`${baseName(s.file)}${s.line !== null ? `:${s.line}` : ''}\`` : ''}`);
  return lines.join('\n');
}

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}
