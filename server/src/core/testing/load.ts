import { isMap } from 'yaml';
import { arr, obj, str, type Obj } from '../model/coerce';
import type { Span } from '../text/span';
import { locate, locateKey, type Path } from '../yaml/locate';
import type { SourceFile, YamlDocument } from '../yaml/parse';
import { toPlainValue } from '../yaml/plain';
import { EXPECTATION_FIELDS, checkExpectation } from './expectations';
import { ROUTING_TEST_GROUP, ROUTING_TEST_KIND, type CaseRequest, type TestCase, type TestDocument } from './model';
import { readValidatorDocument } from './validatorFormat';
import { closestName, documentName } from './values';

/** Finds the routing tests among a file's YAML documents. The snapshot ignores these documents
 *  (unknown kinds), so tests can live next to the configuration they pin. Never throws. */
export function readTestDocuments(source: SourceFile, defaultNamespace: string): TestDocument[] {
  const out: TestDocument[] = [];
  for (const doc of source.documents) {
    if (!isMap(doc.doc.contents)) continue;
    const raw = toPlain(doc);
    if (!raw) continue;
    let test: TestDocument | undefined;
    if (raw.kind === ROUTING_TEST_KIND && isOurApiVersion(raw.apiVersion)) test = readRoutingTest(doc, raw, defaultNamespace);
    else if (raw.kind === undefined && Array.isArray(raw.testCases)) test = readValidatorDocument(doc, raw, defaultNamespace);
    if (!test) continue;
    // A syntax error can drop cases silently; the file then fails instead.
    const end = doc.base + doc.text.length;
    for (const p of source.problems) if (p.severity === 'error' && p.span.start >= doc.base && p.span.start < end) test.errors.push({ message: p.message, span: p.span });
    out.push(test);
  }
  return out;
}

function isOurApiVersion(v: unknown): boolean {
  const s = str(v);
  return s === undefined || s === '' || s.split('/')[0] === ROUTING_TEST_GROUP;
}

function toPlain(doc: YamlDocument): Obj | undefined {
  const plain = toPlainValue(doc.doc);
  return 'value' in plain ? obj(plain.value) : undefined;
}


function readRoutingTest(doc: YamlDocument, raw: Obj, defaultNamespace: string): TestDocument {
  const at = (path: Path) => locate(doc, path);
  const spec = obj(raw.spec);
  const test: TestDocument = {
    format: 'routingTest', file: doc.file, document: doc, name: documentName(doc, raw),
    namespace: str(obj(raw.metadata)?.namespace) || defaultNamespace,
    config: [], cases: [], errors: [], span: at([]),
  };
  if (!spec) {
    test.errors.push({ message: 'a RoutingTest needs spec.cases', span: at([]) });
    return test;
  }
  const config = typeof spec.config === 'string' ? [spec.config] : arr(spec.config);
  config.forEach((c, i) => {
    const path = typeof spec.config === 'string' ? ['spec', 'config'] : ['spec', 'config', i];
    if (typeof c === 'string' && c.trim()) test.config.push({ path: c.trim(), span: at(path) });
    else test.errors.push({ message: 'spec.config lists paths (strings) relative to this file', span: at(path) });
  });
  const defaults = obj(spec.defaults);
  if (spec.defaults !== undefined && !defaults) test.errors.push({ message: 'spec.defaults must be a map of request fields', span: at(['spec', 'defaults']) });
  const cases = arr(spec.cases);
  if (!cases.length) test.errors.push({ message: 'spec.cases lists no case: add one with a request and an expect', span: at(spec.cases === undefined ? ['spec'] : ['spec', 'cases']) });
  cases.forEach((c, i) => test.cases.push(readCase(doc, obj(c), ['spec', 'cases', i], i, defaults)));
  return test;
}

