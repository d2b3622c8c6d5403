import { Document, parseDocument } from 'yaml';
import type { Span } from '../text/span';
import { splitDocuments, type DocumentChunk } from './documents';
import { refuseText } from './limits';

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
  /** True when the document holds Helm/Go-template markup: its syntax errors are not reported. */
  isTemplate: boolean;
}

export interface SourceFile {
  path: string;
  text: string;
  documents: YamlDocument[];
  problems: Problem[];
}

const TEMPLATE = /\{\{[\s\S]*?\}\}/;
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
}

function parseChunk(text: string): ParsedChunk {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(hit.text);
    cache.set(hit.text, hit); // its own copy as the key, not the caller's slice of a file
    return hit;
  }
  const own = (' ' + text).slice(1);
  // logLevel 'error': the yaml library would otherwise print Node warnings (collection keys) on stderr.
  const doc = parseDocument(own, { prettyErrors: false, uniqueKeys: true, strict: false, logLevel: 'error' });
  while (cache.size && (cache.size >= MAX_CACHE || cachedChars + own.length > MAX_CACHE_CHARS)) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  const parsed = { text: own, doc };
  cache.set(own, parsed);
  cachedChars += own.length;
  return parsed;
}

/** Parses every document of a file. Never throws: syntax errors become problems. */
export function parseFile(path: string, text: string): SourceFile {
  const documents: YamlDocument[] = [];
  const problems: Problem[] = [];
  const refusal = refuseText(text);
  if (refusal) return { path, text, documents, problems: [{ file: path, span: { start: 0, end: 0 }, severity: 'error', code: refusal.code, message: refusal.message }] };
  problems.push(...strayByteOrderMarks(path, text));
  for (const chunk of splitDocuments(text)) {
    let doc: Document.Parsed;
    let own: string;
    try {
      ({ doc, text: own } = parseChunk(chunk.text));
    } catch (e) {
      problems.push({ file: path, span: { start: chunk.base, end: chunk.base }, severity: 'error', code: 'YAML', message: `YAML could not be parsed: ${String(e)}` });
      continue;
    }
    const isTemplate = TEMPLATE.test(own);
    const yamlDoc: YamlDocument = { file: path, index: documents.length, base: chunk.base, text: own, doc, isTemplate };
    documents.push(yamlDoc);
    if (isTemplate) continue;
    for (const err of doc.errors) problems.push(toProblem(path, chunk, err.pos, 'error', err.message, err.code));
    for (const w of doc.warnings) problems.push(toProblem(path, chunk, w.pos, 'warning', w.message, w.code));
  }
  return { path, text, documents, problems };
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
