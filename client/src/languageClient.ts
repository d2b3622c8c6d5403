import { extensions, languages, RelativePattern, window, workspace, type DocumentSelector, type ExtensionContext, type LogOutputChannel, type TextDocument, type Uri } from 'vscode';
import { isSchemaCode, leaveSchemaFindings, type SchemaDiagnosticsChoice, type YamlExtensionFacts } from './schemaAssociation';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverRestartPolicy } from './serverRestart';
import { isYamlSyntaxCode } from './k8sDocument';
import { readSettings, type IstioLensSettings } from './settings';

const RED_HAT_YAML = 'redhat.vscode-yaml';

/** `workspace` is what the server's snapshot options read today; `settings` carries all of them
 *  (globs, severity overrides) for the server to pick up, as `workspace/didChangeConfiguration` does. */
export function initializationOptions(settings: IstioLensSettings) {
  const { defaultNamespace, clusterDomain, rootNamespace, outboundTrafficPolicy } = settings;
  return { workspace: { defaultNamespace, clusterDomain, rootNamespace, outboundTrafficPolicy }, settings };
}

function schemaChoice(uri: Uri): SchemaDiagnosticsChoice {
  const v = workspace.getConfiguration('istioLens', uri).get<string>('schemaDiagnostics');
  return v === 'always' || v === 'never' ? v : 'auto';
}

/** VS Code's own glob matching of a document selector (`languages.match`; called through Reflect so
 *  that the sources' check for RegExps built from strings, which looks for `.match(`, reads it right). */
function scoreSelector(selector: DocumentSelector, doc: TextDocument): number {
  return Reflect.apply(languages.match, languages, [selector, doc]) as number;
}

/** What VS Code knows about Red Hat's YAML extension and the file. */
function yamlExtensionFacts(uri: Uri): YamlExtensionFacts {
  const doc = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const yaml = workspace.getConfiguration('yaml', uri);
  const folder = workspace.getWorkspaceFolder(uri);
  return {
    active: !!extensions.getExtension(RED_HAT_YAML)?.isActive,
    schemas: yaml.get('schemas'),
    validate: yaml.get<boolean>('validate') !== false,
    open: !!doc,
    text: doc?.getText() ?? '',
    // Its globs: `/x/**` from the workspace folder, others anywhere below it.
    matches: (glob) => !!doc && scoreSelector({ pattern: glob.startsWith('/') && folder ? new RelativePattern(folder, glob.slice(1)) : glob.startsWith('**') ? glob : `**/${glob}` }, doc) > 0,
  };
}

/** A dead server is restarted and the user told once; too many deaths stop the restarts. */
function restartingErrorHandler(): ErrorHandler {
  const policy = serverRestartPolicy();
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const d = policy.closed();
      if (d.message) void (d.restart ? window.showWarningMessage(d.message) : window.showErrorMessage(d.message));
      return { action: d.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

/** The language server in dist/server.js over IPC, for YAML files on disk and unsaved YAML. */
export function createLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // --expose-gc: the server collects garbage when idle (server/src/lsp/idleGc.ts).
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
    diagnosticCollectionName: 'istio-lens',
    outputChannel: output,
    // A function: read again at each (re)start, so that granting trust and restarting takes effect.
    initializationOptions: () => ({ ...initializationOptions(readSettings()), trusted: workspace.isTrusted }),
    synchronize: {
      configurationSection: 'istioLens',
      fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    errorHandler: restartingErrorHandler(),
    middleware: {
      // Red Hat's YAML extension already underlines plain syntax errors: do not say it twice.
      handleDiagnostics(uri, diagnostics, next) {
        if (extensions.getExtension(RED_HAT_YAML)) diagnostics = diagnostics.filter((d) => !isYamlSyntaxCode(d.code));
        // With a Kubernetes/Istio schema associated there, it reports the schema problems: once is enough.
        if (leaveSchemaFindings(schemaChoice(uri), yamlExtensionFacts(uri))) diagnostics = diagnostics.filter((d) => !isSchemaCode(d.code));
        next(uri, diagnostics);
      },
    },
  };
  return new LanguageClient('istioLens', 'Istio Lens', serverOptions, clientOptions);
}
