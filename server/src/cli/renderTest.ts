import { failureLine } from '../core/testing/diff';
import type { TestDocumentResult } from '../core/testing/model';
import { LineIndex } from '../core/text/lineIndex';
import { safe } from './terminal';

/** `istio-lens test` output: text for people (one line per differing field, the trace of each
 *  failure with file:line) and the `--json` object. */

/** 1-based lines of offsets in the files that were read. */
export class Lines {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(private readonly textOf: (file: string) => string | undefined) {}

  line(file: string | undefined, offset: number | undefined): number | null {
    if (file === undefined || offset === undefined) return null;
    let idx = this.indexes.get(file);
    if (!idx) {
      const text = this.textOf(file);
      if (text === undefined) return null;
      idx = new LineIndex(text);
      this.indexes.set(file, idx);
    }
    return idx.positionAt(offset).line + 1;
  }
}

/** The diff and trace of a failed case, as lines without indentation. */
export function failureDetails(r: TestDocumentResult['cases'][number], file: string, lines: Lines): string[] {
  const out = r.failures.map((f) => `${safe(failureLine(f))}  [line ${lines.line(file, f.span.start)}]`);
  if (r.trace.length) {
    out.push('trace:');
    r.trace.forEach((s, i) => {
      const l = lines.line(s.file, s.span?.start);
      out.push(`  ${i + 1}. ${safe(s.message)}${s.file && l !== null ? `  [${safe(s.file)}:${l}]` : ''}`);
    });
  }
  return out;
}

export function testText(results: TestDocumentResult[], lines: Lines): string {
  const out: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const doc of results) {
    const file = doc.test.file;
    out.push(`${safe(file)}  (${safe(doc.test.name)})`);
    for (const r of doc.cases) {
      if (r.passed) {
        passed++;
        out.push(`  PASS  ${safe(r.case.name)}`);
        continue;
      }
      failed++;
      out.push(`  FAIL  ${safe(r.case.name)}  [${safe(file)}:${lines.line(file, r.case.nameSpan.start)}]`);
      for (const l of failureDetails(r, file, lines)) out.push(`          ${l}`);
    }
  }
  out.push('', `${passed} passed, ${failed} failed, ${results.length} test file${results.length === 1 ? '' : 's'}`);
  return out.join('\n');
}

export function testJson(results: TestDocumentResult[], lines: Lines): Record<string, unknown> {
  const cases = results.flatMap((doc) => doc.cases.map((r) => ({
    file: doc.test.file,
    line: lines.line(doc.test.file, r.case.nameSpan.start),
    document: doc.test.name,
    format: doc.test.format,
    name: r.case.name,
    passed: r.passed,
    failures: r.failures.map((f) => ({
      field: f.field, expected: f.expected ?? null, actual: f.actual ?? null, line: lines.line(doc.test.file, f.span.start),
      ...(f.note ? { note: f.note } : {}), ...(f.error ? { error: f.error } : {}),
    })),
    trace: r.trace.map((s) => ({ message: s.message, file: s.file ?? null, line: lines.line(s.file, s.span?.start) })),
  })));
  const failed = cases.filter((c) => !c.passed).length;
  return {
    files: [...new Set(results.map((d) => d.test.file))],
    documents: results.map((d) => ({ file: d.test.file, line: lines.line(d.test.file, d.test.span.start), name: d.test.name, format: d.test.format, passed: d.passed, failed: d.failed })),
    cases,
    summary: { passed: cases.length - failed, failed },
  };
}
