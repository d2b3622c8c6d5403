/** Rules and matches that can never be used: a rule after a rule without `match` (a catch-all), a
 *  second catch-all, a rule whose every match repeats an earlier one (IST0130, warning); a match equal
 *  to an earlier one, or a uri prefix match covered by an earlier prefix with the same port, method
 *  (GET when unset), authority, headers, query parameters and withoutHeaders (IST0131, info).
 *  Mirrors istio/istio pkg/config/validation/validation.go analyzeUnreachable{HTTP,TCP,TLS}Rules,
 *  genMatchHTTPRoutes and coveredValidation. Offers to move a catch-all rule last. */
import { arr, num, obj, str, type Obj } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import { LineIndex } from '../../../text/lineIndex';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import type { Fix } from '../../types';
import { checkable, firstKeyPath } from '../common/istioReport';

/** JSON of a match with sorted keys and empty values dropped (Go's omitempty), without `name`. */
function canonical(v: unknown, top = false): unknown {
  if (Array.isArray(v)) return v.map((x) => canonical(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Obj)[k];
      if (top && k === 'name') continue;
      if (x === null || x === undefined || x === false || x === '' || x === 0 || (Array.isArray(x) && x.length === 0)) continue;
      out[k] = canonical(x);
    }
    return out;
  }
  return v;
}

const matchKey = (m: unknown) => JSON.stringify(canonical(m, true));

function ruleName(r: Obj | undefined, i: number, proto: string): string {
  return proto === 'http' && str(r?.name) ? `"${str(r?.name)}"` : `#${i}`;
}

function matchName(m: Obj | undefined, j: number, proto: string): string {
  return proto === 'http' && str(m?.name) ? `"${str(m?.name)}"` : `#${j}`;
}

interface PrefixMatch {
  rule: string; match: string; ruleIndex: number; matchIndex: number;
  prefix: string; port: number; method: string; authority: string;
  headers: Record<string, string>; query: Record<string, string>; without: Record<string, string>;
}

function exactOrPrefix(sm: unknown): string {
  const o = obj(sm);
  const e = str(o?.exact);
  if (e) return `exact:${e}`;
  const p = str(o?.prefix);
  return p ? `prefix:${p}` : '';
}

function valuesOf(m: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(m) ?? {}).map(([k, v]) => [k, exactOrPrefix(v)]));
}

function toPrefixMatch(m: Obj, rule: string, match: string, ruleIndex: number, matchIndex: number): PrefixMatch | undefined {
  const prefix = str(obj(m.uri)?.prefix);
  if (!prefix) return undefined;
  return {
    rule, match, ruleIndex, matchIndex, prefix, port: num(m.port) ?? 0,
    method: exactOrPrefix(m.method) || 'exact:GET', authority: exactOrPrefix(m.authority),
    headers: valuesOf(m.headers), query: valuesOf(m.queryParams), without: valuesOf(m.withoutHeaders),
  };
}

function mapCovered(a: Record<string, string>, b: Record<string, string>): boolean {
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  return Object.entries(a).every(([k, v]) => k in b && (v === b[k] || v.startsWith(b[k])));
}

/** coveredValidation: does the earlier prefix match `a` take all the traffic of the later `b`? */
function covers(a: PrefixMatch, b: PrefixMatch): boolean {
  if (!b.prefix.startsWith(a.prefix) || a.port !== b.port) return false;
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority)) return false;
  return mapCovered(a.headers, b.headers) && mapCovered(a.query, b.query) && mapCovered(a.without, b.without);
}

/** Moves rule `from` of a block sequence to its end: two edits over whole lines. */
function moveLastFix(ctx: AnalysisContext, meta: ResourceMeta, proto: string, from: number, count: number): Fix | undefined {
  const text = ctx.snap.files.get(meta.file)?.source.text;
  if (text === undefined) return undefined;
  const idx = new LineIndex(text);
  const lineOf = (i: number) => idx.positionAt(ctx.span(meta, ['spec', proto, i]).start).line;
  const startLine = lineOf(from);
  const nextLine = lineOf(from + 1);
  const lastSpan = ctx.span(meta, ['spec', proto, count - 1]);
  const lastEnd = idx.positionAt(Math.max(lastSpan.start, lastSpan.end - 1));
  const dash = text.slice(idx.lineStart(startLine), ctx.span(meta, ['spec', proto, from]).start);
  if (!/^\s*-\s*$/.test(dash) || nextLine <= startLine) return undefined; // flow style or several items per line
  const moved = text.slice(idx.lineStart(startLine), idx.lineStart(nextLine));
  const insertAt = lastEnd.line + 1 < idx.lineCount ? idx.lineStart(lastEnd.line + 1) : text.length;
  const insert = insertAt === text.length && !text.endsWith('\n') ? `\n${moved.replace(/\n$/, '')}` : moved;
  return {
    title: 'Move the catch-all rule to the end',
    edits: [
      { file: meta.file, span: { start: idx.lineStart(startLine), end: idx.lineStart(nextLine) }, newText: '' },
      { file: meta.file, span: { start: insertAt, end: insertAt }, newText: insert },
    ],
  };
}

