import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { testDocuments, testDocumentsIn, testDocumentProblems, updateExpectationEdit } from '../core/ide/routingTests';
import { failureLine } from '../core/testing/diff';
import type { CaseResult, Failure, TestDocument } from '../core/testing/model';
import { runTestCase, runTestDocument } from '../core/testing/run';
import { Snapshot } from '../core/workspace/snapshot';
import {
  TEST_FAILURE_CODE, TEST_FILE_CODE, type CaseResultItem, type ListTestsResult, type RunTestsParams, type TestFileItem, type TestRef,
} from '../protocol/routingTests';
import type { LspLocation } from '../protocol/simulate';
import { lineIndex, toLocation, toRange } from './convert';
import { canonicalUri, uriToPath } from './diskFiles';
import type { WorkspaceState } from './workspaceState';

interface Ran {
  test: TestDocument;
  document: number;
  result: CaseResult;
  item: CaseResultItem;
  /** The test file's text the spans refer to. */
  text: string;
}

/** The routing tests of the workspace as the editor runs them. Cases that were run are remembered and
 *  run again after each change (cheap: only those, on the snapshot the server keeps anyway); their
 *  failures are diagnostics on the expectations, merged into the file's other diagnostics. */
export class RoutingTests {
  /** `uri#document/case` (case -1: the document's own problems) of every case run, with its last result. */
  private readonly ran = new Map<string, Ran>();
  private lastVersion = -1;

  constructor(private readonly ws: WorkspaceState) {}

  list(uri?: string): ListTestsResult {
    const snap = this.ws.snapshot();
    const files = new Map<string, TestFileItem>();
    const docs = uri ? testDocumentsIn(snap, canonicalUri(uri)) : testDocuments(snap);
    const counters = new Map<string, number>();
    for (const t of docs) {
      const document = counters.get(t.file) ?? 0;
      counters.set(t.file, document + 1);
      const index = lineIndex(t.file, snap.files.get(t.file)?.source.text ?? '');
      let f = files.get(t.file);
      if (!f) files.set(t.file, (f = { uri: t.file, documents: [] }));
      f.documents.push({
        id: `${t.file}#${document}`, name: t.name, document, range: toRange(index, t.span), errors: t.errors.map((e) => e.message),
        cases: t.cases.map((c) => ({ id: caseId(t.file, document, c.index), name: c.name, document, case: c.index, range: toRange(index, c.nameSpan) })),
      });
    }
    return { files: [...files.values()] };
  }

  run(params: RunTestsParams): CaseResultItem[] {
    const out: CaseResultItem[] = [];
    for (const ref of params.tests) out.push(...this.runRef(this.ws.snapshot(), { ...ref, uri: canonicalUri(ref.uri) }));
    this.lastVersion = this.ws.version;
    return out;
  }

  /** Runs the remembered cases again when anything changed since; undefined when nothing did. */
  rerun(): CaseResultItem[] | undefined {
    if (!this.ran.size || this.ws.version === this.lastVersion) return undefined;
    const refs = new Map<string, TestRef>();
    for (const r of this.ran.values()) refs.set(`${r.test.file}#${r.document}/${r.item.case}`, { uri: r.test.file, document: r.document, case: r.item.case < 0 ? undefined : r.item.case });
    this.ran.clear();
    return this.run({ tests: [...refs.values()] });
  }

  private runRef(snap: Snapshot, ref: TestRef): CaseResultItem[] {
    const out: CaseResultItem[] = [];
    testDocumentsIn(snap, ref.uri).forEach((t, document) => {
      if (ref.document !== undefined && ref.document !== document) return;
      const { snap: target, test } = this.configured(snap, t);
      const started = Date.now();
      const results = ref.case === undefined ? runTestDocument(target, test).cases : test.cases.filter((c) => c.index === ref.case).map((c) => runTestCase(target, test, c));
      if (ref.case !== undefined && test.errors.length) results.unshift(runTestDocument(target, { ...test, cases: [] }).cases[0]);
      const durationMs = Date.now() - started;
      for (const r of results) {
        const item = this.toItem(snap, target, test, document, r, durationMs);
        this.ran.set(item.id, { test, document, result: r, item, text: snap.files.get(t.file)?.source.text ?? '' });
        out.push(item);
      }
    });
    return out;
  }

  /** The snapshot a test runs against: its `spec.config` files (from the workspace, else from disk)
   *  plus the test file, or the whole workspace. */
  private configured(snap: Snapshot, test: TestDocument): { snap: Snapshot; test: TestDocument } {
    if (!test.config.length) return { snap, test };
    const base = uriToPath(test.file);
    const errors = [...test.errors];
    const wanted = test.config.map((c) => ({ ...c, uri: base === undefined && !isAbsolute(c.path) ? undefined : canonicalUri(pathToFileURL(isAbsolute(c.path) ? c.path : join(dirname(base!), c.path)).href) }));
    const key = `lsp.testConfig|${test.file}|${wanted.map((w) => w.uri).join('|')}`;
    const built = snap.memo(key, () => {
      const files = new Map([[test.file, snap.files.get(test.file)!]]);
      const missing: typeof wanted = [];
      for (const w of wanted) {
        const found = w.uri ? [...snap.files.keys()].filter((u) => u === w.uri || u.startsWith(`${w.uri!.replace(/\/$/, '')}/`)) : [];
        for (const u of found) files.set(u, snap.files.get(u)!);
        // Only what the workspace index holds: nothing outside the workspace folders is read for a
        // test (a `config: /` or `../../elsewhere` in a cloned repository's test file).
        if (!found.length) missing.push(w);
      }
      return { snap: new Snapshot(files, snap.options), missing };
    });
    for (const w of built.missing) errors.push({ message: `spec.config: ${w.path}: no such YAML file or folder in the workspace`, span: w.span });
    return { snap: built.snap, test: errors.length === test.errors.length ? test : { ...test, errors } };
  }

