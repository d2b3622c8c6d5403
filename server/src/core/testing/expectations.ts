import { obj } from '../model/coerce';
import type { Action, SimResult } from '../routing/result';
import type { Path } from '../yaml/locate';
import { checkDestinations, checkPods, compareDestinations, comparePods } from './destinationExpectations';
import { checkSample, compareSample } from './sampleExpectation';
import { sameDuration } from './values';

/** What each `expect:` field of a RoutingTest means, how it is checked when read, and how it is
 *  compared with the simulation (the fields of `simulate --json`, docs/cli-json.md). */

export interface CompareContext {
  /** The test's namespace: short hosts, pods and VirtualService names are resolved in it. */
  namespace: string;
  clusterDomain: string;
}

/** A differing value; `path` leads from the expectation to the sub-field that differs. */
export interface Diff {
  field: string;
  expected: unknown;
  actual: unknown;
  path?: Path;
  note?: string;
}

interface Rule {
  check(value: unknown): string | undefined;
  compare(value: unknown, res: SimResult, ctx: CompareContext): Diff[];
}

const ACTIONS: Action[] = ['route', 'redirect', 'directResponse', 'noRoute', 'passthrough', 'blackhole', 'defaultService'];

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown) => typeof v === 'string';

function scalar(field: string, expected: unknown, actual: unknown): Diff[] {
  return expected === actual ? [] : [{ field, expected, actual }];
}

type FieldKind = 'string' | 'int' | 'number' | 'duration';
const KIND_CHECK: Record<FieldKind, (v: unknown) => boolean> = { string: isStr, int: isInt, number: isNum, duration: isStr };

/** An expectation that is `null` (the result has none) or a map of some of the listed fields. */
function objectRule(field: string, fields: Record<string, FieldKind>, actualOf: (res: SimResult) => Record<string, unknown> | null): Rule {
  return {
    check(value) {
      if (value === null) return undefined;
      const o = obj(value);
      if (!o) return `expected null or a map with ${Object.keys(fields).join(', ')}`;
      for (const [k, v] of Object.entries(o)) {
        if (!(k in fields)) return `unknown field "${k}"; known: ${Object.keys(fields).join(', ')}`;
        if (v !== null && !KIND_CHECK[fields[k]](v)) return `${k} must be a ${fields[k] === 'int' ? 'whole number' : fields[k]}`;
      }
      return undefined;
    },
    compare(value, res) {
      const actual = actualOf(res);
      if (value === null || actual === null) return value === actual ? [] : [{ field, expected: value, actual }];
      const out: Diff[] = [];
      for (const [k, v] of Object.entries(obj(value)!)) {
        const a = actual[k] ?? null;
        const same = fields[k] === 'duration' && isStr(v) && isStr(a) ? sameDuration(v, a) : v === a;
        if (!same) out.push({ field: `${field}.${k}`, expected: v, actual: a, path: [k] });
      }
      return out;
    },
  };
}

function indexRule(field: 'httpRouteIndex' | 'tcpRouteIndex' | 'tlsRouteIndex'): Rule {
  return {
    check: (v) => (v === null || (isInt(v) && (v as number) >= 0) ? undefined : 'expected a route index (0, 1, ...) or null'),
    compare: (v, res) => scalar(field, v, res[field]),
  };
}

/** The status the client sees: the proxy's own answer, else a fault that aborts every request. */
export function clientStatus(res: SimResult): number | null {
  if (res.status !== null) return res.status;
  const abort = res.fault?.abort;
  return abort && abort.status !== null && abort.percent >= 100 ? abort.status : null;
}

function vsName(v: unknown, ns: string): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v.includes('/') ? v : `${ns}/${v}`;
  const o = obj(v)!;
  return `${typeof o.namespace === 'string' && o.namespace ? o.namespace : ns}/${o.name}`;
}

