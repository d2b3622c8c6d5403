import { Document, parseDocument } from 'yaml';
import { commonEnds } from '../text/commonEnds';
import type { Span } from '../text/span';
import { splitDocuments, type DocumentChunk } from './documents';
import { replaceCollectionKeysAndFindDuplicates } from './collectionKeys';
import { refuseDocument, refuseText } from './limits';
import { firstTemplate, isTemplateDocument } from './templates';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A problem found while reading a file, with an absolute span in that file. */
export interface Problem {
  file: string;
  span: Span;
  severity: Severity;
  code: string;
  message: string;
}

/** One YAML document of a file. Node ranges inside `doc` are relative to `base`. */
export interface YamlDocument {
  file: string;
  index: number;
  base: number;
  text: string;
  doc: Document.Parsed;
  /** True when Helm/Go-template markup breaks the document's YAML or stands where its structure
   *  goes (templates.ts): its syntax errors are not reported, and a notice says it is not checked. */
  isTemplate: boolean;
}

export interface SourceFile {
  path: string;
  text: string;
  documents: YamlDocument[];
  problems: Problem[];
}

const MAX_CACHE = 100_000;
/** The cache is bounded by size too: a parsed document holds 35–50 bytes of heap per character, and
 *  every keystroke adds a version. 100,000 versions of 1 KB documents filled a 4 GB heap in the fuzz
 *  run (docs/robustness.md). 16 M characters stays under ~800 MB and holds twice the benchmark's
 *  largest workspace (20,000 documents, 7.5 M characters). */
const MAX_CACHE_CHARS = 16 * 1024 * 1024;
let cachedChars = 0;
/** Parsed documents by their text, least recently used first: an unchanged document is never parsed
 *  twice, and old versions of edited documents are dropped before the documents still in use. */
const cache = new Map<string, ParsedChunk>();

interface ParsedChunk {
  /** The document's text as a string of its own: a slice of the file's text would keep that whole
   *  version of the file alive (V8 sliced strings), one more megabytes-long copy per keystroke. */
  text: string;
  doc: Document.Parsed;
  isTemplate: boolean;
}

/** The texts an edit replaced, most recent last: kept a while (an undo, a keystroke typed and
 *  erased brings them back) but not as long as documents still in use. Before, every version of an
 *  edited document stayed in the cache with its parse and lowering until the cache filled: the RSS
 *  of the server grew by a fifth over 1,000 keystrokes in a 5,000-document file. */
const replaced = new Map<string, ParsedChunk>();
const MAX_REPLACED = 64;

function remember(parsed: ParsedChunk): void {
  while (cache.size && (cache.size >= MAX_CACHE || cachedChars + parsed.text.length > MAX_CACHE_CHARS)) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  cache.set(parsed.text, parsed);
  cachedChars += parsed.text.length;
}

/** An edit replaced this text: it leaves the cache for the short list of replaced texts. */
function supersede(text: string): void {
  const parsed = cache.get(text);
  if (!parsed) return;
  cache.delete(text);
  cachedChars -= text.length;
  replaced.delete(text);
  replaced.set(text, parsed);
  if (replaced.size > MAX_REPLACED) replaced.delete(replaced.keys().next().value as string);
}

function parseChunk(text: string): ParsedChunk {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(hit.text);
    cache.set(hit.text, hit); // its own copy as the key, not the caller's slice of a file
    return hit;
  }
  const back = replaced.get(text);
  if (back) {
    replaced.delete(text);
    remember(back);
    return back;
  }
  const own = (' ' + text).slice(1);
  const { doc, isTemplate } = withoutStackTraces(() => {
    // logLevel 'error': the yaml library would otherwise print Node warnings (collection keys) on stderr.
    // uniqueKeys false: the library's check is quadratic in the keys of a mapping (collectionKeys.ts).
    const d = parseDocument(own, { prettyErrors: false, uniqueKeys: false, strict: false, logLevel: 'error' });
    const t = isTemplateDocument(own, d); // before adding errors a template never causes
    replaceCollectionKeysAndFindDuplicates(d, own);
    return { doc: d, isTemplate: t };
  });
  const parsed = { text: own, doc, isTemplate };
  remember(parsed);
  return parsed;
}

/** Drops every parsed document the cache holds (the documents a snapshot still uses stay alive
 *  through it). For a caller that knows the texts seen so far will not come back: the fuzz harness,
 *  before it times a case again on a heap free of earlier cases. */
export function forgetParsedDocuments(): void {
  cache.clear();
  replaced.clear();
  cachedChars = 0;
}

/** Runs `f` with V8's stack capture off. Every syntax error the yaml library reports is an Error
 *  object, and V8 gives each one a structured stack trace that keeps the parser's frames (their
 *  receivers and closures) alive for as long as the error lives. The parse cache keeps the errors of
 *  every cached document: in a long fuzz run these traces, not the documents, filled the heap (about
 *  1 KB per error, two thirds of the cache's memory; docs/robustness.md). Problems carry positions,
 *  never stacks, so nothing reads them. */
function withoutStackTraces<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Parses every document of a file. Never throws: syntax errors become problems. */
export function parseFile(path: string, text: string): SourceFile {
  const refusal = refuseText(text);
  if (refusal) return { path, text, documents: [], problems: [{ file: path, span: { start: 0, end: 0 }, severity: 'error', code: refusal.code, message: refusal.message }] };
  return assemble(path, text, splitDocuments(text).map((chunk) => ({ chunk })));
}

/** The same as `parseFile(previous.path, text)` for a new version of a file, but the file is split
 *  again only around the change (the common start and end of the two texts are kept, with their
 *  parsed documents, moved by the difference in length): a keystroke in a 5,000-document file
 *  neither re-splits the 2 MB text nor looks up 5,000 documents in the parse cache. */
