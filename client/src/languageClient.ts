import { extensions, window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
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
    initializationOptions: initializationOptions(readSettings()),
    synchronize: {
      configurationSection: 'istioLens',
      fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    errorHandler: restartingErrorHandler(),
    middleware: {
      // Red Hat's YAML extension already underlines plain syntax errors: do not say it twice.
      handleDiagnostics(uri, diagnostics, next) {
        if (extensions.getExtension(RED_HAT_YAML)) diagnostics = diagnostics.filter((d) => !isYamlSyntaxCode(d.code));
        next(uri, diagnostics);
      },
    },
  };
  return new LanguageClient('istioLens', 'Istio Lens', serverOptions, clientOptions);
}