/** The route that decided, as `{kind, namespace, name}`: a Gateway API route, or the VirtualService. */
function decidingRoute(res: SimResult): { kind: string; name: string; ruleIndex: number | null } | null {
  const g = res.gatewayApiRoute;
  if (g) return { kind: g.resource.kind, name: `${g.resource.meta.namespace}/${g.resource.meta.name}`, ruleIndex: g.ruleIndex };
  const vs = res.virtualService;
  if (!vs) return null;
  return { kind: 'VirtualService', name: `${vs.meta.namespace}/${vs.meta.name}`, ruleIndex: res.httpRouteIndex ?? res.tcpRouteIndex ?? res.tlsRouteIndex };
}

/** `route:` `{kind, name, namespace}` (kind and namespace optional), `Kind/name`, `Kind/namespace/name`, or null. */
const ROUTE_RULE: Rule = {
  check(v) {
    if (v === null || (isStr(v) && /^[A-Za-z]+\/[^/]+(\/[^/]+)?$/.test(v))) return undefined;
    const o = obj(v);
    if (!o || !isStr(o.name) || !o.name) return 'expected null, "Kind/name", "Kind/namespace/name" or {kind, name, namespace}';
    return Object.keys(o).every((k) => k === 'name' || k === 'namespace' || k === 'kind') ? undefined : 'only kind, name and namespace can be given';
  },
  compare(v, res, ctx) {
    const actual = decidingRoute(res);
    if (v === null || actual === null) return v === null && actual === null ? [] : [{ field: 'route', expected: v, actual: actual && `${actual.kind}/${actual.name}` }];
    let kind: string | undefined;
    let name: string;
    if (isStr(v)) {
      const parts = v.split('/');
      kind = parts[0];
      name = parts.length === 3 ? `${parts[1]}/${parts[2]}` : `${ctx.namespace}/${parts[1]}`;
    } else {
      const o = obj(v)!;
      kind = isStr(o.kind) ? o.kind : undefined;
      name = `${isStr(o.namespace) && o.namespace ? o.namespace : ctx.namespace}/${o.name}`;
    }
    const same = (kind === undefined || kind === actual.kind) && name === actual.name;
    return same ? [] : [{ field: 'route', expected: `${kind ?? actual.kind}/${name}`, actual: `${actual.kind}/${actual.name}` }];
  },
};

/** `requestHeaders:` the listed headers as the backend receives them (null: absent); names compare
 *  case-insensitively, other headers are not compared. */
const REQUEST_HEADERS_RULE: Rule = {
  check(v) {
    const o = obj(v);
    if (!o) return 'expected a map of header name to value (null: the header is absent)';
    return Object.values(o).every((x) => x === null || isStr(x)) ? undefined : 'each value must be a string, or null for an absent header';
  },
  compare(v, res) {
    const actual = res.requestHeaders ?? {};
    const out: Diff[] = [];
    for (const [k, x] of Object.entries(obj(v)!)) {
      const a = actual[k.toLowerCase()] ?? null;
      if (a !== x) out.push({ field: `requestHeaders.${k}`, expected: x, actual: a, path: [k] });
    }
    return out;
  },
};

