import { obj, str, type Obj } from '../model/coerce';
import type { YamlDocument } from '../yaml/parse';
import { nearest } from '../text/editDistance';

/** Small value helpers shared by the expectations and the text diff. */

const UNITS: Record<string, number> = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3, 'µs': 1e3, ns: 1 };

/** A duration as nanoseconds: protobuf's `1.5s` and Go's `1m30s`/`500ms`; undefined when it is neither. */
export function parseDuration(s: string): number | undefined {
  const text = s.trim();
  if (!text) return undefined;
  const re = /(\d+(?:\.\d*)?|\.\d+)(h|ms|us|µs|ns|m|s)/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * UNITS[m[2]];
    consumed = re.lastIndex;
  }
  return consumed === text.length ? total : undefined;
}

/** `2s` and `2000ms` are the same timeout. */
export function sameDuration(a: string, b: string): boolean {
  const x = parseDuration(a);
  const y = parseDuration(b);
  return x !== undefined && y !== undefined ? x === y : a === b;
}

/** A JSON value on one line, for a diff: strings quoted, maps with their keys in order. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '(none)';
  return JSON.stringify(v, (_k, val) => (val === undefined ? null : val))
    .replace(/":/g, '": ')
    .replace(/,"/g, ', "');
}

/** Plain-data equality (key order ignored), for configuration objects. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `metadata.name`, else the file's name (with the document's position when it is not the first). */
export function documentName(doc: YamlDocument, raw: Obj): string {
  const name = str(obj(raw.metadata)?.name);
  const base = doc.file.split(/[\\/]/).pop() ?? doc.file;
  return name || (doc.index ? `${base}#${doc.index + 1}` : base);
}

/** The known name closest to a misspelled one (at most two edits away), for "did you mean". */
export function closestName(name: string, known: readonly string[]): string | undefined {
  return nearest(name, known, 2);
}
