import { Worker } from 'node:worker_threads';
import { DiagnosticSeverity, ResponseError, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/analysis';
import type { Logger } from './adapter';
import { forPublishing } from './publishOrder';
import { computeDiagnostics, type DelegatedMethod, type FileDiagnostics, type FromWorker, type ToWorker } from './diagnosticsEngine';
import type { WorkspaceState } from './workspaceState';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

/** Publishes diagnostics for every file of the workspace after edits settle. The analysis runs over
 *  the whole snapshot, so editing a DestinationRule republishes the VirtualService files it affects;
 *  it runs in a worker thread (fed every text change) so requests are never queued behind it, and
 *  only files whose diagnostics (or open-document version) changed are sent. */
export class DiagnosticsPublisher {
  private timer: NodeJS.Timeout | undefined;
  private worker: Worker | undefined;
  private requested = 0;
  private inFlight = false;
  private dirtySince = 0;
  private readonly published = new Map<string, string>();
  /** The newest generation asked for, shared with the worker (see `schedule`). */
  private readonly latest = new Int32Array(new SharedArrayBuffer(4));
  /** Files changed since the worker last heard of them: texts are sent once per analysis, not per keystroke. */
  private readonly unsent = new Set<string>();
  /** The findings behind the last published diagnostics, by file (for code actions). */
  readonly findings = new Map<string, { finding: Finding; diagnostic: Diagnostic }[]>();

  constructor(private readonly connection: Connection, private readonly ws: WorkspaceState, private readonly log: Logger, private readonly delayMs = 0) {}

  /** Hears what the analyses do (the server sends it to the client's trace, `$/logTrace`). */
  trace: (message: string) => void = () => {};

  /** When each document was opened, until its first diagnostics are sent. */
  private readonly openedAt = new Map<string, number>();

  /** The editor opened `uri`: the time until its first diagnostics are sent is logged (the output
   *  says how long a big file takes to be checked, and `npm run bench:editor` reads it). */
  noteOpened(uri: string): void {
    this.openedAt.set(uri, performance.now());
  }

  /** Starts the worker on `script` (the server's own bundle); without it, analysis runs inline. */
  startWorker(script: string, workerData: unknown): void {
    try {
      const w = new Worker(script, { workerData });
      w.on('message', (m: FromWorker) => this.onWorkerMessage(m));
      w.on('error', (e) => {
        this.log(`istio-lens: diagnostics worker failed, analysing in the server thread: ${e.stack ?? e}`);
        this.worker = undefined;
        this.inFlight = false;
        // Requests it was answering are answered here instead.
        for (const { fallback, resolve } of this.asked.values()) resolve(fallback());
        this.asked.clear();
        this.schedule();
      });
      w.unref();
      this.worker = w;
      this.post({ type: 'options', options: this.ws.options });
      this.post({ type: 'generations', latest: this.latest });
      for (const uri of this.ws.uris()) this.post({ type: 'text', uri, text: this.ws.text(uri), version: this.ws.documentVersion(uri) });
      this.ws.onText = (uri) => this.unsent.add(uri);
    } catch (e) {
      this.log(`istio-lens: no diagnostics worker (${(e as Error).message}); analysing in the server thread`);
    }
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private nextId = 0;
  private readonly asked = new Map<number, { resolve: (r: unknown) => void; fallback: () => unknown }>();

  /** Is there a worker to ask? */
  get hasWorker(): boolean {
    return !!this.worker;
  }

  /** Has the worker answer a request from its snapshot, with every text the server has: right after
   *  a big file is opened the worker has parsed it while the server thread has not (yet). It answers
   *  between two analyses. `fallback` answers in this thread if the worker is gone. */
  ask<R>(method: DelegatedMethod, params: unknown, fallback: () => R): Promise<R | ResponseError<void>> {
    if (!this.worker) return Promise.resolve(fallback());
    this.flushTexts();
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.asked.set(id, { resolve: resolve as (r: unknown) => void, fallback });
      this.post({ type: 'request', id, method, params });
    });
  }

  /** Sends a file's text to the worker now rather than with the next analysis, so that the worker
   *  parses it while the server is still reading the workspace folders. */
  sendAhead(uri: string): void {
    if (!this.worker || !this.unsent.delete(uri)) return;
    this.post({ type: 'text', uri, text: this.ws.text(uri), version: this.ws.documentVersion(uri) });
  }

  private flushTexts(): void {
    for (const uri of this.unsent) this.post({ type: 'text', uri, text: this.ws.text(uri), version: this.ws.documentVersion(uri) });
    this.unsent.clear();
  }

  /** Runs on the next turn of the event loop (changes already received come together). An analysis
   *  under way in the worker is told that it is stale and stops between two analyzers; the next one
   *  starts when it has stopped: a burst of keystrokes makes one analysis, not one per keystroke,
   *  and no result of an outdated text is published. No fixed debounce: 20 ms of it were 40 % of
   *  the 50 ms an edit may take to be diagnosed. */
  schedule(): void {
    // Nothing changed since the analysis under way started (the folder scan read a file the editor
    // has open, as it is): stopping it would throw its work away for the same result. It publishes,
    // and settles, as a new one would.
    if (this.inFlight && this.requested === this.dirtySince && this.ws.version === this.inFlightWsVersion && !this.unsent.size) return;
    this.dirtySince++;
    // An analysis under way in the worker of older texts stops at its next step. One of the same
    // texts goes on (a file the folder scan read, then opened as it is): its diagnostics are right,
    // and the next analysis, quick, sends them again with the editor's version.
    if (!this.inFlight || this.ws.textVersion !== this.inFlightTextVersion) Atomics.store(this.latest, 0, this.dirtySince);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delayMs);
  }

  /** The workspace state's version (every text change bumps it) that the analysis under way reads,
   *  and the one the published findings were computed from. */
  private inFlightWsVersion = -1;
  private inFlightTextVersion = -1;
  private findingsWsVersion = -1;

  /** Are the published findings those of the texts the server (and so the client) has now? A quick
   *  fix's offsets are of the text analysed: converted against any other version of the file, its
   *  edit lands elsewhere (`route  - rotue:`), so fixes are offered only then. */
  get findingsAreCurrent(): boolean {
    return this.findingsWsVersion === this.ws.version;
  }

  private run(): void {
    if (this.inFlight) return; // the reply triggers the next run
    const generation = this.dirtySince;
    if (generation === this.requested) return;
    this.requested = generation;
    this.inFlightWsVersion = this.ws.version;
    this.inFlightTextVersion = this.ws.textVersion;
    if (this.worker) {
      this.inFlight = true;
      this.flushTexts();
      this.trace(`diagnostics: analysis ${generation} started`);
      this.post({ type: 'analyze', generation });
      return;
    }
    try {
      const files = computeDiagnostics(this.ws);
      this.findingsWsVersion = this.inFlightWsVersion;
      this.publish(files);
    } catch (e) {
      this.log(`istio-lens: diagnostics failed: ${(e as Error)?.stack ?? String(e)}`);
    }
    this.settle();
  }

  private onWorkerMessage(m: FromWorker): void {
    if (m.type === 'response') {
      const asked = this.asked.get(m.id);
      this.asked.delete(m.id);
      asked?.resolve(m.error ? new ResponseError(m.error.code, m.error.message) : m.result);
      return;
    }
    if (m.type === 'error') {
      this.log(`istio-lens: diagnostics failed: ${m.message}`);
    } else if (m.type === 'diagnostics') {
      this.findingsWsVersion = this.inFlightWsVersion;
      this.publish(m.files);
    }
    // 'stale': stopped for a newer state, analysed next.
    if (m.type === 'stale') this.trace(`diagnostics: analysis ${m.generation} stopped for a newer state`);
    this.inFlight = false;
    if (this.requested !== this.dirtySince) this.run();
    else this.settle();
  }

  private settled: (() => void)[] = [];

  /** True while an analysis is pending or running (background work waits, not to share the CPU). */
  get busy(): boolean {
    return !!this.timer || this.inFlight || this.requested !== this.dirtySince;
  }

  /** Calls `fn` once the diagnostics of every change made so far are published (the end of the
   *  start-up indexing's work-done progress). */
  whenSettled(fn: () => void): void {
    this.settled.push(fn);
    if (!this.timer && !this.inFlight && this.requested === this.dirtySince) this.settle();
  }

  private settle(): void {
    if (this.timer || this.inFlight || this.requested !== this.dirtySince) return;
    const waiting = this.settled;
    this.settled = [];
    for (const fn of waiting) fn();
  }

  private severityOverrides: Record<string, string> = {};
  private lastFiles: FileDiagnostics[] = [];

  /** `istioLens.severityOverrides`: a code's severity, or `off`. Republishes what changed. */
  setSeverityOverrides(overrides: Record<string, string> | undefined): void {
    this.severityOverrides = { ...(overrides ?? {}) };
    this.publish(this.lastFiles);
  }

  /** New workspace options: the worker re-analyses everything with them. */
  setOptions(options: WorkspaceState['options']): void {
    this.post({ type: 'options', options });
    this.schedule();
  }

  private withOverrides(items: FileDiagnostics['items']): FileDiagnostics['items'] {
    if (!Object.keys(this.severityOverrides).length) return items;
    return items.flatMap((i) => {
      const d = this.overridden(i.diagnostic);
      return d === i.diagnostic ? [i] : d ? [{ finding: i.finding, diagnostic: d }] : [];
    });
  }

  /** A diagnostic under `severityOverrides` (by its code): the same, another severity, or none (`off`). */
  private overridden(d: Diagnostic): Diagnostic | undefined {
    const o = typeof d.code === 'string' ? this.severityOverrides[d.code] : undefined;
    if (o === 'off') return undefined;
    const severity = o === undefined ? undefined : SEVERITY[o as keyof typeof SEVERITY];
    return severity ? { ...d, severity } : d;
  }

  /** Diagnostics of other sources (routing tests), by uri, published with the analysis's. */
  private extra = new Map<string, Diagnostic[]>();
  /** Hears each analysis published (after its diagnostics are sent). */
  onPublished: ((files: FileDiagnostics[]) => void) | undefined;

  /** Files whose own analysis gives way to the extra diagnostics (the kustomize rendering's). */
  private replaced = new Set<string>();

  setExtra(extra: Map<string, Diagnostic[]>, replaced: Set<string> = new Set()): void {
    this.extra = extra;
    this.replaced = replaced;
    this.publish(this.lastFiles, false);
  }

  private publish(files: FileDiagnostics[], analysed = true): void {
    this.lastFiles = files;
    files = files.map((f) => ({ ...f, items: this.withOverrides(f.items) }));
    const current = new Map(files.map((f) => [f.uri, f]));
    // Open documents first: the editor shows them, and with thousands of files to send, theirs
    // would otherwise wait behind the others.
    const open = files.filter((f) => f.version !== undefined).map((f) => f.uri);
    for (const uri of new Set([...open, ...current.keys(), ...this.published.keys(), ...this.extra.keys()])) {
      const f = current.get(uri);
      // The routing tests' diagnostics (ISL-TEST…) follow the same overrides.
      const extra = (this.extra.get(uri) ?? []).flatMap((d) => this.overridden(d) ?? []);
      const own = this.replaced.has(uri) ? [] : (f?.items.map((i) => i.diagnostic) ?? []);
      const diagnostics = forPublishing([...own, ...extra]);
      const key = `${f?.version ?? ''}|${JSON.stringify(diagnostics)}`;
      const previous = this.published.get(uri);
      // The first analysis of a document opened: its diagnostics are sent now (or were, unchanged).
      const opened = f ? this.openedAt.get(uri) : undefined;
      if (opened !== undefined) this.openedAt.delete(uri);
      // Nothing to say about a file that never had diagnostics (unless the editor waits for its version).
      if (previous === key || (previous === undefined && !diagnostics.length && f?.version === undefined)) continue;
      if (diagnostics.length || f?.version !== undefined) this.published.set(uri, key);
      else this.published.delete(uri);
      if (f?.items.length) this.findings.set(uri, f.items);
      else this.findings.delete(uri);
      void this.connection.sendDiagnostics({ uri, version: f?.version, diagnostics });
      if (opened !== undefined) {
        this.connection.console.info(`istio-lens: ${uri}: first diagnostics sent ${Math.round(performance.now() - opened)} ms after the editor opened it (${Math.round(process.uptime() * 1000)} ms after the server process started)`);
      }
    }
    if (analysed) this.onPublished?.(files);
  }
}
