import type { Finding } from '../core/analysis';
import type { Positions } from '../core/workspace/positions';
import { safe } from './terminal';

/** `check --json` (docs/cli-json.md): 0-based LSP positions; names fixed, extra fields welcome. */
export function checkJson(findings: Finding[], pos: Positions): Record<string, unknown> {
  const range = (file: string, span: { start: number; end: number }) => {
    const idx = pos.index(file);
    const start = idx?.positionAt(span.start) ?? { line: 0, character: 0 };
    const end = idx?.positionAt(span.end) ?? start;
    return { start, end };
  };
  return {
    diagnostics: findings.map((f) => ({
      file: f.file,
      range: range(f.file, f.span),
      severity: f.severity,
      code: f.code,
      message: f.message,
      resource: f.resource,
      docsUrl: f.docsUrl,
      ...(f.related?.length ? { related: f.related.map((r) => ({ file: r.file, range: range(r.file, r.span), message: r.message })) } : {}),
      ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map((e) => ({ file: e.file, range: range(e.file, e.span), newText: e.newText })) } } : {}),
    })),
  };
}

/** One line per finding for people and editors' problem matchers: `file:line:col severity CODE message (Kind ns/name)`;
 *  a cluster-scoped resource (no namespace) is `(Kind name)`. */
export function checkText(findings: Finding[], pos: Positions): string {
  return findings
    .map((f) => {
      const p = pos.index(f.file)?.positionAt(f.span.start) ?? { line: 0, character: 0 };
      const ns = f.resource.namespace ? `${safe(f.resource.namespace)}/` : '';
      const who = f.resource.kind ? ` (${safe(f.resource.kind)} ${ns}${safe(f.resource.name)})` : '';
      return `${safe(f.file)}:${p.line + 1}:${p.character + 1} ${f.severity} ${safe(f.code)} ${safe(f.message)}${who}`;
    })
    .join('\n');
}

export function summary(findings: Finding[], files: number): string {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${part(count('error'), 'error')}, ${part(count('warning'), 'warning')}, ${part(count('info') + count('hint'), 'note')} in ${part(files, 'file')}`;
}
