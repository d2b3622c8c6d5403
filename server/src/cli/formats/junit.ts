import type { Finding } from '../../core/analysis';
import type { Positions } from '../../core/workspace/positions';
import { escapeXml } from '../junit';

/** `check --format junit`: one test case per file checked (CI dashboards list files that pass too),
 *  failed by its errors (and, with `--fail-on`, by findings at that level or above); every finding
 *  of the file is in the failure's text, one `file:line:col severity CODE message` line each. */
export function checkJunit(findings: Finding[], files: string[], pos: Positions, fails: (f: Finding) => boolean): string {
  const byFile = new Map<string, Finding[]>(files.map((f) => [f, []]));
  for (const f of findings) (byFile.get(f.file) ?? byFile.set(f.file, []).get(f.file)!).push(f);
  const failed = [...byFile.values()].filter((list) => list.some(fails)).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="istio-lens check" tests="${byFile.size}" failures="${failed}" errors="0" time="0">`];
  out.push(`  <testsuite name="istio-lens check" tests="${byFile.size}" failures="${failed}" errors="0" skipped="0" time="0">`);
  for (const [file, list] of byFile) {
    const head = `    <testcase classname="istio-lens check" name="${escapeXml(file)}" file="${escapeXml(file)}" time="0"`;
    const failing = list.filter(fails);
    if (!failing.length) {
      out.push(list.length ? `${head}>\n      <system-out>${escapeXml(lines(list, pos))}</system-out>\n    </testcase>` : `${head}/>`);
      continue;
    }
    const message = `${failing.length} finding${failing.length === 1 ? '' : 's'}: ${failing[0].code} ${failing[0].message}`;
    out.push(`${head}>`, `      <failure message="${escapeXml(message)}" type="${escapeXml(failing[0].code)}">${escapeXml(lines(list, pos))}</failure>`, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

function lines(list: Finding[], pos: Positions): string {
  return list.map((f) => {
    const p = pos.index(f.file)?.positionAt(f.span.start) ?? { line: 0, character: 0 };
    return `${f.file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message}`;
  }).join('\n');
}
