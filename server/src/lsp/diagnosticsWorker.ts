import { parentPort } from 'node:worker_threads';
import { validatorPreparations } from '../core/analysis/schema/validate';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { createAdapter } from './adapter';
import { computeDiagnostics, StaleAnalysis, type FromWorker, type ToWorker } from './diagnosticsEngine';
import { handlerTable } from './handlers';
import { IdleCollector } from './idleGc';
import { WorkspaceState } from './workspaceState';

/** The diagnostics worker: a copy of the workspace's texts, analysed off the server's thread so
 *  that completion and hover never wait behind a whole-workspace analysis. */
export function runDiagnosticsWorker(): void {
  const port = parentPort;
  if (!port) return;
  const ws = new WorkspaceState();
  const post = (m: FromWorker) => port.postMessage(m);
  const idle = new IdleCollector(500);
  // The validators of kinds the first analysis did not meet are compiled after it, one kind at a time
  // once no message has come for a second: compiled before it, all of them held back the first
  // diagnostics of a file just opened (0.5-1.8 s on two busy cores), and compiled right after it,
  // the first edit.
  let preparations: (() => void)[] | undefined;
  let lastMessageAt = 0;
  const prepareWhenIdle = () => {
    const quiet = performance.now() - lastMessageAt;
    if (quiet < PREPARE_AFTER_IDLE_MS) return void setTimeout(prepareWhenIdle, PREPARE_AFTER_IDLE_MS - quiet);
    preparations?.shift()?.();
    if (preparations?.length) setTimeout(prepareWhenIdle, 0);
  };
  /** The newest generation the server wants (an analysis of an older one stops early). */
  let latest: Int32Array | undefined;
  // The server's handlers over this thread's copy of the workspace (code actions need published
  // findings, which only the server thread has: they are never delegated).
  const handlers = handlerTable(createAdapter(ws, (m) => console.error(m)), { findings: new Map(), findingsAreCurrent: false });
  port.on('message', (m: ToWorker) => {
    lastMessageAt = performance.now();
    try {
      if (m.type === 'text') {
        // A text without version is a file on disk (or a document just closed).
        if (m.version !== undefined && m.text !== undefined) ws.openDocument(m.uri, m.text, m.version);
        else {
          ws.closeDocument(m.uri, m.text);
          // A file read from disk (at start-up, as the server reads the next one): analysed on arrival.
          ws.analyseAhead(m.uri);
        }
      } else if (m.type === 'options') ws.setOptions(m.options);
      else if (m.type === 'generations') latest = m.latest;
      else if (m.type === 'request') {
        const handler = handlers[m.method] as (p: unknown) => unknown;
        const r = handler(m.params);
        post(r instanceof ResponseError ? { type: 'response', id: m.id, error: { code: r.code, message: r.message } } : { type: 'response', id: m.id, result: r });
        idle.touch();
      } else {
        try {
          const files = computeDiagnostics(ws, () => !!latest && Atomics.load(latest, 0) > m.generation);
          post({ type: 'diagnostics', generation: m.generation, files });
          if (!preparations) {
            preparations = validatorPreparations();
            setTimeout(prepareWhenIdle, PREPARE_AFTER_IDLE_MS);
          }
        } catch (e) {
          if (!(e instanceof StaleAnalysis)) throw e;
          post({ type: 'stale', generation: m.generation });
        }
        idle.touch();
      }
    } catch (e) {
      const message = (e as Error)?.stack ?? String(e);
      post(m.type === 'request' ? { type: 'response', id: m.id, error: { code: ErrorCodes.InternalError, message } } : { type: 'error', message });
    }
  });
}

/** How long the worker waits without a message before compiling one more validator. */
const PREPARE_AFTER_IDLE_MS = 1000;
