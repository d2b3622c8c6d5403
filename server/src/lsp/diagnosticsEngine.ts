import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/analysis';
import { nodeCertificates } from '../certificates';
import { IncrementalAnalysis } from '../core/analysis/incremental';
import { lineIndex, toDiagnostic } from './convert';
import { isKubernetesFile, type WorkspaceState } from './workspaceState';

/** One analysis of the whole workspace, as diagnostics per file (only Kubernetes files, only files
 *  with findings). Runs in the diagnostics worker, or in the server's thread when there is none. */
export interface FileDiagnostics {
  uri: string;
  /** The editor's version of the text analysed, for open documents. */
  version?: number;
  items: { finding: Finding; diagnostic: Diagnostic }[];
}

const HOUR = 3_600_000;

/** One incremental analysis per workspace: an edit re-checks the documents it changed. */
const analyses = new WeakMap<WorkspaceState, IncrementalAnalysis>();

/** Thrown when `isStale` says a newer state of the workspace waits: the analysis stops between two
 *  analyzers and leaves the incremental state as it was. */
export class StaleAnalysis extends Error {}

/** `isStale` is asked between the steps of the analysis (the worker's: has a newer edit come?). */
export function computeDiagnostics(ws: WorkspaceState, isStale: () => boolean = () => false): FileDiagnostics[] {
  const snap = ws.snapshot();
  if (isStale()) throw new StaleAnalysis();
  const byFile = new Map<string, Finding[]>();
  let analysis = analyses.get(ws);
  if (!analysis) analyses.set(ws, (analysis = new IncrementalAnalysis()));
  // An analyzer that throws loses its findings only; the log says which one and why.
  const onError = (name: string, e: unknown) => console.error(`istio-lens: analyzer ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
  const checkpoint = () => {
    if (isStale()) throw new StaleAnalysis();
  };
  // Certificates are judged at the hour, so that the options, and with them the incremental state, stay the same between edits.
  const certificates = nodeCertificates(Math.floor(Date.now() / HOUR) * HOUR);
  for (const f of analysis.analyze(snap, { onError, certificates }, checkpoint)) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const textOf = (uri: string) => snap.files.get(uri)?.source.text;
  const out: FileDiagnostics[] = [];
  // Open documents are answered even without findings, so the editor sees each version analysed.
  for (const uri of ws.uris()) if (ws.documentVersion(uri) !== undefined && !byFile.has(uri)) byFile.set(uri, []);
  for (const [uri, findings] of byFile) {
    const file = snap.files.get(uri);
    // An open file left out of the snapshot (a kustomize patch) is answered with no findings.
    if (!file && ws.documentVersion(uri) !== undefined) out.push({ uri, version: ws.documentVersion(uri), items: [] });
    if (!file || !isKubernetesFile(file)) continue;
    // A file without findings needs no line index (building one after an edit walks the text).
    const index = findings.length ? lineIndex(uri, file.source.text) : undefined;
    out.push({ uri, version: ws.documentVersion(uri), items: findings.map((finding) => ({ finding, diagnostic: toDiagnostic(finding, index!, textOf) })) });
  }
  return out;
}

/** Messages from the server to the diagnostics worker. */
export type ToWorker =
  | { type: 'text'; uri: string; text: string | undefined; version: number | undefined }
  | { type: 'options'; options: WorkspaceState['options'] }
  | { type: 'analyze'; generation: number }
  /** Holds, at index 0, the newest generation the server has asked for (or will): an analysis of an
   *  older one stops early. */
  | { type: 'generations'; latest: Int32Array }
  /** A request the worker answers from its own snapshot (see DiagnosticsPublisher.ask). */
  | { type: 'request'; id: number; method: DelegatedMethod; params: unknown };

/** Messages from the worker. */
export type FromWorker =
  | { type: 'diagnostics'; generation: number; files: FileDiagnostics[] }
  | { type: 'error'; message: string }
  | { type: 'stale'; generation: number }
  | { type: 'response'; id: number; result?: unknown; error?: { code: number; message: string } };

/** Requests the server thread may hand to the worker while its own snapshot is still being built
 *  (right after a big file is opened): the worker has parsed it already. */
export const DELEGATED_METHODS = ['completion', 'hover', 'definition', 'references', 'documentSymbol', 'codeLens', 'codeLensResolve', 'inlayHint', 'simulateCommandLine', 'simulate'] as const;
export type DelegatedMethod = (typeof DELEGATED_METHODS)[number];