const RULES: Record<string, Rule> = {
  route: ROUTE_RULE,
  ruleIndex: {
    check: (v) => (v === null || (isInt(v) && (v as number) >= 0) ? undefined : 'expected a rule index (0, 1, ...) or null'),
    compare: (v, res) => scalar('ruleIndex', v, decidingRoute(res)?.ruleIndex ?? null),
  },
  matchIndex: {
    check: (v) => (v === null || (isInt(v) && (v as number) >= 0) ? undefined : 'expected a match index (0, 1, ...) or null'),
    compare: (v, res) => scalar('matchIndex', v, res.matchIndex),
  },
  requestHeaders: REQUEST_HEADERS_RULE,
  action: {
    check: (v) => (ACTIONS.includes(v as Action) ? undefined : `expected one of ${ACTIONS.join(', ')}`),
    compare: (v, res) => scalar('action', v, res.action),
  },
  status: {
    check: (v) => (v === null || (isInt(v) && (v as number) >= 100 && (v as number) <= 599) ? undefined : 'expected an HTTP status (100-599) or null'),
    compare: (v, res) => scalar('status', v, clientStatus(res)),
  },
  virtualService: {
    check(v) {
      if (v === null || (isStr(v) && v)) return undefined;
      const o = obj(v);
      if (!o || !isStr(o.name) || !o.name) return 'expected null, "name", "namespace/name" or {name, namespace}';
      return Object.keys(o).every((k) => k === 'name' || k === 'namespace') ? undefined : 'only name and namespace can be given';
    },
    compare(v, res, ctx) {
      const m = res.virtualService?.meta;
      return scalar('virtualService', vsName(v, ctx.namespace), m ? `${m.namespace}/${m.name}` : null);
    },
  },
  httpRouteIndex: indexRule('httpRouteIndex'),
  tcpRouteIndex: indexRule('tcpRouteIndex'),
  tlsRouteIndex: indexRule('tlsRouteIndex'),
  destinations: { check: checkDestinations, compare: compareDestinations },
  pods: { check: checkPods, compare: comparePods },
  rewrite: objectRule('rewrite', { path: 'string', authority: 'string' }, (r) => r.rewrite && { ...r.rewrite }),
  redirect: objectRule('redirect', { location: 'string', status: 'int' }, (r) => r.redirect && { ...r.redirect }),
  directResponse: objectRule('directResponse', { status: 'int', body: 'string' }, (r) => r.directResponse && { ...r.directResponse }),
  fault: {
    check(v) {
      if (v === null) return undefined;
      const o = obj(v);
      if (!o || Object.keys(o).some((k) => k !== 'abort' && k !== 'delay')) return 'expected null or a map with abort and/or delay';
      return (o.abort !== undefined ? FAULT_ABORT.check(o.abort) : undefined) ?? (o.delay !== undefined ? FAULT_DELAY.check(o.delay) : undefined);
    },
    compare(v, res, ctx) {
      if (v === null || res.fault === null) return v === res.fault ? [] : [{ field: 'fault', expected: v, actual: res.fault }];
      const o = obj(v)!;
      const withPath = (d: Diff[], k: string) => d.map((x) => ({ ...x, path: [k, ...(x.path ?? [])] }));
      return [
        ...(o.abort !== undefined ? withPath(FAULT_ABORT.compare(o.abort, res, ctx), 'abort') : []),
        ...(o.delay !== undefined ? withPath(FAULT_DELAY.compare(o.delay, res, ctx), 'delay') : []),
      ];
    },
  },
  timeout: {
    check: (v) => (v === null || isStr(v) ? undefined : 'expected a duration such as "2s", or null for none'),
    compare: (v, res) => (v === res.timeout || (isStr(v) && res.timeout !== null && sameDuration(v, res.timeout)) ? [] : [{ field: 'timeout', expected: v, actual: res.timeout }]),
  },
  retries: objectRule('retries', { attempts: 'int', perTryTimeout: 'duration', retryOn: 'string' }, (r) => r.retries && { ...r.retries }),
  sample: { check: checkSample, compare: compareSample },
};

const FAULT_ABORT = objectRule('fault.abort', { status: 'int', grpcStatus: 'string', percent: 'number' }, (r) => r.fault?.abort ? { ...r.fault.abort } : null);
const FAULT_DELAY = objectRule('fault.delay', { duration: 'duration', percent: 'number' }, (r) => r.fault?.delay ? { ...r.fault.delay } : null);

export const EXPECTATION_FIELDS = Object.keys(RULES);

/** Why a value cannot be an expectation of that field, or undefined when it can. */
export function checkExpectation(field: string, value: unknown): string | undefined {
  return RULES[field]?.check(value) ?? (RULES[field] ? undefined : 'unknown expectation');
}

export function compareExpectation(field: string, value: unknown, res: SimResult, ctx: CompareContext): Diff[] {
  return RULES[field]?.compare(value, res, ctx) ?? [];
}
