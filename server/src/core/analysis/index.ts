/** The analysis facade: `analyze(snapshot)` → findings for every file of the workspace, sorted by
 *  file and position. Never throws. The LSP and the CLI call only this and the catalogue. */
import type { Snapshot } from '../workspace/snapshot';
import { runAnalyzers } from './analyzer';
import { ANALYZERS } from './registry';
import { yamlFindings } from './analyzers/file/yamlProblems';
import { SEVERITY_RANK, type AnalyzeOptions, type Finding } from './types';

export type { AnalyzeOptions, Finding, Fix, RelatedInfo, ResourceRef, Severity, TextEdit } from './types';
export { catalogue, type MessageType } from './messages';
export { ANALYZERS } from './registry';

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export function analyze(snapshot: Snapshot, options: AnalyzeOptions = {}): Finding[] {
  return finishFindings([...yamlFindings(snapshot), ...runAnalyzers(snapshot, ANALYZERS, options, options.onError)], snapshot, options);
}

/** The last step of every analysis (full or incremental.ts): suppressions, severity floor, duplicates, order. */
export function finishFindings(all: Finding[], snapshot: Snapshot, options: AnalyzeOptions): Finding[] {
  // No findings, nothing to suppress: a clean workspace is not scanned for annotations after each edit.
  if (!all.length) return all;
  const suppressedBy = annotationSuppressions(snapshot);
  const global = new Set(options.suppress ?? []);
  const min = SEVERITY_RANK[options.minSeverity ?? 'hint'];
  const kept = all.filter((f) => {
    if (global.has('*') || global.has(f.code) || SEVERITY_RANK[f.severity] < min) return false;
    const own = suppressedBy.get(refKey(f.resource));
    return !(own && (own.has('*') || own.has(f.code)));
  });
  return dedupe(kept).sort(compareFindings);
}

function refKey(r: { kind: string; namespace: string; name: string }): string {
  return `${r.kind}/${r.namespace}/${r.name}`;
}

/** Codes each resource suppresses for itself with the annotation istioctl users know. */
function annotationSuppressions(snap: Snapshot): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of snap.resources) {
    const v = r.meta.annotations[SUPPRESS_ANNOTATION];
    if (!v) continue;
    out.set(refKey(r.meta), new Set(v.split(',').map((s) => s.trim()).filter(Boolean)));
  }
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.file}\0${f.span.start}\0${f.span.end}\0${f.code}\0${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
