/** Start-up on a workspace folder: from spawning the server to a published analysis of every file
 *  (each file has a planted error, so "analysed" is visible), with the work-done progress if any. */
import type { BenchWorkspace } from '../workspaces';
import { TimeoutError, type LspClient, type Received } from './client';
import { hasDiagnosticAt } from './diagnostics';
import { startServer, type ServerSpec } from './servers';

export interface IndexFigures {
  server: string;
  files: number;
  documents: number;
  /** Spawn → every file's planted error published. */
  allDiagnosedMs: number;
  filesDiagnosed: number;
  /** Spawn → `$/progress` end (NaN without progress). */
  progressEndMs: number;
  progressTitle: string;
  peakMb: number;
  rssMb: number;
  notes: string[];
}

export async function runIndexing(spec: ServerSpec, ws: BenchWorkspace, cwd: string, timeoutMs: number): Promise<IndexFigures> {
  const fig: IndexFigures = {
    server: spec.name, files: ws.files.length, documents: ws.documents, allDiagnosedMs: NaN, filesDiagnosed: 0,
    progressEndMs: NaN, progressTitle: '', peakMb: NaN, rssMb: NaN, notes: [],
  };
  const planted = new Map(ws.files.map((f) => [f.uri, f.plantedLine]));
  const diagnosed = new Set<string>();
  const start = performance.now();
  let client: LspClient | undefined;
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  let progressEnded!: () => void;
  const ended = new Promise<void>((r) => (progressEnded = r));
  const watch = (n: Received) => {
    if (n.method === 'textDocument/publishDiagnostics') {
      const line = planted.get(n.params.uri);
      if (line !== undefined && hasDiagnosticAt(n, line) && !diagnosed.has(n.params.uri)) {
        diagnosed.add(n.params.uri);
        if (diagnosed.size === planted.size) {
          fig.allDiagnosedMs = n.at - start;
          resolveAll();
        }
      }
    } else if (n.method === '$/progress') {
      const v = n.params?.value;
      if (v?.kind === 'begin') fig.progressTitle = String(v.title ?? '');
      if (v?.kind === 'end' && Number.isNaN(fig.progressEndMs)) {
        fig.progressEndMs = n.at - start;
        progressEnded();
      }
    }
  };
  try {
    client = await startServer(spec, cwd, ws.dir, (c) => c.onNotification(watch));
    // Done when every file is diagnosed; a server that ends its progress but never publishes for
    // unopened files gets 3 s of grace and is reported with the progress figure.
    const grace = ended.then(() => new Promise<void>((r) => setTimeout(r, 3000)));
    const timeout = new Promise<void>((r) => setTimeout(r, timeoutMs));
    await Promise.race([all, grace, timeout]);
    fig.filesDiagnosed = diagnosed.size;
    if (diagnosed.size < planted.size) fig.notes.push(`${diagnosed.size} of ${planted.size} files had their diagnostics published`);
    const mem = client.memory();
    fig.peakMb = mem.peakMb;
    fig.rssMb = mem.rssMb;
  } catch (e) {
    fig.notes.push(e instanceof TimeoutError ? e.message : `error: ${(e as Error).message}`);
  } finally {
    await client?.stop();
  }
  return fig;
}
