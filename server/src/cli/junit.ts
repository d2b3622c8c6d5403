import { failureLine } from '../core/testing/diff';
import type { TestDocumentResult } from '../core/testing/model';
import { failureDetails, type Lines } from './renderTest';

/** JUnit XML for CI dashboards (the Ant/Jenkins/GitLab dialect): one <testsuite> per test document,
 *  one <testcase> per case, a <failure> whose text is the diff and the trace. */

/** Characters XML 1.0 cannot carry at all, even escaped. */
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number | null>) =>
  Object.entries(a).filter(([, v]) => v !== null).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');

export function junitXml(results: TestDocumentResult[], lines: Lines): string {
  const total = results.reduce((s, d) => s + d.cases.length, 0);
  const failures = results.reduce((s, d) => s + d.failed, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'istio-lens test', tests: total, failures, errors: 0, time: 0 })}>`];
  for (const doc of results) {
    const file = doc.test.file;
    out.push(`  <testsuite${attrs({ name: doc.test.name, tests: doc.cases.length, failures: doc.failed, errors: 0, skipped: 0, time: 0, file })}>`);
    for (const r of doc.cases) {
      const head = `    <testcase${attrs({ classname: doc.test.name, name: r.case.name, file, line: lines.line(file, r.case.nameSpan.start), time: 0 })}`;
      if (r.passed) {
        out.push(`${head}/>`);
        continue;
      }
      const message = r.failures.length === 1 ? failureLine(r.failures[0]) : `${r.failures.length} expectations failed`;
      out.push(`${head}>`);
      out.push(`      <failure${attrs({ message, type: 'RoutingTestFailure' })}>${escapeXml(failureDetails(r, file, lines).join('\n'))}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
