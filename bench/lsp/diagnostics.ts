/** Predicates over publishDiagnostics notifications: which publish reflects a given text. */
import type { Received } from './client';

export function isPublishFor(n: Received, uri: string): boolean {
  return n.method === 'textDocument/publishDiagnostics' && n.params?.uri === uri;
}

export function hasDiagnosticAt(n: Received, line: number): boolean {
  return (n.params.diagnostics as { range: { start: { line: number } } }[]).some((d) => d.range.start.line === line);
}

/** A publish no older than `version` (servers that omit the version pass). */
export function isAtLeast(n: Received, version: number): boolean {
  return typeof n.params.version !== 'number' || n.params.version >= version;
}

/** The publish that shows a document analysed to the end: the planted error is reported. */
export function showsPlanted(uri: string, plantedLine: number) {
  return (n: Received) => isPublishFor(n, uri) && hasDiagnosticAt(n, plantedLine);
}

/** After an edit that broke (`broken`) or repaired `line`: a publish of a full analysis of that text. */
export function reflectsEdit(uri: string, version: number, line: number, broken: boolean, plantedLine: number) {
  return (n: Received) =>
    isPublishFor(n, uri) && isAtLeast(n, version) &&
    (broken ? hasDiagnosticAt(n, line) : !hasDiagnosticAt(n, line) && hasDiagnosticAt(n, plantedLine));
}