function readCase(doc: YamlDocument, raw: Obj | undefined, path: Path, index: number, defaults: Obj | undefined): TestCase {
  const name = str(raw?.name) || `case ${index + 1}`;
  const tc: TestCase = {
    name, index, path, span: locate(doc, path), nameSpan: raw?.name !== undefined ? locate(doc, [...path, 'name']) : locate(doc, path),
    expectations: [], errors: [],
  };
  if (!raw) {
    tc.errors.push({ message: 'a case is a map with name, request and expect', span: tc.span });
    return tc;
  }
  const req = readRequest(doc, { ...defaults, ...obj(raw.request), headers: { ...obj(defaults?.headers), ...obj(obj(raw.request)?.headers) } }, [...path, 'request'], tc);
  if (req) tc.request = req;
  const expect = obj(raw.expect);
  if (!expect || !Object.keys(expect).length) {
    tc.errors.push({ message: 'the case has no expectations (expect:): it would pass whatever happens', span: raw.expect === undefined ? tc.nameSpan : locate(doc, [...path, 'expect']) });
    return tc;
  }
  for (const [field, value] of Object.entries(expect)) {
    const fieldPath = [...path, 'expect', field];
    if (!EXPECTATION_FIELDS.includes(field)) {
      const hint = closestName(field, EXPECTATION_FIELDS);
      tc.errors.push({ message: `unknown expectation "${field}"${hint ? `; did you mean "${hint}"?` : `; known: ${EXPECTATION_FIELDS.join(', ')}`}`, span: locateKey(doc, fieldPath) });
      continue;
    }
    const problem = checkExpectation(field, value);
    if (problem) tc.errors.push({ message: `expect.${field}: ${problem}`, span: locate(doc, fieldPath) });
    else tc.expectations.push({ field, value, path: fieldPath });
  }
  return tc;
}

export const REQUEST_FIELDS = ['url', 'method', 'headers', 'sni', 'from', 'sourceLabels', 'sourceNamespace', 'gateway'];

/** The request of a case (defaults merged in), or undefined with errors on the case. */
function readRequest(doc: YamlDocument, raw: Obj, path: Path, tc: TestCase): CaseRequest | undefined {
  const err = (message: string, field?: string) => tc.errors.push({ message, span: spanOr(doc, path, field, tc.span) });
  for (const k of Object.keys(raw)) {
    if (REQUEST_FIELDS.includes(k)) continue;
    const hint = closestName(k, REQUEST_FIELDS);
    err(`unknown request field "${k}"${hint ? `; did you mean "${hint}"?` : `; known: ${REQUEST_FIELDS.join(', ')}`}`, k);
  }
  const url = str(raw.url);
  if (!url) {
    err('the request needs a url (http://host[:port]/path, tcp://host:port or tls://host:port)');
    return undefined;
  }
  const headers = Object.create(null) as Record<string, string>; // keyed by user data
  for (const [k, v] of Object.entries(obj(raw.headers) ?? {})) {
    const s = str(v);
    if (s === undefined) err(`header "${k}" needs a string value`, 'headers');
    else headers[k] = s;
  }
  const req: CaseRequest = { url, headers };
  for (const k of ['method', 'sni', 'from', 'sourceNamespace', 'gateway'] as const) {
    if (raw[k] === undefined) continue;
    const s = str(raw[k]);
    if (s === undefined) err(`request.${k} must be a string`, k);
    else req[k] = s;
  }
  if (raw.sourceLabels !== undefined) {
    const labels = obj(raw.sourceLabels);
    if (!labels) err('request.sourceLabels must be a map of labels', 'sourceLabels');
    else req.sourceLabels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, str(v) ?? '']));
  }
  return req;
}

/** The span of `path.field` when the case writes it, else of the request, else `fallback`. */
function spanOr(doc: YamlDocument, path: Path, field: string | undefined, fallback: Span): Span {
  const s = locate(doc, field ? [...path, field] : path);
  return s.start === doc.base && s.end === doc.base ? fallback : s;
}
