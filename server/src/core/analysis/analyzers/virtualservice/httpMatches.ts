/** http match conditions: regexes compile under RE2 (no lookaround or back-references) and are at most
 *  1024 characters; prefix and regex matches are not empty (an empty uri prefix is allowed); match
 *  ports are 1..65535; sourceNamespace is a DNS label; sourceLabels are valid labels; header names are
 *  valid; JWT claim matches (`@request.auth.claims.*`) only on gateway VirtualServices.
 *  Mirrors istio/istio pkg/config/validation/virtualservice.go validateHTTPRouteMatchRequest and
 *  validation.go validateStringMatch / validateStringRegexp (IST0106). */
import { arr, num, obj, str, strList, type Obj } from '../../../model/coerce';
import { re2Error } from '../../../routing/regex';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { isDNS1123Label, labelsErrors, portError } from '../../validation/names';
import { checkable, invalid } from '../common/istioReport';
import { bindsOnlyGateways } from './hosts';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
const MAX_REGEX = 1024;
const PSEUDO = new Set([':method', ':scheme', ':authority', ':path', ':status']);

/** Why a regex is rejected, or undefined. */
export function regexError(re: string): string | undefined {
  if (re.length > MAX_REGEX) return `the regex is ${re.length} characters long; Istio allows at most ${MAX_REGEX}`;
  const err = re2Error(re);
  return err ? `the regex does not compile under RE2 (${err}); Istio and Envoy use RE2 syntax: no lookaround (?=, ?!, ?<=) or back-references (\\1)` : undefined;
}

/** Checks one StringMatch (`{exact|prefix|regex}`) at `path`. */
export function checkStringMatch(ctx: AnalysisContext, meta: ResourceMeta, path: Path, raw: unknown, where: string, emptyPrefixOk = false): void {
  const m = obj(raw);
  if (!m) return;
  const prefix = str(m.prefix);
  if (prefix !== undefined && prefix === '' && !emptyPrefixOk) invalid(ctx, meta, [...path, 'prefix'], `${where}: a prefix match cannot be empty`);
  const regex = str(m.regex);
  if (regex === undefined) return;
  if (regex === '') invalid(ctx, meta, [...path, 'regex'], `${where}: a regex match cannot be empty`);
  else {
    const err = regexError(regex);
    if (err) invalid(ctx, meta, [...path, 'regex'], `${where}: ${err}`);
  }
}

function isJwtClaim(name: string): boolean {
  return name.startsWith('@request.auth.claims.') || name.startsWith('@request.auth.claims[');
}

function checkHeaderMap(ctx: AnalysisContext, meta: ResourceMeta, matchPath: Path, where: 'headers' | 'withoutHeaders', raw: unknown, mesh: boolean, skipStar: boolean): void {
  const headers = obj(raw);
  if (!headers) return;
  const path = [...matchPath, where];
  for (const [name, sm] of Object.entries(headers)) {
    if (isJwtClaim(name)) {
      if (mesh) invalid(ctx, meta, [...path, name], `matching on JWT claims (${name}) works only on gateways; this VirtualService applies to the mesh`, { at: 'key' });
    } else if (!PSEUDO.has(name) && !HEADER_NAME.test(name)) invalid(ctx, meta, [...path, name], `"${name}" is not a valid header name`, { at: 'key' });
    if (sm === null && where === 'headers') invalid(ctx, meta, [...path, name], `header match ${name} cannot be empty: write {} to match any value`, { at: 'key' });
    if (skipStar && str(obj(sm)?.regex) === '*') continue;
    checkStringMatch(ctx, meta, [...path, name], sm, where);
  }
}

// Every match of a newly opened file comes here: a field's path is built only when the field is there.
function checkMatch(ctx: AnalysisContext, meta: ResourceMeta, path: Path, m: Obj, mesh: boolean): void {
  checkHeaderMap(ctx, meta, path, 'headers', m.headers, mesh, false);
  checkHeaderMap(ctx, meta, path, 'withoutHeaders', m.withoutHeaders, mesh, true);
  if (obj(m.uri)) checkStringMatch(ctx, meta, [...path, 'uri'], m.uri, 'uri', true);
  for (const k of STRING_MATCHES) if (obj(m[k])) checkStringMatch(ctx, meta, [...path, k], m[k], k);
  const params = obj(m.queryParams);
  if (params) for (const [name, sm] of Object.entries(params)) checkStringMatch(ctx, meta, [...path, 'queryParams', name], sm, 'queryParams');
  const port = num(m.port);
  if (port !== undefined && port !== 0) {
    const err = portError(port);
    if (err) invalid(ctx, meta, [...path, 'port'], err);
  }
  const sourceLabels = obj(m.sourceLabels);
  if (sourceLabels) for (const e of labelsErrors(sourceLabels)) invalid(ctx, meta, [...path, 'sourceLabels'], e);
  const sns = str(m.sourceNamespace);
  if (sns && !isDNS1123Label(sns)) invalid(ctx, meta, [...path, 'sourceNamespace'], `sourceNamespace "${sns}" is not a namespace name`);
}

const STRING_MATCHES = ['scheme', 'method', 'authority'];

export const httpMatches: Analyzer = {
  name: 'virtualservice.httpMatches',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const spec = obj(vs.meta.raw.spec) ?? {};
      const mesh = !bindsOnlyGateways(strList(spec.gateways));
      const rules = arr(spec.http);
      for (let i = 0; i < rules.length; i++) {
        const matches = arr(obj(rules[i])?.match);
        for (let j = 0; j < matches.length; j++) {
          const mo = obj(matches[j]);
          if (mo) checkMatch(ctx, vs.meta, ['spec', 'http', i, 'match', j], mo, mesh);
        }
      }
    }
  },
};
