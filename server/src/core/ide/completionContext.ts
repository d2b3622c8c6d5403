import { parseDocument } from 'yaml';
import { obj, str, valueAtPath, type Obj } from '../model/coerce';
import type { Span } from '../text/span';
import type { YamlDocument } from '../yaml/parse';
import { refuseDocument, refuseText } from '../yaml/limits';
import { toPlainValue } from '../yaml/plain';
import { nodeAt } from './cursor';

/** Where completion happens, worked out on the half-typed text: a placeholder is written at the
 *  cursor (followed by `:` when the user is typing a key on a block line), the document is parsed
 *  again, and the placeholder's path tells which key or value is being typed. */
export interface CompletionSite {
  /** Path of the placeholder from the resource's root. */
  path: (string | number)[];
  role: 'key' | 'value';
  /** What the user typed before the cursor in that key or value. */
  prefix: string;
  /** The text a chosen item replaces. */
  replace: Span;
  kind: string;
  apiVersion: string;
  namespace: string;
  /** The resource as far as it parses, with the placeholder removed from keys and values. */
  raw: Obj;
  /** Column of the key being typed (for multi-line insertions). */
  column: number;
  /** Keys already present beside the placeholder. */
  siblings: string[];
  /** The key being edited already has its `:` (the cursor is inside an existing key). */
  keyHasColon: boolean;
  /** Text every item must start with: a space right after a just-typed `key:`. */
  lead: string;
}

export const PLACEHOLDER = 'zzIstioLensCursorzz';

/** Start of the line holding `offset` (lastIndexOf treats a negative start as 0, hence the guard). */
function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

/** The document around an offset, as splitDocuments cuts it, found by scanning only its own lines
 *  (a 5,000-document file is not split for one completion). */
export function documentAround(text: string, offset: number): { base: number; text: string } {
  const isMarker = (ls: number, m: string) => text.startsWith(m, ls) && MARKER.test(text.slice(ls, ls + 4));
  const lineEnd = (ls: number) => {
    const nl = text.indexOf('\n', ls);
    return nl < 0 ? text.length : nl + 1;
  };
  const cursorLine = lineStartOf(text, offset);
  let start = 0;
  for (let ls = cursorLine; ; ls = ls <= 1 ? 0 : text.lastIndexOf('\n', ls - 2) + 1) {
    if (ls < cursorLine && isMarker(ls, '...')) {
      start = lineEnd(ls);
      break;
    }
    if (isMarker(ls, '---')) {
      start = ls;
      break;
    }
    if (ls === 0) break;
  }
  // Like splitDocuments, no empty document after a final `...` line: the cursor is in the one it ends.
  if (start === text.length && start > 0) return documentAround(text, start - 1);
  let end = text.length;
  for (let ls = cursorLine; ls < text.length; ls = lineEnd(ls)) {
    if (ls > start && isMarker(ls, '---')) {
      end = ls;
      break;
    }
    if (isMarker(ls, '...')) {
      end = lineEnd(ls);
      break;
    }
  }
  return { base: start, text: text.slice(start, end) };
}

/** The run of characters other than white space and quotes at the end of `s`, scanned backwards:
 *  the regex `/[^\s'"]*$/` tried every start of the line, quadratic on a long line (150,000
 *  characters held the server's thread 11 s). */
function lastWord(s: string): string {
  let i = s.length;
  while (i > 0 && !/[\s'"]/.test(s[i - 1])) i--;
  return s.slice(i);
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = lineStartOf(text, offset);
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** On a block line with no `:` before the cursor, the user types a key (or a list item). */
function typingKey(before: string, after: string): boolean {
  if (/[{[]/.test(before)) return false;
  if (/^\s*#/.test(before)) return false;
  return !/:(\s|$)/.test(before) && !/:(\s|$)/.test(after);
}

/** The value without the placeholder. A recursive alias (`&a [*a]`) makes a cyclic value: a
 *  value already being stripped stands for itself instead of recursing forever. */
function strip(v: unknown, seen = new Set<unknown>()): unknown {
  if (typeof v === 'string') return v.includes(PLACEHOLDER) ? v.replace(PLACEHOLDER, '') : v;
  if (v === null || typeof v !== 'object' || seen.has(v)) return v;
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => strip(x, seen));
    const o = obj(v);
    if (!o) return v;
    const out: Obj = {};
    for (const [k, val] of Object.entries(o)) if (!k.includes(PLACEHOLDER)) out[k] = strip(val, seen);
    return out;
  } finally {
    seen.delete(v);
  }
}

export function completionSite(text: string, offset: number, defaultNamespace: string): CompletionSite | undefined {
  // The limits of the analysis hold here too: a file or a document it refuses is not parsed for
  // completion either (an 11 MB flow list took 57 s and 4.3 GB, then the server died).
  if (refuseText(text)) return undefined;
  const chunk = documentAround(text, offset);
  if (refuseDocument(chunk.text)) return undefined;
  const line = lineBounds(text, offset);
  const before = text.slice(line.start, offset);
  const after = text.slice(offset, line.end);
  const key = typingKey(before, after);
  // `host:|` (the `:` just typed triggered completion): the value needs its space first.
  const lead = !key && /:$/.test(before) && !/[{[]/.test(before) ? ' ' : '';
  const rel = offset - chunk.base;
  const patched = chunk.text.slice(0, rel) + lead + PLACEHOLDER + (key ? ': ' : '') + chunk.text.slice(rel);
  const parsed = parseDocument(patched, { prettyErrors: false, strict: false, uniqueKeys: false, logLevel: 'error' });
  const doc: YamlDocument = { file: '', index: 0, base: chunk.base, text: patched, doc: parsed, isTemplate: false };
  const hit = nodeAt(doc, offset + lead.length);
  if (!hit || hit.text === undefined || !hit.text.includes(PLACEHOLDER)) return undefined;
  const converted = toPlainValue(parsed);
  const plain = 'value' in converted ? converted.value : {};
  let path = hit.path;
  let rootObj = obj(plain) ?? {};
  if (path[0] === 'items' && typeof path[1] === 'number' && str(rootObj.kind) === 'List') {
    rootObj = obj(valueAtPath(rootObj, path.slice(0, 2))) ?? {};
    path = path.slice(2);
  }
  let prefix = hit.text.slice(0, hit.text.indexOf(PLACEHOLDER));
  // A plain scalar continued from the line above: only this line's word is being typed.
  if (!before.endsWith(prefix)) prefix = lastWord(before);
  const wordAfter = /^[^\s:,\]}'"#]*/.exec(after)?.[0] ?? '';
  const parent = obj(valueAtPath(rootObj, path.slice(0, -1)));
  const raw = obj(strip(rootObj)) ?? {};
  return {
    path: path.map((p) => (typeof p === 'string' && p.includes(PLACEHOLDER) ? p.replace(PLACEHOLDER, '') : p)),
    role: hit.role,
    prefix,
    replace: { start: offset - prefix.length, end: offset + wordAfter.length },
    kind: str(raw.kind) ?? '',
    apiVersion: str(raw.apiVersion) ?? '',
    namespace: str(obj(raw.metadata)?.namespace) || defaultNamespace,
    raw,
    column: offset - prefix.length - line.start,
    siblings: parent ? Object.keys(parent).filter((k) => !k.includes(PLACEHOLDER)) : [],
    keyHasColon: hit.role === 'key' && /^[^\s:]*:(\s|$)/.test(after),
    lead,
  };
}

/** The value at a path of the (stripped) resource. */
export function valueAt(site: CompletionSite, path: readonly (string | number)[]): unknown {
  return valueAtPath(site.raw, path);
}
