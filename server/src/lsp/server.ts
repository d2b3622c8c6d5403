import { MessageType, ResponseError, type CancellationToken, type CodeActionParams, type CodeLens, ShowMessageNotification, createConnection, DidChangeWatchedFilesNotification, FileChangeType, ProposedFeatures, WatchKind, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, SETTINGS_SECTION } from '../core/settings';
import { VERSION } from '../version';
import { SIMULATE_COMMAND_LINE_METHOD, SIMULATE_METHOD, type SimulateCommandLineParams, type SimulateParams } from '../protocol/simulate';
import { LIST_TESTS_METHOD, RUN_TESTS_METHOD, type ListTestsParams, type RunTestsParams } from '../protocol/routingTests';
import { afterEachAnalysis, whenIndexed } from './testsAndStatus';
import { RoutingTests } from './routingTests';
import { createAdapter } from './adapter';
import { forgetIndex } from './convert';
import { DiagnosticsPublisher } from './diagnostics';
import { canonicalUri, isYamlPath, readYamlFile, relativeToFolders, scanFolders, scanWouldRead } from './diskFiles';
import { DELEGATED_METHODS } from './diagnosticsEngine';
import { handlerTable } from './handlers';
import { IdleCollector } from './idleGc';
import { guardProcess, Lifecycle } from './lifecycle';
import { overlaySettings, type LensConfig } from '../core/lensConfig';
import { pathFilter, readFolderConfig, readServerSettings, workspaceOptionsOf, type ServerSettings } from './settings';
import { WorkspaceState } from './workspaceState';
import { renderWorkspaceKustomizations, type KustomizeDiagnostics } from './kustomizeRendering';

/** The Istio Lens language server (stdio with --stdio, IPC with --node-ipc, as vscode-languageserver
 *  decides from the command line). Initialization options: `{ workspace?: Partial<WorkspaceOptions>,
 *  settings?: ServerSettings }` (the client's `istioLens.*` settings, later updated by
 *  workspace/didChangeConfiguration), `trusted?: boolean` (the workspace is trusted: only then does
 *  istioLens.kustomize run kubectl).
 *  `worker` starts the diagnostics worker (the server's own script, with this workerData). */