function analyzeRules(ctx: AnalysisContext, meta: ResourceMeta, proto: 'http' | 'tcp' | 'tls', rules: unknown[]): void {
  if (rules.length === 0) return; // most VirtualServices have one protocol: no map and closures for the others
  const seen = new Map<string, number>();
  let catchAll = -1;
  // Prefix matches are compared pairwise: read in full only when a VirtualService has two or more.
  const candidates: { m: Obj; r: Obj; i: number; j: number }[] = [];
  const unreachable = (i: number, reason: string, fix?: Fix) => {
    const at = firstKeyPath(rules[i], ['spec', proto, i]);
    ctx.report(message(T.unreachableRule, `VirtualService rule ${ruleName(obj(rules[i]), i, proto)} is never used (${reason})`), meta, at.path, { at: at.at, fix });
  };
  const ineffective = (i: number, j: number, text: string, related: { i: number; j: number }) => {
    const at = firstKeyPath(arr(obj(rules[i])?.match)[j], ['spec', proto, i, 'match', j]);
    ctx.report(message(T.ineffectiveMatch, text), meta, at.path, { at: at.at, related: [ctx.related(meta, ['spec', proto, related.i, 'match', related.j], 'the earlier match that takes this traffic')] });
  };
  rules.forEach((raw, i) => {
    const r = obj(raw);
    if (!r) return;
    const matches = arr(r.match);
    if (matches.length === 0) {
      if (catchAll >= 0) unreachable(i, `rule ${ruleName(obj(rules[catchAll]), catchAll, proto)} before it has no match either: only the last rule can match everything`);
      catchAll = i;
      return;
    }
    if (catchAll >= 0) {
      const fix = catchAll === i - 1 && rules.slice(i).every((x) => arr(obj(x)?.match).length > 0) ? moveLastFix(ctx, meta, proto, catchAll, rules.length) : undefined;
      unreachable(i, `rule ${ruleName(obj(rules[catchAll]), catchAll, proto)} before it has no match and takes all traffic`, fix);
      return;
    }
    let duplicates = 0;
    matches.forEach((m, j) => {
      const key = matchKey(m);
      const prev = seen.get(key);
      if (prev !== undefined) {
        const pj = arr(obj(rules[prev])?.match).findIndex((x) => matchKey(x) === key);
        ineffective(i, j, `VirtualService rule ${ruleName(r, i, proto)} match ${matchName(obj(m), j, proto)} is never used: rule ${ruleName(obj(rules[prev]), prev, proto)} has the same match`, { i: prev, j: pj });
        duplicates++;
        return;
      }
      seen.set(key, i);
      const mo = proto === 'http' ? obj(m) : undefined;
      if (mo && str(obj(mo.uri)?.prefix)) candidates.push({ m: mo, r, i, j });
    });
    if (duplicates === matches.length) unreachable(i, 'all its matches are used by earlier rules');
  });
  if (candidates.length < 2) return;
  const prefixes = candidates.map(({ m, r, i, j }) => toPrefixMatch(m, ruleName(r, i, proto), matchName(m, j, proto), i, j)!);
  for (let a = 0; a < prefixes.length; a++) {
    for (let b = a + 1; b < prefixes.length; b++) {
      const A = prefixes[a];
      const B = prefixes[b];
      if (A.prefix === B.prefix || !covers(A, B)) continue;
      ineffective(B.ruleIndex, B.matchIndex, `VirtualService rule ${B.rule} match ${B.match} (prefix ${B.prefix}) is never used: match ${A.match} (prefix ${A.prefix}) of rule ${A.rule} comes first and covers it`, { i: A.ruleIndex, j: A.matchIndex });
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
      const spec = obj(vs.meta.raw.spec) ?? {};
      for (const proto of ['http', 'tcp', 'tls'] as const) analyzeRules(ctx, vs.meta, proto, arr(spec[proto]));
    }
  },
};
