import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Position } from 'vscode-languageserver/node';
import type { Snapshot } from '../core/workspace/snapshot';
import { refuseText } from '../core/yaml/limits';
import { lineIndex, type PositionMap } from './convert';
import { canonicalUri } from './diskFiles';
import { mayBeKubernetes, type WorkspaceState } from './workspaceState';

/** The one adapter every request goes through: it finds the document, honours cancellation, keeps
 *  non-Kubernetes YAML quiet, and turns an exception into a logged error answered as a JSON-RPC
 *  InternalError, so a bug in one feature never takes the server down and the client knows. */
export interface DocumentContext {
  uri: string;
  text: string;
  index: PositionMap;
  ws: WorkspaceState;
  offsetAt(p: Position): number;
  /** The snapshot of the current texts (re-analyses files edited since the last one). */
  snapshot(): Snapshot;
}

export type Logger = (message: string) => void;

export interface Adapter {
  /** A request about one document (`params.textDocument.uri`). */
  document<P extends { textDocument: { uri: string } }, R>(name: string, empty: R, fn: (ctx: DocumentContext, params: P) => R):
    (params: P, token?: CancellationToken) => R | ResponseError<void>;
  /** A request about the workspace. */
  workspace<P, R>(name: string, empty: R, fn: (ws: WorkspaceState, params: P) => R):
    (params: P, token?: CancellationToken) => R | ResponseError<void>;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** `openDocument` gives the editor's TextDocument of a uri, when open. */
export function createAdapter(ws: WorkspaceState, log: Logger, openDocument: (uri: string) => (PositionMap & { getText(): string }) | undefined = () => undefined): Adapter {
  const guard = <R>(name: string, token: CancellationToken | undefined, run: () => R): R | ResponseError<void> => {
    ws.noteRequest();
    if (token?.isCancellationRequested) return cancelled();
    try {
      const r = run();
      return token?.isCancellationRequested ? cancelled() : r;
    } catch (e) {
      if (e instanceof ResponseError) return e;
      log(`istio-lens: ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return new ResponseError(ErrorCodes.InternalError, `istio-lens: ${name} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  };
  return {
    document: (name, empty, fn) => (params, token) => guard(name, token, () => {
      const uri = canonicalUri(params.textDocument.uri);
      const text = ws.text(uri);
      // A file the analysis refuses (too large, binary) gets no feature either: each would parse it.
      if (text === undefined || refuseText(text) || !mayBeKubernetes(text)) return empty;
      const doc = openDocument(params.textDocument.uri);
      const index = doc && doc.getText() === text ? doc : lineIndex(uri, text);
      return fn({ uri, text, index, ws, offsetAt: (p) => index.offsetAt(p), snapshot: () => ws.snapshot() }, params);
    }),
    workspace: (name, _empty, fn) => (params, token) => guard(name, token, () => fn(ws, params)),
  };
}
