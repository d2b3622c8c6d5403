import { arr, obj, str, strList, type Obj } from '../model/coerce';
import type { SimResult } from '../routing/result';
import { vsGateways, vsHosts } from '../routing/selection';
import { stripPort } from '../routing/services';
import { hostMatches } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import { locate, type Path } from '../yaml/locate';
import type { YamlDocument } from '../yaml/parse';
import { compareDestinations } from './destinationExpectations';
import type { CompareContext, Diff } from './expectations';
import type { TestCase, TestDocument, ValidatorAssertions } from './model';
import { deepEqual, documentName } from './values';

/** getyourguide/istio-config-validator's test files (`testCases[]`, see its docs/test-cases.md), run
 *  with this engine's semantics: every input of the cartesian product authority × method × uri is
 *  one case; `wantMatch: false` (its default) asks every assertion to differ. docs/routing-tests.md
 *  lists where the answers differ from that tool's. */

const ASSERTIONS = ['route', 'redirect', 'rewrite', 'fault', 'headers', 'delegate'] as const;

export function readValidatorDocument(doc: YamlDocument, raw: Obj, defaultNamespace: string): TestDocument {
  const test: TestDocument = {
    format: 'istioConfigValidator', file: doc.file, document: doc, name: documentName(doc, raw),
    namespace: defaultNamespace, config: [], cases: [], errors: [], span: locate(doc, []),
  };
  const cases = arr(raw.testCases);
  if (!cases.length) test.errors.push({ message: 'testCases lists no test case', span: locate(doc, ['testCases']) });
  cases.forEach((c, i) => test.cases.push(...unfold(doc, obj(c) ?? {}, ['testCases', i], test.cases.length)));
  return test;
}

/** One case per input, in istio-config-validator's order (uri, then authority, then method). */
function unfold(doc: YamlDocument, tc: Obj, path: Path, first: number): TestCase[] {
  const description = str(tc.description) || `test case ${Number(path[1]) + 1}`;
  const request = obj(tc.request) ?? {};
  const base = {
    path, span: locate(doc, path), nameSpan: locate(doc, tc.description !== undefined ? [...path, 'description'] : path), expectations: [],
  };
  const validator: ValidatorAssertions = { wantMatch: tc.wantMatch === true, path };
  for (const k of ASSERTIONS) if (tc[k] !== undefined && tc[k] !== null) validator[k] = tc[k];
  const lists = { authority: strList(request.authority), method: strList(request.method), uri: strList(request.uri) };
  const errors = Object.entries(lists)
    .filter(([, l]) => !l.length)
    .map(([k]) => ({ message: `request.${k} lists no value: istio-config-validator needs at least one`, span: locate(doc, [...path, 'request', k]) }));
  if (!ASSERTIONS.some((k) => validator[k] !== undefined)) errors.push({ message: `the test case asserts nothing (${ASSERTIONS.join(', ')})`, span: base.nameSpan });
  if (errors.length) return [{ ...base, name: description, index: first, validator, errors }];
  const headers = Object.fromEntries(Object.entries(obj(request.headers) ?? {}).map(([k, v]) => [k, str(v) ?? '']));
  const gateway = str(request.gateway);
  const out: TestCase[] = [];
  for (const uri of lists.uri) {
    for (const authority of lists.authority) {
      for (const method of lists.method) {
        const path = uri.startsWith('/') ? uri : `/${uri}`;
        out.push({
          ...base, name: `${description} [${method} ${authority}${path}]`, index: first + out.length, validator, errors: [],
          request: { url: `http://${authority}${path}`, method, headers, ...(gateway ? { gateway } : {}) },
        });
      }
    }
  }
  return out;
}

/** The tool never looks at `gateways`; here the request enters where the VirtualServices for its host
 *  are bound: the sidecar when one of them is bound to `mesh`, else the first gateway named. */
export function validatorGateway(snap: Snapshot, authority: string): string {
  const host = stripPort(authority.toLowerCase());
  const bound = snap.virtualServices.filter((vs) => vsHosts(snap, vs).some((h) => hostMatches(h, host))).map(vsGateways);
  if (!bound.length || bound.some((g) => g.includes('mesh'))) return 'mesh';
  return bound[0][0];
}

/** The configured field of the http route that decided (after delegation), as the tool compares it. */
function routeField(res: SimResult, key: string): unknown {
  if (!res.virtualService || res.httpRouteIndex === null) return null;
  const route = obj(arr(obj(res.virtualService.meta.raw.spec)?.http)[res.httpRouteIndex]);
  return route?.[key] ?? null;
}

function rootDelegate(res: SimResult): { name: string; namespace: string } | null {
  const root = res.rootVirtualService;
  if (!root) return null;
  const d = obj(obj(arr(obj(root.vs.meta.raw.spec)?.http)[root.httpRouteIndex])?.delegate);
  return d ? { name: str(d.name) ?? '', namespace: str(d.namespace) || root.vs.meta.namespace } : null;
}

/** Each assertion as (same?, expected, actual). Hosts are resolved in the deciding VirtualService's namespace. */
function assess(a: ValidatorAssertions, key: (typeof ASSERTIONS)[number], res: SimResult, ctx: CompareContext): Diff & { same: boolean } {
  const expected = a[key];
  if (key === 'route') {
    const ns = res.virtualService?.meta.namespace ?? ctx.namespace;
    const list = arr(expected).map((r) => {
      const o = obj(r) ?? {};
      const d = obj(o.destination) ?? {};
      const weight = typeof o.weight === 'number' && o.weight > 0 ? o.weight : undefined;
      return { host: str(d.host) ?? '', ...(d.subset ? { subset: str(d.subset) } : {}), ...(obj(d.port)?.number ? { port: Number(obj(d.port)!.number) } : {}), ...(weight ? { weight } : {}), zero: o.weight === 0 };
    });
    // A weight-0 destination takes no traffic, so the engine does not list it.
    const live = list.length > 1 ? list.filter((d) => !d.zero) : list;
    const diffs = compareDestinations(live.map(({ zero: _z, ...d }) => d), res, { ...ctx, namespace: ns });
    return { field: 'route', same: diffs.length === 0, expected: diffs[0]?.expected ?? expected, actual: diffs[0]?.actual ?? null };
  }
  if (key === 'delegate') {
    const e = obj(expected) ?? {};
    const actual = rootDelegate(res);
    const root = res.rootVirtualService?.vs.meta.namespace;
    const same = !!actual && actual.name === str(e.name) && actual.namespace === (str(e.namespace) || root);
    return { field: 'delegate', same, expected, actual };
  }
  const actual = routeField(res, key);
  return { field: key, same: deepEqual(expected, actual), expected, actual };
}

export function compareValidator(a: ValidatorAssertions, res: SimResult, ctx: CompareContext): Diff[] {
  const out: Diff[] = [];
  for (const key of ASSERTIONS) {
    if (a[key] === undefined) continue;
    const r = assess(a, key, res, ctx);
    if (r.same === a.wantMatch) continue;
    out.push(a.wantMatch
      ? { field: r.field, expected: r.expected, actual: r.actual, path: [key] }
      : { field: r.field, expected: r.expected, actual: r.actual, path: [key], note: 'wantMatch is false (the default), so this must differ, but it matches' });
  }
  return out;
}
