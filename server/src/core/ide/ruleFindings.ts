/** The matches of a Gateway API rule no request reaches under Istio's precedence, as the diagnostics
 *  report them: the lenses and hovers read the findings of the unreachable-match and shadowed-match
 *  analyzers (core/analysis/analyzers/gatewayapi), run once per snapshot, so that what the editor
 *  flags is exactly what the Problems panel says. */
import type { Finding } from '../analysis';
import { runAnalyzers } from '../analysis/analyzer';
import { gatewayApiShadowedMatches } from '../analysis/analyzers/gatewayapi/shadowedMatches';
import { gatewayApiUnreachableMatches } from '../analysis/analyzers/gatewayapi/unreachableMatches';
import { spanAt } from '../model/resource';
import type { Snapshot } from '../workspace/snapshot';
import type { RuleRoute } from './ruleRequest';

export interface RuleReachability {
  /** The findings on the rule's matches (or on the rule itself, when it has none). */
  findings: Finding[];
  /** Every match of the rule is flagged: no request reaches the rule. */
  unreachable: boolean;
  /** How many of its matches are flagged, and how many it has (1 for a rule without matches). */
  flagged: number;
  matches: number;
}

function precedenceFindings(snap: Snapshot): ReadonlyMap<string, Finding[]> {
  return snap.memo('ide.precedenceFindings', () => {
    const byResource = new Map<string, Finding[]>();
    for (const f of runAnalyzers(snap, [gatewayApiUnreachableMatches, gatewayApiShadowedMatches])) {
      const key = `${f.file}|${f.resource?.kind}|${f.resource?.namespace}/${f.resource?.name}`;
      byResource.set(key, [...(byResource.get(key) ?? []), f]);
    }
    return byResource;
  });
}

export function ruleReachability(snap: Snapshot, route: RuleRoute, ruleIndex: number): RuleReachability | undefined {
  const rule = route.rules[ruleIndex];
  const all = precedenceFindings(snap).get(`${route.meta.file}|${route.kind}|${route.meta.namespace}/${route.meta.name}`);
  if (!rule || !all?.length) return undefined;
  const within = (path: (string | number)[]) => {
    const s = spanAt(route.meta, path);
    return all.filter((f) => s && f.span.start >= s.start && f.span.end <= s.end);
  };
  const findings = within(['spec', 'rules', ruleIndex]);
  if (!findings.length) return undefined;
  // Matches as written; a rule without any has one implicit match (its findings are on the rule).
  const written = (rule.matches as { index: number; defaulted?: boolean }[]).filter((m) => !m.defaulted);
  const matches = Math.max(1, written.length);
  const flagged = written.length ? written.filter((m) => within(['spec', 'rules', ruleIndex, 'matches', m.index]).length).length : 1;
  return { findings, unreachable: flagged >= matches, flagged, matches };
}
