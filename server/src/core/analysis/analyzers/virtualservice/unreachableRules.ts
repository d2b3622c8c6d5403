/** Rules and matches that can never be used: a rule after a rule without `match` (a catch-all), a
 *  second catch-all, a rule whose every match repeats an earlier one (IST0130, warning); a match equal
 *  to an earlier one, or a uri prefix match covered by an earlier prefix with the same port, method
 *  (GET when unset), authority, headers, query parameters and withoutHeaders (IST0131, info).
 *  Mirrors istio/istio pkg/config/validation/validation.go analyzeUnreachable{HTTP,TCP,TLS}Rules,
 *  genMatchHTTPRoutes and coveredValidation. Reads each VirtualService's rules from the route model
 *  (routing/fromVirtualService.ts writtenHttpMatches, l4RoutesOf), compares them with
 *  routing/shadowing.ts, and takes names and YAML paths from the routes' provenance. Offers to move
 *  a catch-all rule last. */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { ResourceMeta } from '../../../model/resource';
import type { VirtualService } from '../../../model/virtualService';
import { l4RoutesOf, writtenHttpMatches } from '../../../routing/fromVirtualService';
import { compareHttpRules, compareL4Rules, findShadowing, type ComparedRule } from '../../../routing/shadowing';
import { lineStartAt, nextLineStart } from '../../../text/lines';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import type { Fix } from '../../types';
import { checkable } from '../common/istioReport';

type Proto = 'http' | 'tcp' | 'tls';

/** One rule list of a VirtualService from the route model: what the comparison reads, and per rule
 *  the names and YAML paths the messages use. */
interface RuleList {
  proto: Proto;
  compared: ComparedRule[];
  rules: { name?: string; path: Path; matches: { name?: string; path: Path }[] }[];
}

/** The YAML node at a path of the resource, aliases resolved. */
function nodeAt(meta: ResourceMeta, path: Path): unknown {
  const { doc } = meta.origin.document;
  const node = doc.getIn([...meta.origin.prefix, ...path], true);
  return isAlias(node) ? node.resolve(doc) : node;
}

/** Is each item of the rule list a mapping? One look-up of the list, not one path per rule. */
function mappingItems(meta: ResourceMeta, proto: Proto): (index: number) => boolean {
  const { doc } = meta.origin.document;
  const list = doc.getIn([...meta.origin.prefix, 'spec', proto], true);
  if (!isSeq(list)) return (i) => isMap(nodeAt(meta, ['spec', proto, i]));
  return (i) => {
    const item = list.items[i];
    return isMap(isAlias(item) ? item.resolve(doc) : item);
  };
}

function ruleList(vs: VirtualService, proto: Proto): RuleList {
  let list: Omit<RuleList, 'proto'>;
  if (proto === 'http') {
    if (!vs.http.length) return { proto, compared: [], rules: [] };
    const routes = writtenHttpMatches(vs);
    list = {
      compared: compareHttpRules(routes),
      rules: routes.map((rs) => ({
        name: rs[0].source.ruleName, path: rs[0].source.rulePath,
        matches: rs.map((r) => ({ name: r.source.matchName, path: r.source.matchPath ?? r.source.rulePath })),
      })),
    };
  } else {
    if (!(proto === 'tcp' ? vs.tcp : vs.tls).length) return { proto, compared: [], rules: [] };
    const routes = l4RoutesOf(vs, proto);
    list = { compared: compareL4Rules(routes), rules: routes.map((r) => ({ path: r.source.rulePath, matches: r.conditions.map((c) => ({ path: c.path })) })) };
  }
  // A list item that is not a mapping (`- ` while typing, a scalar) is lowered as a rule without
  // match; Istio rejects the resource and schema validation reports the item, so it is left out.
  const isMapping = mappingItems(vs.meta, proto);
  list.compared.forEach((c, i) => (c.skip = !isMapping(list.rules[i].path[2] as number)));
  return { proto, ...list };
}

/** `"name"` when an http rule or match names itself, else `#index` (validation.go routeName, requestName). */
const nameOf = (name: string | undefined, index: number) => (name ? `"${name}"` : `#${index}`);

/** Where to underline a rule or match: its first key, so that a report on a whole rule underlines
 *  `- match:`, not the rule (the position is read from the YAML document). */
