import { intersectHost, routeStatus, type ParentResult } from '../gatewayapi';
import type { GRPCRoute, HTTPRoute, ValueMatch } from '../gatewayapi/types';
import type { StringMatch } from '../model/istioTypes';
import type { RequestInput } from '../routing/request';
import { isWildcard } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import { decidingRoute } from './lensDecision';
import { quote, sampleValue, type RouteRequest } from './routeRequest';
import { serviceFor, workloadsOf } from './workspaceFacts';

/** A request that exercises one rule of an HTTPRoute or GRPCRoute, built from the rule's first match:
 *  through the first listener the route attached to (its port, a hostname both accept), or for a
 *  Service parent (GAMMA) to that Service from a client of the route's namespace; the engine then
 *  says whether the rule decides it. */

export type RuleRoute = HTTPRoute | GRPCRoute;

const regexOrExact = (m: { type: string; value: string }): StringMatch => ({ kind: m.type === 'RegularExpression' ? 'regex' : 'exact', value: m.value });

/** A concrete host for a hostname that may be a wildcard (`*.example.com` → `www.example.com`). */
function concrete(host: string): string {
  if (host === '*' || host === '') return 'example.com';
  return isWildcard(host) ? `www${host.slice(1)}` : host;
}

/** The authority a request through a listener uses: a route hostname the listener accepts. */
function gatewayHost(route: RuleRoute, parent: ParentResult): string {
  const listenerHost = parent.listener!.listener.hostname ?? '*';
  const candidates = route.hostnames.length ? route.hostnames : ['*'];
  for (const h of candidates) {
    const both = intersectHost(listenerHost, h);
    if (both) return concrete(both);
  }
  return concrete(listenerHost);
}

/** Path, method, headers and query of the rule's first match. */
function matchParts(route: RuleRoute, ruleIndex: number): { path: string; method: string; headers: [string, string][]; query: string } {
  const headers = (list: ValueMatch[]) => list.map((h): [string, string] => [h.name, sampleValue(regexOrExact(h), 'x')]);
  if (route.kind === 'GRPCRoute') {
    const m = route.rules[ruleIndex]?.matches[0];
    const mm = m?.method;
    const part = (v: string | undefined, fallback: string) => (v === undefined ? fallback : sampleValue(regexOrExact({ type: mm!.type, value: v }), fallback));
    const path = mm ? `/${part(mm.service, 'pkg.Service')}/${part(mm.method, 'Method')}` : '/pkg.Service/Method';
    return { path, method: 'POST', headers: [['content-type', 'application/grpc'], ...headers(m?.headers ?? [])], query: '' };
  }
  const m = route.rules[ruleIndex]?.matches[0];
  const p = m?.pathMatch;
  const path = !p ? '/' : p.type === 'RegularExpression' ? sampleValue({ kind: 'regex', value: p.value }, '/') : p.value;
  const query = (m?.queryParams ?? []).map((q) => `${q.name}=${sampleValue(regexOrExact(q), 'x')}`).join('&');
  return { path: path.startsWith('/') ? path : `/${path}`, method: m?.method ?? 'GET', headers: headers(m?.headers ?? []), query };
}

/** The parent to send the request through: the first that accepted the route, else the first listener
 *  or Service it names (the simulation then says why the rule is not reached). */
function chooseParent(snap: Snapshot, route: RuleRoute): ParentResult | undefined {
  const results = routeStatus(snap, route).results;
  return results.find((r) => !r.denied) ?? results.find((r) => r.listener || r.service);
}

export function requestForRule(snap: Snapshot, route: RuleRoute, ruleIndex: number): RouteRequest | undefined {
  if (!route.rules[ruleIndex]) return undefined;
  const parent = chooseParent(snap, route);
  if (!parent) return undefined;
  const { path, method, headers, query } = matchParts(route, ruleIndex);
  const words: string[] = [method];
  const input: RequestInput = { url: '', method, headers: headers.map(([k, v]) => `${k}: ${v}`), source: { namespace: route.meta.namespace, labels: {} } };
  let url: string;
  if (parent.listener) {
    const l = parent.listener.listener;
    const scheme = l.protocol === 'HTTPS' ? 'https' : 'http';
    const port = l.port ?? 80;
    const host = gatewayHost(route, parent);
    url = `${scheme}://${host}${port === (scheme === 'https' ? 443 : 80) ? '' : `:${port}`}${path}${query ? `?${query}` : ''}`;
    const gw = parent.listener.gateway.meta;
    // An Istio Gateway of the same name would be chosen without the group (gatewayChoice.ts).
    const twin = snap.gateways.some((g) => g.meta.namespace === gw.namespace && g.meta.name === gw.name);
    input.gateway = `${twin ? 'gateway.networking.k8s.io/' : ''}${gw.namespace}/${gw.name}`;
  } else {
    const svc = serviceFor(snap, parent.parentRef.name, parent.parentRef.namespace);
    if (!svc) return undefined;
    const port = parent.parentRef.port ?? svc.ports.find((p) => p.protocol !== 'tcp' && p.protocol !== 'tls' && p.protocol !== 'udp')?.port ?? 80;
    url = `http://${svc.hostname}${port === 80 ? '' : `:${port}`}${path}${query ? `?${query}` : ''}`;
    // A client of the route's namespace (a consumer route applies to no other), not behind the Service.
    const behind = new Set(workloadsOf(snap, svc));
    const client = snap.workloadsIn(route.meta.namespace).find((w) => !behind.has(w) && !w.fromTemplate) ?? snap.workloadsIn(route.meta.namespace).find((w) => !behind.has(w));
    if (client) input.source = { namespace: client.namespace, labels: { ...client.labels }, workload: `${client.namespace}/${client.name}` };
  }
  input.url = url;
  words.push(quote(url), ...headers.flatMap(([k, v]) => ['-H', quote(`${k}: ${v}`)]));
  if (input.gateway) words.push('--gateway', quote(input.gateway));
  else if (input.source?.workload) words.push('--from', quote(input.source.workload));
  else if (route.meta.namespace !== snap.options.defaultNamespace) words.push('--source-namespace', quote(route.meta.namespace));
  return { commandLine: words.join(' '), input, matches: decides(snap, input, route, ruleIndex) };
}

function decides(snap: Snapshot, input: RequestInput, route: RuleRoute, ruleIndex: number): boolean {
  const g = decidingRoute(snap, input, route.meta.file)?.gatewayApiRoute;
  return !!g && g.ruleIndex === ruleIndex && g.resource.kind === route.kind && g.resource.meta.file === route.meta.file
    && g.resource.meta.namespace === route.meta.namespace && g.resource.meta.name === route.meta.name;
}
