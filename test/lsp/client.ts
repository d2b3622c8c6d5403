import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type MessageConnection,
} from 'vscode-languageserver/node';

/** A real LSP client for dist/server.js over stdio (`npm test` builds dist first). */
export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  readonly logs: string[] = [];
  /** Every publication, in order, with the document version it names. */
  readonly published: { uri: string; version?: number; diagnostics: Diagnostic[] }[] = [];
  /** `$/logTrace` messages, after `traceVerbose()`. */
  readonly traces: string[] = [];

  private constructor(readonly connection: MessageConnection, private readonly proc: ChildProcess, readonly root: string) {
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }): void => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    connection.onNotification('window/logMessage', (p: { message: string }): void => {
      this.logs.push(p.message);
      for (const w of this.waiters.splice(0)) w();
    });
    connection.onNotification('$/logTrace', (p: { message: string }): void => {
      this.traces.push(p.message);
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
  }

  /** Writes the files to a fresh folder and starts a server with it as the workspace folder. */
  static async start(files: Record<string, string>): Promise<LspClient> {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-lsp-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const proc = spawn(process.execPath, [...(process.env.LSP_NODE_ARGS ? process.env.LSP_NODE_ARGS.split(' ') : []), 'dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    connection.listen();
    const client = new LspClient(connection, proc, pathToFileURL(dir).href);
    return client;
  }

  uri(name: string): string {
    return `${this.root}/${name}`;
  }

  async initialize(initializationOptions?: unknown): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: this.root, workspaceFolders: [{ uri: this.root, name: 'ws' }], initializationOptions,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** The server process's exit code, or null while it runs. */
  get exitCode(): number | null {
    return this.proc.exitCode;
  }

  /** Resolves when some message logged by the server satisfies `test` (no deadline of its own: the
   *  test's timeout ends a wait that never comes true). */
  async waitForLog(test: (message: string) => boolean): Promise<string> {
    for (;;) {
      const hit = this.logs.find(test);
      if (hit !== undefined) return hit;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves when `uri`'s latest published diagnostics satisfy `test`. It waits on that condition
   *  only: the test's own timeout (or the run's watchdog) ends a wait that never comes true. */
  async waitForDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    for (;;) {
      const d = this.diagnostics.get(uri);
      if (d && test(d)) return d;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves when `test` holds (checked every few milliseconds; no deadline of its own, as above). */
  async waitFor(test: () => boolean): Promise<void> {
    while (!test()) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Turns the server's trace on (`$/setTrace`): its `$/logTrace` messages collect in `traces`. */
  async traceVerbose(): Promise<void> {
    await this.connection.sendNotification('$/setTrace', { value: 'verbose' });
  }

  open(name: string, text: string): void {
    this.versions.set(name, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(name), languageId: 'yaml', version: 1, text } });
  }

  change(name: string, text: string): void {
    const version = (this.versions.get(name) ?? 1) + 1;
    this.versions.set(name, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(name), version }, contentChanges: [{ text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
      void this.connection.sendNotification('exit');
      await Promise.race([new Promise((r) => this.proc.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
    } finally {
      this.connection.dispose();
      this.proc.kill();
    }
  }
}

/** The position of the first `needle` in `text`, `at` characters into it. */
export function positionOf(text: string, needle: string, at = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, i + at);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
