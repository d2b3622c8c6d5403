import type { Span } from '../../server/src/core/text/span';

/** The source line of a span with carets under it: a golden shows what a user would see underlined. */
export function caretLine(text: string, span: Span): string {
  const start = span.start <= 0 ? 0 : text.lastIndexOf('\n', span.start - 1) + 1;
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  const width = Math.max(1, Math.min(span.end, end) - span.start);
  return `${text.slice(start, end)}\n${' '.repeat(span.start - start)}${'^'.repeat(width)}`;
}

export { assertGolden } from '../helpers/golden';
