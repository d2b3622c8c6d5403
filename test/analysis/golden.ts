/** Golden output for findings: each finding, then its source line with carets under the span
 *  (compared by test/helpers/golden.ts). */
import type { Finding } from '../../server/src/core/analysis';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import type { Snapshot } from '../../server/src/core/workspace/snapshot';

export function renderFindings(snap: Snapshot, findings: Finding[]): string {
  const out: string[] = [];
  for (const f of findings) {
    const text = snap.files.get(f.file)?.source.text ?? '';
    const idx = new LineIndex(text);
    const start = idx.positionAt(f.span.start);
    const end = idx.positionAt(f.span.end);
    out.push(`${f.file}:${start.line + 1}:${start.character + 1} ${f.severity} ${f.code} ${f.message} (${f.resource.kind} ${f.resource.namespace}/${f.resource.name})`);
    const lineText = text.slice(idx.lineStart(start.line), start.line + 1 < idx.lineCount ? idx.lineStart(start.line + 1) : text.length).replace(/\r?\n$/, '');
    const width = end.line === start.line ? Math.max(1, end.character - start.character) : Math.max(1, lineText.length - start.character);
    out.push(`  | ${lineText}`, `  | ${' '.repeat(start.character)}${'^'.repeat(width)}`);
    for (const r of f.related ?? []) {
      const rt = snap.files.get(r.file)?.source.text ?? '';
      const rp = new LineIndex(rt).positionAt(r.span.start);
      out.push(`  related ${r.file}:${rp.line + 1}:${rp.character + 1} ${r.message}`);
    }
    if (f.fix) {
      out.push(`  fix: ${f.fix.title}`);
      for (const e of f.fix.edits) {
        const et = snap.files.get(e.file)?.source.text ?? '';
        const ep = new LineIndex(et).positionAt(e.span.start);
        out.push(`    ${e.file}:${ep.line + 1}:${ep.character + 1} replace ${JSON.stringify(et.slice(e.span.start, e.span.end))} with ${JSON.stringify(e.newText)}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

export { assertGolden } from '../helpers/golden';