export function startServer(worker?: { script: string; workerData: unknown }): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const ws = new WorkspaceState();
  const log = (m: string) => connection.console.error(m);
  guardProcess(log);
  const life = new Lifecycle(log);
  const diagnostics = new DiagnosticsPublisher(connection, ws, log);
  ws.stepAside = () => diagnostics.busy;
  diagnostics.trace = (m) => connection.tracer.log(m);
  ws.onWarm = (files) => connection.tracer.log(`indexed: the server thread's snapshot holds ${files} files`);
  const h = delegating(handlerTable(createAdapter(ws, log, (uri) => documents.get(uri)), diagnostics), ws, diagnostics, (m) => connection.tracer.log(m));
  const tests = new RoutingTests(ws);
  let indexedNow: () => void = () => {};
  /** Resolved once the first folder scan is in the workspace state (answers before it would miss hosts). */
  const indexed = new Promise<void>((resolve) => (indexedNow = resolve));
  /** `initializationOptions.indexInBackground: false` leaves the server thread's snapshot to be built
   *  when a request needs it (less CPU while idle; the worker answers until then): no warm-up, and no
   *  status notification or routing-test re-run after an analysis, which would build it. */
  let indexInBackground = true;
  afterEachAnalysis(connection, ws, diagnostics, tests, indexed, log, () => indexInBackground, () => folders, () => renderedKustomizations());
  let folders: string[] = [];
  let settings: ServerSettings = defaultSettings();
  /** `initializationOptions.trusted`: the client says the workspace is trusted (VS Code's workspace
   *  trust). Without it nothing is run, whatever the settings or .istio-lens.yaml say. */
  let trusted = false;
  let rendered: { version: number; result: KustomizeDiagnostics } | undefined;
  /** istioLens.kustomize: kubectl reads the saved files, so it runs again when the disk changed, not
   *  on every keystroke (it runs synchronously on this thread). */
  const renderedKustomizations = (): KustomizeDiagnostics | undefined => {
    if (!settings.kustomize || !trusted) return undefined;
    if (rendered?.version !== ws.diskVersion) rendered = { version: ws.diskVersion, result: renderWorkspaceKustomizations(ws.uris().map((u) => [u, ws.text(u) ?? '']), ws.options) };
    return rendered.result;
  };
  let fileConfig: LensConfig | undefined;
  /** Settings that cannot be used are a warning naming the setting (once while they stay wrong). */
  let warned = new Set<string>();
  const warnAbout = (warnings: string[]) => {
    for (const w of warnings) {
      log(w);
      if (!warned.has(w)) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: w });
    }
    warned = new Set(warnings);
  };
  let initWarnings: string[] = [];
  /** Reads a file the editor did not send by the folder scan's rules (no links, nothing outside). */
  const readByScanRules = async (uri: string) => ((await scanWouldRead(uri, folders, pathFilter(settings))) ? readYamlFile(uri, log) : undefined);
  const inFolders = (uri: string) => relativeToFolders(uri, folders) !== undefined;
  let warmTimer: NodeJS.Timeout | undefined;
  /** After edits settle and their diagnostics are out (the two would share the CPU), the server's own
   *  snapshot is brought up to date in slices, so that the next hover or definition does not wait. */
  const warmSoon = (delay = 300) => {
    if (!indexInBackground) return;
    if (warmTimer) clearTimeout(warmTimer);
    warmTimer = setTimeout(() => {
      if (diagnostics.busy) return warmSoon(200);
      void ws.warm().catch((e) => log(`istio-lens: indexing failed: ${(e as Error).stack}`));
    }, delay);
  };
  let watchDynamically = false;
  let foldersChange = false;
  /** A file read from a workspace folder goes to the worker at once: it parses while the scan goes on. */
  const readIn = (uri: string, text: string) => {
    if (!inFolders(uri)) return; // its folder was removed while the scan ran
    ws.setDiskText(uri, text);
    diagnostics.sendAhead(uri);
  };

  /** Folders added to or removed from the workspace (a multi-root workspace in VS Code): the files of
   *  an added folder are read and analysed; those of a removed one leave the analysis (and lose their
   *  diagnostics) unless open in the editor or inside a folder that stays. */
  const changeFolders = async (added: string[], removed: string[]) => {
    folders = [...folders.filter((f) => !removed.includes(f)), ...added.filter((f) => !folders.includes(f))];
    for (const uri of ws.uris()) {
      if (relativeToFolders(uri, removed) !== undefined && relativeToFolders(uri, folders) === undefined) ws.remove(uri);
    }
    // A removal stops the scan of the folder it removes (each file is checked as it is reached).
    const read = await scanFolders(added, log, (rel) => pathFilter(settings)(rel), readIn, (f) => folders.includes(f));
    log(`istio-lens: read ${read.filter(([uri]) => inFolders(uri)).length} YAML files of ${added.join(', ') || 'no added folder'}`);
    diagnostics.schedule();
    warmSoon();
  };
  const idle = new IdleCollector(1000);

  connection.onShutdown(() => life.shutdown());
  connection.onInitialize((params) => {
    life.start();
    // Any JSON may come here: both parts are validated (the workspace options win, as they always have).
    const init = (params.initializationOptions ?? {}) as { workspace?: unknown; settings?: unknown; indexInBackground?: unknown; trusted?: unknown };
    trusted = init.trusted === true;
    const fromSettings = readServerSettings(init.settings);
    const fromWorkspace = readServerSettings(init.workspace, fromSettings.settings);
    indexInBackground = init.indexInBackground !== false;
    folders = (params.workspaceFolders ?? []).map((f) => canonicalUri(f.uri));
    if (!folders.length && params.rootUri) folders = [canonicalUri(params.rootUri)];
    // .istio-lens.yaml of the first folder, under the editor's settings.
    fileConfig = readFolderConfig(folders[0]);
    settings = fileConfig ? overlaySettings(fromWorkspace.settings, fileConfig) : fromWorkspace.settings;
    initWarnings = [...fromSettings.warnings, ...fromWorkspace.warnings, ...(fileConfig?.warnings ?? []).map((w) => `Istio Lens: ${w}`)];
    ws.setOptions(workspaceOptionsOf(settings));
    diagnostics.setSeverityOverrides(settings.severityOverrides);
    watchDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    foldersChange = !!params.capabilities.workspace?.workspaceFolders;
    if (worker) diagnostics.startWorker(worker.script, worker.workerData);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '/', '.'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: true },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'istio-lens', version: VERSION },
    };
  });

  connection.onInitialized(life.notification('initialized', async () => {
    warnAbout(initWarnings);
    if (watchDynamically) {
      // A deleted folder is one event for the folder, none for the files in it (VS Code's file
      // watcher), so deletions of anything are heard too.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Delete }] });
    }
    if (foldersChange) connection.workspace.onDidChangeWorkspaceFolders(life.notification('workspace folders', (e) => changeFolders(e.added.map((f) => canonicalUri(f.uri)), e.removed.map((f) => canonicalUri(f.uri)))));
    // Work-done progress from the folder scan to the first diagnostics of every file (an editor shows it
    // in its status bar; requests are answered meanwhile).
    const progress = folders.length ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Istio Lens: indexing the workspace', undefined, 'reading YAML files');
    const files = await scanFolders(folders, log, pathFilter(settings), readIn, (f) => folders.includes(f));
    indexedNow();
    progress?.report(`analysing ${files.length} file${files.length === 1 ? '' : 's'}`);
    diagnostics.schedule();
    diagnostics.whenSettled(() => {
      progress?.done();
      // Not before: on two cores the worker's first analysis would share the CPU with it.
      warmSoon();
    });
  }));

  documents.onDidChangeContent(life.notification('didOpen/didChange', ({ document }) => {
    const text: unknown = document.getText();
    // A client that sends no string (JSON null, a number) must not break the workspace's analysis.
    if (typeof text !== 'string') return log(`istio-lens: ${document.uri}: the document's text is not a string; it is ignored`);
    ws.openDocument(canonicalUri(document.uri), text, document.version);
    diagnostics.schedule();
    warmSoon();
    idle.touch();
  }));
  /** The close of each uri in progress (its disk text being read): a later close or open wins. */
  const closing = new Map<string, object>();
  documents.onDidOpen(({ document }) => {
    closing.delete(canonicalUri(document.uri));
    diagnostics.noteOpened(canonicalUri(document.uri));
  });
  documents.onDidClose(life.notification('didClose', async ({ document }) => {
    const uri = canonicalUri(document.uri);
    const token = {};
    closing.set(uri, token);
    const disk = await readByScanRules(uri);
    // Opened again while the disk text was read (VS Code closes and reopens a document when its
    // language changes or it is reverted): the open document stays, with its version.
    if (closing.get(uri) !== token) return;
    closing.delete(uri);
    ws.closeDocument(uri, disk);
    forgetIndex(uri);
    diagnostics.schedule();
    warmSoon();
  }));

  connection.onDidChangeWatchedFiles(life.notification('didChangeWatchedFiles', async ({ changes }) => {
    if (changes.length) ws.diskChanged();
    for (const c of changes) {
      const uri = canonicalUri(c.uri);
      if (c.type === FileChangeType.Deleted && !isYamlPath(uri)) {
        for (const u of ws.uris()) if (u.startsWith(`${uri.replace(/\/$/, '')}/`)) ws.remove(u); // a folder: its files (open ones stay)
        continue;
      }
      if (!isYamlPath(uri) || ws.isOpen(uri)) continue;
      // The scan's rules for every read: nothing through a link, nothing outside the folders.
      const text = c.type === FileChangeType.Deleted ? undefined : await readByScanRules(uri);
      if (text === undefined) ws.remove(uri);
      else if (!ws.isOpen(uri)) ws.setDiskText(uri, text);
    }
    diagnostics.schedule();
    warmSoon();
  }));

  /** `istioLens` settings changed: options re-analyse everything, globs re-read the folders. */
  connection.onDidChangeConfiguration(life.notification('didChangeConfiguration', async ({ settings: all }) => {
    const section = all !== null && typeof all === 'object' ? (all as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    const { settings: fromEditor, warnings } = readServerSettings(section);
    const next = fileConfig ? overlaySettings(fromEditor, fileConfig) : fromEditor;
    warnAbout(warnings);
    const globsChanged = JSON.stringify([next.include, next.exclude]) !== JSON.stringify([settings.include, settings.exclude]);
    const optionsChanged = JSON.stringify(workspaceOptionsOf(next)) !== JSON.stringify(workspaceOptionsOf(settings));
    const kustomizeChanged = next.kustomize !== settings.kustomize;
    settings = next;
    if (kustomizeChanged) rendered = undefined;
    diagnostics.setSeverityOverrides(settings.severityOverrides);
    if (optionsChanged) {
      ws.setOptions(workspaceOptionsOf(settings));
      diagnostics.setOptions(ws.options);
    }
    if (globsChanged) {
      const files = await scanFolders(folders, log, pathFilter(settings));
      const found = new Set(files.map(([uri]) => uri));
      for (const uri of ws.uris()) if (!ws.isOpen(uri) && !found.has(uri)) ws.remove(uri);
      for (const [uri, text] of files) if (inFolders(uri)) ws.setDiskText(uri, text);
    }
    if (optionsChanged || globsChanged || kustomizeChanged) {
      diagnostics.schedule();
      warmSoon();
    }
  }));

  connection.onCompletion(life.request('completion', h.completion));
  connection.onHover(life.request('hover', h.hover));
  connection.onDefinition(life.request('definition', h.definition));
  connection.onReferences(life.request('references', h.references));
  connection.onDocumentSymbol(life.request('documentSymbol', h.documentSymbol));
  connection.onWorkspaceSymbol(life.request('workspaceSymbol', h.workspaceSymbol));
  connection.onCodeLens(life.request('codeLens', h.codeLens));
  connection.onCodeLensResolve(life.request('codeLensResolve', async (lens: CodeLens, t: CancellationToken) => {
    const uri = (lens.data as { uri?: string } | undefined)?.uri ?? '';
    // May be answered by the worker (a promise).
    const r = await h.codeLensResolve({ ...lens, textDocument: { uri } }, t);
    return r instanceof ResponseError ? lens : r;
  }));
  connection.languages.inlayHint.on(life.request('inlayHint', h.inlayHint));
  connection.onCodeAction(life.request('codeAction', (p: CodeActionParams, t: CancellationToken) => {
    const r = h.codeAction(p, t);
    let fixes: ReturnType<RoutingTests['quickFixes']> = [];
    try {
      fixes = tests.quickFixes(canonicalUri(p.textDocument.uri), p.context.diagnostics, ws.options.clusterDomain);
    } catch (e) {
      log(`istio-lens: routing test quick fix failed: ${(e as Error)?.stack ?? String(e)}`); // the other actions still answer
    }
    return fixes.length && !(r instanceof ResponseError) ? [...(r ?? []), ...fixes] : r;
  }));
  connection.onRequest(SIMULATE_METHOD, life.request(SIMULATE_METHOD, async (p: SimulateParams, t: CancellationToken) => {
    await whenIndexed(indexed);
    return h.simulate(p, t);
  }));
  connection.onRequest(LIST_TESTS_METHOD, life.request(LIST_TESTS_METHOD, async (p: ListTestsParams) => {
    await whenIndexed(indexed);
    return tests.list(p?.uri);
  }));
  connection.onRequest(RUN_TESTS_METHOD, life.request(RUN_TESTS_METHOD, async (p: RunTestsParams) => {
    await whenIndexed(indexed);
    const results = tests.run(p);
    diagnostics.setExtra(tests.diagnostics());
    return { results };
  }));
  connection.onRequest(SIMULATE_COMMAND_LINE_METHOD, life.request(SIMULATE_COMMAND_LINE_METHOD, (p: SimulateCommandLineParams, t: CancellationToken) => h.simulateCommandLine({ ...p, textDocument: { uri: p.uri } }, t)));

  documents.listen(connection);
  connection.listen();
}

