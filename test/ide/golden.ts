import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Span } from '../../server/src/core/text/span';

/** The source line of a span with carets under it (goldens show the source line). */
export function caretLine(text: string, span: Span): string {
  const start = span.start <= 0 ? 0 : text.lastIndexOf('\n', span.start - 1) + 1;
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  const width = Math.max(1, Math.min(span.end, end) - span.start);
  return `${text.slice(start, end)}\n${' '.repeat(span.start - start)}${'^'.repeat(width)}`;
}

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it (a reviewer reads the diff). */
export function assertGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`golden ${path} did not exist; written — review it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs (UPDATE_GOLDEN=1 rewrites it)`);
}