  private toItem(snap: Snapshot, target: Snapshot, test: TestDocument, document: number, r: CaseResult, durationMs: number): CaseResultItem {
    const textOf = (u: string) => target.files.get(u)?.source.text ?? snap.files.get(u)?.source.text;
    const loc = (file: string | undefined, span: { start: number; end: number } | undefined): LspLocation | null =>
      (file && span && toLocation({ file, span }, textOf)) || null;
    return {
      id: caseId(test.file, document, r.case.index), uri: test.file, document, case: r.case.index, name: r.case.name, passed: r.passed, durationMs,
      failures: r.failures.map((f) => ({ field: f.field, message: failureLine(f), expected: f.expected, actual: f.actual, location: loc(test.file, f.span)! })),
      trace: r.trace.map((s) => ({ message: s.message, location: loc(s.file, s.span) })),
    };
  }

  /** Diagnostics of test files: schema problems of every test document, and the failures of the
   *  cases last run. By uri; files whose tests have nothing to say are absent. */
  diagnostics(): Map<string, Diagnostic[]> {
    const snap = this.ws.latestSnapshot();
    const out = new Map<string, Diagnostic[]>();
    const push = (uri: string, d: Diagnostic) => out.set(uri, [...(out.get(uri) ?? []), d]);
    const problems = new Set<string>();
    for (const uri of new Set(testDocuments(snap).map((t) => t.file))) {
      const text = snap.files.get(uri)?.source.text ?? '';
      for (const p of testDocumentProblems(snap, uri)) {
        problems.add(`${uri}|${p.message}`);
        push(uri, { range: toRange(lineIndex(uri, text), p.span), severity: DiagnosticSeverity.Error, source: 'istio-lens', code: TEST_FILE_CODE, message: p.message });
      }
    }
    for (const r of this.ran.values()) {
      if (r.item.passed) continue;
      // One entry per failing case, however many of its expectations fail: at the first of them, the
      // others beside the trace as related information (a test is one problem, not one per field).
      const failures = r.item.failures.map((f, i) => ({ f, i })).filter(({ i }) => {
        const error = r.result.failures[i]?.error;
        return !(error && problems.has(`${r.test.file}|${error}`)); // said once, as a problem of the test file
      });
      if (!failures.length) continue;
      const [first, ...others] = failures;
      const what = failures.length === 1 ? `: ${first.f.message}` : ` ${failures.length} expectations: ${failures.map(({ f }) => f.message).join('; ')}`;
      const relatedInformation = [
        ...others.map(({ f }) => ({ location: f.location, message: f.message })),
        ...r.item.trace.flatMap((s, n) => (s.location ? [{ location: s.location, message: `${n + 1}. ${s.message}` }] : [])),
      ];
      push(r.test.file, {
        range: first.f.location.range, severity: DiagnosticSeverity.Error, source: 'istio-lens', code: TEST_FAILURE_CODE,
        message: `routing test "${r.item.name}" fails${what}`,
        data: { testFailure: r.item.id, failures: failures.map(({ i }) => i) },
        ...(relatedInformation.length ? { relatedInformation } : {}),
      });
    }
    return out;
  }

  /** "Update expectation to the actual result" for a failing case a code action asks about: one edit
   *  per failing expectation of the case (its diagnostic stands for all of them). */
  quickFixes(uri: string, diagnostics: Diagnostic[], clusterDomain: string): CodeAction[] {
    const text = this.ws.text(uri) ?? '';
    return diagnostics.flatMap((d) => {
      const data = d.data as { testFailure?: string; failures?: number[] } | undefined;
      if (d.code !== TEST_FAILURE_CODE || data?.testFailure === undefined || !Array.isArray(data.failures)) return [];
      const ran = this.ran.get(data.testFailure);
      if (!ran || ran.test.file !== uri) return [];
      if (text !== ran.text) return []; // edited since the run: the spans moved
      const failures = data.failures.map((i) => ran.result.failures[i]).filter((f): f is Failure => !!f);
      const edits = failures.flatMap((f) => updateExpectationEdit(text, ran.test, ran.result, f, clusterDomain) ?? [])
        .sort((x, y) => x.span.start - y.span.start)
        .filter((e, i, all) => i === 0 || e.span.start >= all[i - 1].span.end); // never two edits of one place
      if (!edits.length) return [];
      const index = lineIndex(uri, text);
      const title = edits.length === 1 ? 'Update expectation to the actual result' : `Update ${edits.length} expectations to the actual result`;
      return [{ title, kind: 'quickfix', diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: edits.map((e) => ({ range: toRange(index, e.span), newText: e.newText })) } } }];
    });
  }
}

function caseId(uri: string, document: number, index: number): string {
  return `${uri}#${document}/${index}`;
}

