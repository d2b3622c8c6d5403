import type { Failure } from './model';
import { formatValue } from './values';

/** The words of a diff, shared by the CLI's output and the editor's diagnostics. */

/** Values as people read them: bare words for simple strings, JSON otherwise. */
export function showValue(v: unknown): string {
  if (typeof v === 'string' && /^[\w./:@-]+$/.test(v) && !/^(null|true|false|-?\d[\d.]*)$/.test(v)) return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[${v.map((x) => showValue(x)).join(', ')}]`;
  return formatValue(v);
}

/** One line: `field: expected X, actual Y (note)`, or the error of a case that could not run. */
export function failureLine(f: Failure): string {
  if (f.error) return `error: ${f.error}`;
  return `${f.field}: expected ${showValue(f.expected)}, actual ${showValue(f.actual)}${f.note ? ` (${f.note})` : ''}`;
}