export function reparseFile(previous: SourceFile, text: string): SourceFile {
  const old = previous.text;
  const docs = previous.documents;
  if (text === old) return previous;
  if (refuseText(text) || !tiles(docs, old.length)) return parseFile(previous.path, text);
  const { prefix: p, suffix: s } = commonEnds(old, text);
  const delta = text.length - old.length;
  // A document boundary is read from the line before it and the four characters after it: the
  // boundaries whose characters the edit did not touch stay where they were.
  let first = 0;
  while (first + 1 < docs.length && docs[first + 1].base + 4 <= p) first++;
  let after = first + 1;
  while (after < docs.length && docs[after].base - 5 < old.length - s) after++;
  const start = docs[first].base;
  const end = after < docs.length ? docs[after].base + delta : text.length;
  const pieces: Piece[] = docs.slice(0, first).map((d) => ({ chunk: d, reuse: d }));
  for (const c of splitDocuments(text.slice(start, end))) pieces.push({ chunk: { base: start + c.base, text: c.text } });
  for (const d of docs.slice(after)) pieces.push({ chunk: { base: d.base + delta, text: d.text }, reuse: d });
  const out = assemble(previous.path, text, pieces);
  // A replaced text still used elsewhere in the file (a document written twice) stays.
  for (const d of docs.slice(first, after)) if (!out.documents.some((n) => n.text === d.text)) supersede(d.text);
  return out;
}

/** Do the documents cover the text from start to end, one after another (no chunk failed to parse)? */
function tiles(docs: readonly YamlDocument[], length: number): boolean {
  if (!docs.length || docs[0].base !== 0) return false;
  for (let i = 1; i < docs.length; i++) if (docs[i].base !== docs[i - 1].base + docs[i - 1].text.length) return false;
  const last = docs[docs.length - 1];
  return last.base + last.text.length === length;
}

interface Piece {
  chunk: DocumentChunk;
  /** The parsed document of the same text in the previous version of the file. */
  reuse?: YamlDocument;
}

function assemble(path: string, text: string, pieces: readonly Piece[]): SourceFile {
  const documents: YamlDocument[] = [];
  const problems: Problem[] = [...strayByteOrderMarks(path, text)];
  for (const { chunk, reuse } of pieces) {
    let yamlDoc: YamlDocument;
    if (reuse) {
      // Written out, not spread: after an edit that changes the length every document below it moves.
      yamlDoc = reuse.base === chunk.base && reuse.index === documents.length
        ? reuse
        : { file: reuse.file, index: documents.length, base: chunk.base, text: reuse.text, doc: reuse.doc, isTemplate: reuse.isTemplate };
    } else {
      const refusal = refuseDocument(chunk.text);
      if (refusal) {
        problems.push({ file: path, span: { start: chunk.base, end: chunk.base }, severity: 'error', code: refusal.code, message: refusal.message });
        continue;
      }
      let parsed: ParsedChunk;
      try {
        parsed = parseChunk(chunk.text);
      } catch (e) {
        problems.push({ file: path, span: { start: chunk.base, end: chunk.base }, severity: 'error', code: 'YAML', message: `YAML could not be parsed: ${String(e)}` });
        continue;
      }
      yamlDoc = { file: path, index: documents.length, base: chunk.base, text: parsed.text, doc: parsed.doc, isTemplate: parsed.isTemplate };
    }
    documents.push(yamlDoc);
    if (yamlDoc.isTemplate) {
      problems.push(templateNotice(path, yamlDoc));
      continue;
    }
    const { doc } = yamlDoc;
    for (const err of doc.errors) problems.push(toProblem(path, yamlDoc, err.pos, 'error', err.message, err.code));
    for (const w of doc.warnings) problems.push(toProblem(path, yamlDoc, w.pos, 'warning', w.message, w.code));
  }
  return { path, text, documents, problems };
}

/** A template is not checked, and the user is told so where its markup starts (never silently). */
function templateNotice(file: string, d: YamlDocument): Problem {
  const at = d.base + Math.max(0, firstTemplate(d.text));
  return {
    file, span: { start: at, end: at + 2 }, severity: 'info', code: 'TEMPLATE',
    message: 'YAML: Helm/Go template markup ({{ … }}) where YAML structure goes, or that breaks the YAML: this document is not checked (render the chart, e.g. `helm template`, to check its output)',
  };
}

/** A byte order mark is read as one only at the very start; elsewhere (files concatenated with
 *  their BOMs) it silently becomes part of a key, `\uFEFFkind`, and the resource disappears. */
function strayByteOrderMarks(file: string, text: string): Problem[] {
  const out: Problem[] = [];
  for (let i = text.indexOf('\uFEFF', 1); i > 0 && out.length < 10; i = text.indexOf('\uFEFF', i + 1)) {
    out.push({ file, span: { start: i, end: i + 1 }, severity: 'error', code: 'YAML_BOM', message: 'YAML: a byte order mark (U+FEFF) inside the file is read as text, not as a mark: remove it' });
  }
  return out;
}

/** The yaml library may place an error one past the end of the text (an unclosed quote): clamp it.
 *  It reports its own stack overflow on deeply nested input in JavaScript's words: say it in ours. */
function toProblem(file: string, chunk: DocumentChunk, pos: [number, number], severity: Severity, message: string, code: string): Problem {
  const first = /Maximum call stack size exceeded/.test(message) ? 'nested too deeply to be read (more levels than the parser can hold)' : message.split('\n')[0];
  const clamp = (n: number) => chunk.base + Math.max(0, Math.min(n, chunk.text.length));
  return { file, span: { start: clamp(pos[0]), end: clamp(Math.max(pos[1], pos[0])) }, severity, code: `YAML_${code}`, message: `YAML: ${first}` };
}
