import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import routingTestSchema from '../../../../schemas/routingtest.schema.json';
import type { SimResult } from '../routing/result';
import { readTestDocuments } from '../testing/load';
import { shortHost } from './routeSummary';
import type { CaseResult, Failure, TestDocument } from '../testing/model';
import type { Span } from '../text/span';
import type { FileResult, Snapshot } from '../workspace/snapshot';
import { locate, locateKey, type Path } from '../yaml/locate';
import { toPlainValue } from '../yaml/plain';

/** Routing tests in the editor: where their code lenses go, the schema problems of test documents,
 *  and the edit that makes a failing expectation say what the engine found. Plain data with offsets. */

/** Test documents per analysed file: a file's result is shared by the snapshots until it changes, so
 *  an edit re-reads the tests of that file only. */
const perFile = new WeakMap<FileResult, TestDocument[]>();

/** The routing tests of the snapshot (as findTestDocuments), read once per file version. */
export function testDocuments(snap: Snapshot): TestDocument[] {
  return snap.memo('ide.routingTests', () => [...snap.files.values()].flatMap((f) => {
    let tests = perFile.get(f);
    if (!tests) {
      // Reading a document's tests converts it to plain data: skip the files that cannot hold one.
      tests = /RoutingTest|testCases/.test(f.source.text) ? readTestDocuments(f.source, snap.options.defaultNamespace) : [];
      perFile.set(f, tests);
    }
    return tests;
  }));
}

export function testDocumentsIn(snap: Snapshot, file: string): TestDocument[] {
  return testDocuments(snap).filter((t) => t.file === file);
}

export interface TestLens {
  span: Span;
  title: string;
  document: number;
  /** undefined: the whole document. */
  case?: number;
}

/** "Run all" over each test document and "Run test" over each case of a file. */
export function testLenses(snap: Snapshot, file: string): TestLens[] {
  return testDocumentsIn(snap, file).flatMap((t, document) => [
    { span: { start: t.span.start, end: t.span.start }, title: '▶ Run all', document },
    ...t.cases.map((c) => ({ span: c.nameSpan, title: '▶ Run test', document, case: c.index })),
  ]);
}

// RoutingTest documents are not resources of the snapshot: the analysis never sees them, so they are
// checked here against schemas/routingtest.schema.json.
const ajv = new Ajv({ allErrors: true, strict: false, code: { optimize: false } });
let validator: ValidateFunction | undefined;

export interface TestProblem {
  span: Span;
  message: string;
  severity: 'error' | 'warning';
}

/** Schema problems of a file's `kind: RoutingTest` documents, and what the test reader rejects. */
export function testDocumentProblems(snap: Snapshot, file: string): TestProblem[] {
  validator ??= ajv.compile({ ...routingTestSchema, $id: undefined });
  const out: TestProblem[] = [];
  const seen = new Set<string>();
  const add = (span: Span, message: string) => {
    const key = `${span.start}:${span.end}:${message}`;
    if (!seen.has(key)) out.push({ span, message, severity: 'error' });
    seen.add(key);
  };
  for (const t of testDocumentsIn(snap, file)) {
    if (t.format === 'routingTest') {
      const plain = toPlainValue(t.document.doc);
      const raw = 'value' in plain ? plain.value : undefined;
      if (raw !== undefined && !validator(raw)) for (const e of validator.errors ?? []) schemaProblem(t, raw, e, add);
    }
    for (const e of t.errors) add(e.span, e.message);
    for (const c of t.cases) for (const e of c.errors) add(e.span, e.message);
  }
  return out;
}

function pathOf(pointer: string, root: unknown): Path {
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(node) ? Number(seg) : seg;
    out.push(index);
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[index] : undefined;
  }
  return out;
}

function schemaProblem(t: TestDocument, raw: unknown, e: ErrorObject, add: (span: Span, message: string) => void): void {
  const path = pathOf(e.instancePath, raw);
  const where = path.length ? path.join('.') : 'the test';
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      add(locateKey(t.document, [...path, field]), `unknown field \`${field}\` in ${where}`);
      return;
    }
    case 'required':
      add(path.length ? locateKey(t.document, path) : locate(t.document, ['kind']), `${where} needs \`${(e.params as { missingProperty: string }).missingProperty}\``);
      return;
    case 'oneOf': case 'if': case 'then': case 'else': case 'anyOf':
      return; // their branches' errors say it better
    default:
      add(locate(t.document, path), `\`${path.at(-1) ?? 'the test'}\` ${e.message ?? 'is invalid'}`);
  }
}

export interface TextEdit {
  span: Span;
  newText: string;
}

/** "Update expectation to the actual result": the smallest edit of the expectation that makes the
 *  failure go away (a whole destinations list is rebuilt from the result's destinations). */
export function updateExpectationEdit(text: string, test: TestDocument, result: CaseResult, failure: Failure, clusterDomain: string): TextEdit | undefined {
  if (failure.error || !result.result) return undefined;
  const short = (host: string) => shortHost(host, test.namespace, clusterDomain);
  let value: unknown = failure.actual;
  let items: string[] | undefined;
  if (failure.field === 'destinations') items = destinationItems(result.result, short);
  else if (failure.field === 'pods' && Array.isArray(failure.actual)) items = (failure.actual as string[]).map((p) => flowYaml(p.startsWith(`${test.namespace}/`) ? p.slice(test.namespace.length + 1) : p));
  else if (failure.field === 'virtualService' && typeof value === 'string' && value.startsWith(`${test.namespace}/`)) value = value.slice(test.namespace.length + 1);
  const span = failure.span;
  if (span.end <= span.start && !items) return undefined;
  if (!items) return { span, newText: flowYaml(value) };
  const current = text.slice(span.start, span.end);
  if (current.trimStart().startsWith('[') || !current.trim() || !items.length) return { span, newText: `[${items.join(', ')}]` };
  // A block list: one `- item` per line at the column of the first dash.
  const column = span.start - (text.lastIndexOf('\n', span.start - 1) + 1);
  // A block collection's node ends at the next key: keep the line break and indentation before it.
  return { span: { start: span.start, end: span.start + current.trimEnd().length }, newText: items.map((i) => `- ${i}`).join(`\n${' '.repeat(column)}`) };
}

function destinationItems(res: SimResult, short: (host: string) => string): string[] {
  return res.destinations.filter((d) => d.weight > 0).map((d) => {
    const fields = [`host: ${flowYaml(short(d.host))}`, ...(d.subset ? [`subset: ${flowYaml(d.subset)}`] : []), `port: ${d.port}`, `weight: ${d.weight}`];
    return `{ ${fields.join(', ')} }`;
  });
}

/** A value written as flow YAML: plain scalars where they read back the same, JSON quoting otherwise. */
export function flowYaml(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') {
    const plain = /^[A-Za-z_./][\w./@-]*(:[\w./@-]+)*$/.test(v) && !/^(null|true|false|yes|no|on|off|~)$/i.test(v);
    return plain ? v : JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(flowYaml).join(', ')}]`;
  if (typeof v === 'object') return `{ ${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${flowYaml(x)}`).join(', ')} }`;
  return JSON.stringify(v);
}
