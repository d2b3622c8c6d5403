import { isProgrammedByIstio, isServiceParent, routeStatus, type RouteParentStatus } from '../gatewayapi';
import type { GatewayApiRoute, ParentRef } from '../gatewayapi/types';
import type { Snapshot } from '../workspace/snapshot';
import { meshParentText } from './gatewayApiMeshParent';
import { ruleReachability } from './ruleFindings';
import type { RuleRoute } from './ruleRequest';
import { checkedFor, matchSummary, ruleAction, ruleBackends, type RuleBackend } from './ruleSummary';
import { workloadsOf } from './workspaceFacts';

/** The route preview of an HTTPRoute or GRPCRoute, in markdown: where it attached (each listener, or
 *  the parent Service) or why not, as the status Istio writes says (istio/istio
 *  pilot/pkg/config/kube/gateway/conditions.go createRouteStatus); then each rule with its backends,
 *  their shares and the pods behind them, as Istio converts the rules (conversion.go convertHTTPRoute). */

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function parentLabel(p: ParentRef): string {
  const kind = p.kind === 'Gateway' ? 'Gateway' : p.kind;
  return `${kind} ${p.namespace}/${p.name}${p.sectionName ? ` section ${p.sectionName}` : ''}${p.port ? ` port ${p.port}` : ''}`;
}

/** One line per parentRef: the listeners it attached to, or the reason it did not. */
export function parentLines(snap: Snapshot, route: GatewayApiRoute): string[] {
  const st = routeStatus(snap, route);
  return route.parentRefs.map((ref) => {
    const p = st.parents.find((x) => x.parentRef === ref);
    if (p?.accepted && isServiceParent(ref)) return `- ${parentLabel(ref)}: ${meshParentText(snap, route, p)}`;
    return `- ${parentLabel(ref)}: ${p ? parentText(p) : unstatusedText(snap, ref)}`;
  });
}

function parentText(p: RouteParentStatus): string {
  if (!p.accepted) return `⚠ not attached: ${p.reason} (${p.message})`;
  const listeners = p.attached.map((a) => `\`${a.listener!.listener.name}\` (port ${a.listener!.listener.port ?? '?'} ${a.listener!.listener.protocol}${a.listener!.listener.hostname ? ` ${a.listener!.listener.hostname}` : ''})`);
  return `attached to listener${listeners.length > 1 ? 's' : ''} ${listeners.join(', ')}`;
}

/** A parentRef Istio writes no status for: of another kind, or to a Gateway missing or not Istio's. */
function unstatusedText(snap: Snapshot, ref: ParentRef): string {
  if (ref.kind !== 'Gateway' || ref.group !== 'gateway.networking.k8s.io') return `⚠ ignored by Istio: a parent of kind ${ref.group || 'core'}/${ref.kind} is not supported`;
  const gw = snap.kubernetesGateways().get(`${ref.namespace}/${ref.name}`);
  if (!gw) return '⚠ not attached: no such Gateway in the workspace';
  return isProgrammedByIstio(gw, snap.gatewayClasses) ? '⚠ not attached' : `⚠ not attached: class \`${gw.gatewayClassName}\` is not programmed by Istio`;
}

function podsOf(snap: Snapshot, b: RuleBackend): string {
  if (b.invalid) return `⚠ Envoy answers 500 (${b.invalid})`;
  const svc = b.host ? snap.serviceByHost(b.host) : undefined;
  if (!svc) return '⚠ not a Service in the workspace';
  if (b.port !== undefined && !svc.ports.some((p) => p.port === b.port)) return `⚠ the Service has no port ${b.port}: Envoy answers 500`;
  const pods = workloadsOf(snap, svc).filter((w) => w.ready);
  return pods.length ? pods.map((w) => w.name).join(', ') : '⚠ no ready endpoints';
}

function ruleRows(snap: Snapshot, route: RuleRoute, indexes: number[]): string[] {
  const checked = checkedFor(snap, route);
  const out = ['| rule | matches | action | backend | share | pods |', '| --- | --- | --- | --- | --- | --- |'];
  for (const i of indexes) {
    const rule = route.rules[i];
    const reach = ruleReachability(snap, route, i);
    const name = `rules[${i}]${rule.name ? ` ${cell(rule.name)}` : ''}`;
    const label = !reach ? name : reach.unreachable ? `~~${name}~~ ⚠ unreachable` : `${name} ⚠ ${reach.flagged} of ${reach.matches} matches unreachable`;
    const head = `| ${label} | ${cell(matchSummary(route, i))} |`;
    const backends = checked.rules[i] && !checked.dropped ? ruleBackends(route, checked.rules[i]) : [];
    const isRoute = backends.length > 0 && !rule.filters.some((f) => f.type === 'RequestRedirect');
    if (!isRoute) {
      out.push(`${head} ${cell(ruleAction(snap, route, i))} | — | — | — |`);
      continue;
    }
    backends.forEach((b, j) => out.push(`${j === 0 ? `${head} route |` : '| | | |'} \`${b.label}\` | ${b.share}% | ${cell(podsOf(snap, b))} |`));
  }
  return out;
}

function header(snap: Snapshot, route: RuleRoute): string[] {
  const lines = [`**${route.kind} ${route.meta.namespace}/${route.meta.name}**`, ''];
  if (route.hostnames.length) lines.push(`hostnames: ${route.hostnames.map((h) => `\`${h}\``).join(', ')}`, '');
  lines.push('parents:', ...parentLines(snap, route));
  const checked = checkedFor(snap, route);
  if (checked.dropped) lines.push('', `⚠ Istio drops all its rules: ${checked.dropped.reason} (${checked.dropped.message})`);
  else if (checked.error) lines.push('', `⚠ ResolvedRefs: ${checked.error.reason} (${checked.error.message})`);
  return lines;
}

/** Hovering a route's name: its parents, then every rule. */
export function gatewayRoutePreview(snap: Snapshot, route: RuleRoute): string {
  const rules = route.rules.map((_, i) => i);
  return [...header(snap, route), '', ...(rules.length ? ruleRows(snap, route, rules) : ['*No rules.*'])].join('\n');
}

/** Hovering a rule (`- matches:`, `backendRefs:`): that rule, with the route's parents. */
export function gatewayRulePreview(snap: Snapshot, route: RuleRoute, index: number): string | undefined {
  if (!route.rules[index]) return undefined;
  const why = (ruleReachability(snap, route, index)?.findings ?? []).map((f) => `⚠ ${f.code}: ${f.message}  `);
  return [...header(snap, route), '', ...ruleRows(snap, route, [index]), ...(why.length ? ['', ...why] : [])].join('\n');
}

