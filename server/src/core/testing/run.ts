import { parseRequest, RequestError, type RequestSource, type SimRequest } from '../routing/request';
import { simulate } from '../routing/simulate';
import type { Snapshot } from '../workspace/snapshot';
import { locate } from '../yaml/locate';
import { compareExpectation, type CompareContext, type Diff } from './expectations';
import { readTestDocuments } from './load';
import type { CaseRequest, CaseResult, Failure, TestCase, TestDocument, TestDocumentResult } from './model';
import { compareValidator, validatorGateway } from './validatorFormat';

/** Running routing tests: each case's request goes through the routing engine and each expectation
 *  is compared with the result. The API the CLI and the editor call; plain data with offsets. */

/** Every routing test document in the snapshot's files, in file order. */
export function findTestDocuments(snap: Snapshot): TestDocument[] {
  return [...snap.files.values()].flatMap((f) => readTestDocuments(f.source, snap.options.defaultNamespace));
}

export function runTestDocument(snap: Snapshot, test: TestDocument): TestDocumentResult {
  const cases = test.cases.map((c) => runTestCase(snap, test, c));
  if (test.errors.length) cases.unshift(invalidDocument(test));
  const failed = cases.filter((c) => !c.passed).length;
  return { test, cases, passed: cases.length - failed, failed };
}

/** Problems of the document itself become one failing entry, so CI reports them. */
function invalidDocument(test: TestDocument): CaseResult {
  const failures = test.errors.map((e) => ({ field: 'test file', expected: null, actual: null, span: e.span, error: e.message }));
  return {
    case: { name: `${test.name}: invalid test file`, index: -1, path: [], span: test.span, nameSpan: test.span, expectations: [], errors: test.errors },
    passed: false, failures, trace: [],
  };
}

export function runTestCase(snap: Snapshot, test: TestDocument, tc: TestCase): CaseResult {
  const fail = (failures: Failure[]): CaseResult => ({ case: tc, passed: false, failures, trace: [] });
  if (tc.errors.length || !tc.request) {
    return fail(tc.errors.map((e) => ({ field: 'test case', expected: null, actual: null, span: e.span, error: e.message })));
  }
  const built = buildRequest(snap, test, tc.request);
  if (typeof built === 'string') return fail([{ field: 'request', expected: null, actual: null, span: locate(test.document, [...tc.path, 'request']), error: built }]);
  const res = simulate(snap, built);
  const ctx: CompareContext = { namespace: test.namespace, clusterDomain: snap.options.clusterDomain };
  const failures: Failure[] = [];
  const toFailure = (base: readonly (string | number)[]) => (d: Diff): Failure => ({
    field: d.field, expected: d.expected, actual: d.actual, span: locate(test.document, [...base, ...(d.path ?? [])]), ...(d.note ? { note: d.note } : {}),
  });
  for (const e of tc.expectations) failures.push(...compareExpectation(e.field, e.value, res, ctx).map(toFailure(e.path)));
  if (tc.validator) failures.push(...compareValidator(tc.validator, res, ctx).map(toFailure(tc.validator.path)));
  return { case: tc, passed: failures.length === 0, failures, trace: res.trace, result: res };
}

/** The engine's request for a case, or why it cannot be built. */
export function buildRequest(snap: Snapshot, test: TestDocument, req: CaseRequest): SimRequest | string {
  const source = resolveClient(snap, test.namespace, req);
  if (typeof source === 'string') return source;
  let gateway = req.gateway;
  try {
    if (!gateway && test.format === 'istioConfigValidator') gateway = validatorGateway(snap, parseRequest({ url: req.url }).authority);
    return parseRequest({ url: req.url, method: req.method, headers: req.headers, sni: req.sni, gateway, source });
  } catch (e) {
    if (e instanceof RequestError) return e.message;
    throw e;
  }
}

/** `from` names a Pod or workload (`ns/name`, or `name` in the test's namespace); the source fields refine it. */
function resolveClient(snap: Snapshot, namespace: string, req: CaseRequest): RequestSource | string {
  const source: RequestSource = { namespace, labels: {} };
  if (req.from) {
    const [ns, name] = req.from.includes('/') ? req.from.split('/', 2) : [namespace, req.from];
    const w = snap.workloads.find((x) => x.namespace === ns && x.name === name && !x.fromTemplate)
      ?? snap.workloads.find((x) => x.namespace === ns && x.name === name);
    if (!w) return `from: no Pod or workload ${ns}/${name} in the configuration`;
    source.namespace = ns;
    source.labels = { ...w.labels };
    source.workload = `${ns}/${name}`;
  }
  if (req.sourceNamespace) source.namespace = req.sourceNamespace;
  if (req.sourceLabels) source.labels = { ...source.labels, ...req.sourceLabels };
  return source;
}