function underline(meta: ResourceMeta, path: Path): { path: Path; at: 'key' | 'value' } {
  const node = nodeAt(meta, path);
  const first = isMap(node) ? node.items[0]?.key : undefined;
  return isScalar(first) ? { path: [...path, String(first.value)], at: 'key' } : { path, at: 'value' };
}

/** Moves rule `from` of a block sequence to its end: two edits over whole lines (found around the
 *  rules, not by indexing every line of the file). */
function moveLastFix(ctx: AnalysisContext, meta: ResourceMeta, proto: string, from: number, count: number): Fix | undefined {
  const text = ctx.snap.files.get(meta.file)?.source.text;
  if (text === undefined) return undefined;
  const ruleStart = ctx.span(meta, ['spec', proto, from]).start;
  const start = lineStartAt(text, ruleStart);
  const next = lineStartAt(text, ctx.span(meta, ['spec', proto, from + 1]).start);
  const lastSpan = ctx.span(meta, ['spec', proto, count - 1]);
  const dash = text.slice(start, ruleStart);
  if (!/^\s*-\s*$/.test(dash) || next <= start) return undefined; // flow style or several items per line
  const moved = text.slice(start, next);
  const insertAt = nextLineStart(text, Math.max(lastSpan.start, lastSpan.end - 1)) ?? text.length;
  const insert = insertAt === text.length && !text.endsWith('\n') ? `\n${moved.replace(/\n$/, '')}` : moved;
  return {
    title: 'Move the catch-all rule to the end',
    edits: [
      { file: meta.file, span: { start, end: next }, newText: '' },
      { file: meta.file, span: { start: insertAt, end: insertAt }, newText: insert },
    ],
  };
}

function report(ctx: AnalysisContext, meta: ResourceMeta, { proto, compared, rules }: RuleList): void {
  if (rules.length === 0) return;
  const http = proto === 'http';
  const rule = (i: number) => nameOf(http ? rules[i].name : undefined, i);
  const match = (i: number, j: number) => nameOf(http ? rules[i].matches[j]?.name : undefined, j);
  const unreachable = (i: number, reason: string, fix?: Fix) => {
    const at = underline(meta, rules[i].path);
    ctx.report(message(T.unreachableRule, `VirtualService rule ${rule(i)} is never used (${reason})`), meta, at.path, { at: at.at, fix });
  };
  const ineffective = (i: number, j: number, text: string, earlier: { rule: number; match: number }) => {
    const at = underline(meta, rules[i].matches[j].path);
    ctx.report(message(T.ineffectiveMatch, text), meta, at.path, { at: at.at, related: [ctx.related(meta, rules[earlier.rule].matches[earlier.match].path, 'the earlier match that takes this traffic')] });
  };
  for (const s of findShadowing(compared)) {
    switch (s.kind) {
      case 'secondCatchAll':
        unreachable(s.rule, `rule ${rule(s.catchAll)} before it has no match either: only the last rule can match everything`);
        break;
      case 'afterCatchAll': {
        const lastOnes = compared.slice(s.rule).every((c) => !c.skip && c.matches);
        const fix = s.catchAll === s.rule - 1 && lastOnes ? moveLastFix(ctx, meta, proto, s.catchAll, rules.length) : undefined;
        unreachable(s.rule, `rule ${rule(s.catchAll)} before it has no match and takes all traffic`, fix);
        break;
      }
      case 'allDuplicates':
        unreachable(s.rule, 'all its matches are used by earlier rules');
        break;
      case 'duplicate':
        ineffective(s.rule, s.match, `VirtualService rule ${rule(s.rule)} match ${match(s.rule, s.match)} is never used: rule ${rule(s.earlier.rule)} has the same match`, s.earlier);
        break;
      case 'covered':
        ineffective(s.rule, s.match, `VirtualService rule ${rule(s.rule)} match ${match(s.rule, s.match)} (prefix ${s.prefix}) is never used: match ${match(s.earlier.rule, s.earlier.match)} (prefix ${s.earlierPrefix}) of rule ${rule(s.earlier.rule)} comes first and covers it`, s.earlier);
        break;
    }
  }
}

export const unreachableRules: Analyzer = {
  name: 'virtualservice.unreachableRules',
  reads: ['VirtualService'],
  readsDocuments: true, // a fix's edit is made from the file's text
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      for (const proto of ['http', 'tcp', 'tls'] as const) report(ctx, vs.meta, ruleList(vs, proto));
    }
  },
};
