import { isServiceParent, routeStatus, type CheckedRoute, type CheckedRule } from '../gatewayapi';
import type { GatewayApiRoute } from '../gatewayapi/types';
import { backendShares } from '../routing/shares';
import type { Snapshot } from '../workspace/snapshot';
import { ruleReachability } from './ruleFindings';
import type { RuleRoute } from './ruleRequest';

/** One line per Gateway API rule, as the lens above it and the hovers show it: the first match's
 *  conditions, then where it sends traffic with each backend's share, as Istio converts the rule
 *  (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute, buildHTTPDestination). */

export interface RuleBackend {
  /** `name:port` as written, with the namespace when it is not the route's. */
  label: string;
  /** Percent of requests (rounded to two decimals). */
  share: number;
  /** The Service FQDN, when the backend resolves. */
  host?: string;
  port?: number;
  /** Why Envoy answers 500 for this share (BackendNotFound, RefNotPermitted, ...). */
  invalid?: string;
}

/** The conversion that applies: for Service parents (no ReferenceGrant checks) when the route's
 *  accepted parents are all Services, else for Gateway parents. */
export function checkedFor(snap: Snapshot, route: GatewayApiRoute): CheckedRoute {
  const st = routeStatus(snap, route);
  const accepted = st.parents.filter((p) => p.accepted);
  const mesh = accepted.length ? accepted.every((p) => isServiceParent(p.parentRef)) : route.parentRefs.some(isServiceParent);
  return mesh ? st.mesh : st.gateway;
}

export function ruleBackends(route: GatewayApiRoute, rule: CheckedRule): RuleBackend[] {
  const shares = backendShares(rule.backends.map((b) => b.backendRef.weight));
  return rule.backends.map((b, i) => ({
    label: `${b.ref.namespace !== route.meta.namespace ? `${b.ref.namespace}/` : ''}${b.ref.name}:${b.ref.port ?? '?'}`,
    share: shares[i],
    host: b.error ? undefined : b.host,
    port: b.port,
    invalid: b.error ? `${b.error.reason}: ${b.error.message}` : undefined,
  }));
}

/** The first match of a rule, short (`/v2*`, `=/old`, `~^/a.*`, `GET`, `2 headers`), `*` for none. */
export function matchSummary(route: RuleRoute, ruleIndex: number): string {
  const rule = route.rules[ruleIndex];
  if (!rule) return '*';
  const parts: string[] = [];
  if (route.kind === 'HTTPRoute') {
    const m = route.rules[ruleIndex].matches[0];
    const p = m?.pathMatch;
    if (p) parts.push(p.type === 'Exact' ? `=${p.value}` : p.type === 'RegularExpression' ? `~${p.value}` : p.value === '/' ? '*' : `${p.value.replace(/\/$/, '')}*`);
    if (m?.method) parts.push(m.method);
    if (m?.headers.length) parts.push(`${m.headers.length} header${m.headers.length > 1 ? 's' : ''}`);
    if (m?.queryParams.length) parts.push(`${m.queryParams.length} query param${m.queryParams.length > 1 ? 's' : ''}`);
  } else {
    const m = route.rules[ruleIndex].matches[0];
    if (m?.method) parts.push(`/${m.method.service ?? '*'}/${m.method.method ?? '*'}`);
    if (m?.headers.length) parts.push(`${m.headers.length} header${m.headers.length > 1 ? 's' : ''}`);
  }
  const more = rule.matches.length > 1 ? ` (+${rule.matches.length - 1} more)` : '';
  return (parts.join(' ') || '*') + more;
}

/** What the rule does, in a few words: a redirect, a direct 500, or its backends with shares. */
export function ruleAction(snap: Snapshot, route: RuleRoute, ruleIndex: number): string {
  const checked = checkedFor(snap, route);
  if (checked.dropped) return `dropped by Istio (${checked.dropped.reason})`;
  const rule = checked.rules[ruleIndex];
  if (!rule) return '?';
  const filters = route.rules[ruleIndex].filters;
  const redirect = filters.find((f) => f.type === 'RequestRedirect')?.requestRedirect;
  if (redirect) return `redirect ${redirect.statusCode}`;
  if (rule.directResponse500) return '500 (no backend with weight)';
  return ruleBackends(route, rule).map((b) => `${b.label} ${b.share}%${b.invalid ? ' ⚠ 500' : ''}`).join(', ');
}

/** ` (unreachable)` when Istio's precedence leaves no request for the rule, ` (1 of 2 matches
 *  unreachable)` when it leaves none for some of its matches (ruleFindings.ts); else empty. */
export function reachabilityNote(snap: Snapshot, route: RuleRoute, ruleIndex: number): string {
  const r = ruleReachability(snap, route, ruleIndex);
  if (!r) return '';
  return r.unreachable ? ' (unreachable)' : ` (${r.flagged} of ${r.matches} matches unreachable)`;
}

export function ruleLensTitle(snap: Snapshot, route: RuleRoute, ruleIndex: number): string {
  return `${matchSummary(route, ruleIndex)} → ${ruleAction(snap, route, ruleIndex)}${reachabilityNote(snap, route, ruleIndex)}`;
}