type Handlers = ReturnType<typeof handlerTable>;

/** Requests this thread cannot answer without parsing what it has not parsed yet (a big file just
 *  opened: the worker parsed it for its diagnostics, this thread warms up in the background) are
 *  answered by the worker. Completion and hover only need the other files analysed: they read the
 *  live text of their own file. Which thread answered goes to the client's trace (`$/logTrace`, when
 *  its trace setting is on). */
function delegating(h: Handlers, ws: WorkspaceState, diagnostics: DiagnosticsPublisher, trace: (message: string) => void): Handlers {
  const out = { ...h } as Record<string, unknown>;
  for (const method of DELEGATED_METHODS) {
    const local = h[method] as (p: unknown, t?: unknown) => unknown;
    const exceptUri = method === 'completion' || method === 'hover';
    out[method] = (p: { textDocument?: { uri: string } }, token?: unknown) => {
      const uri = p?.textDocument?.uri;
      if (!diagnostics.hasWorker || ws.isReadyFor(uri === undefined ? '' : canonicalUri(uri), exceptUri && uri !== undefined)) return local(p, token);
      // The worker is analysing or about to (a file just opened, a change on disk): completion and
      // hover do not wait for it, they answer from what this thread has, older as it may be.
      if (exceptUri && diagnostics.busy && ws.hasSnapshot) {
        trace(`${method}: answered from the server thread's last snapshot while the worker analyses`);
        return ws.withLatestSnapshot(() => local(p, token));
      }
      ws.noteRequest();
      trace(`${method}: handed to the diagnostics worker, which has parsed ${uri ?? 'the workspace'}`);
      return diagnostics.ask(method, p, () => local(p, token));
    };
  }
  return out as Handlers;
}
