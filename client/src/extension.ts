import { commands, languages, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isKubernetesYaml } from './k8sDocument';
import { createLanguageClient } from './languageClient';
import { Simulator, type SimulateArg, type SimulationState } from './simulate/controller';
import { SIMULATE_COMMAND, type Simulation } from './simulate/protocol';
import { IstioStatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** What `activate` returns: used by the end-to-end tests, harmless for anyone else. */
export interface IstioLensApi {
  simulate(arg: SimulateArg): Promise<Simulation | undefined>;
  simulation(): SimulationState;
  statusText(): string;
  ready: Promise<void>;
}

const K8S_CONTEXT = 'istioLens.kubernetesYaml';

function updateDocumentContext(editor: TextEditor | undefined): void {
  const k8s = !!editor && editor.document.languageId === 'yaml' && isKubernetesYaml(editor.document.getText());
  void commands.executeCommand('setContext', K8S_CONTEXT, k8s);
}

/** Starts the language server for YAML and wires the commands, the status bar and the inline results. */
export function activate(context: ExtensionContext): IstioLensApi {
  const output = window.createOutputChannel('Istio Lens', { log: true });
  client = createLanguageClient(context, output);
  const status = new IstioStatusBar();
  const simulator = new Simulator(client, context, output);
  context.subscriptions.push(
    output, status, simulator,
    commands.registerCommand('istioLens.simulateRequest', (arg?: SimulateArg) => simulator.run(arg)),
    // The server's route code lenses carry SIMULATE_COMMAND with `{uri, commandLine}`.
    commands.registerCommand(SIMULATE_COMMAND, (arg?: SimulateArg) => simulator.run(arg)),
    commands.registerCommand('istioLens.clearSimulation', () => simulator.clear()),
    commands.registerCommand('istioLens.showOutput', () => output.show(true)),
    window.onDidChangeActiveTextEditor(updateDocumentContext),
    workspace.onDidChangeTextDocument((e) => {
      if (e.document === window.activeTextEditor?.document) updateDocumentContext(window.activeTextEditor);
    }),
  );
  updateDocumentContext(window.activeTextEditor);
  const c = client;
  const ready = c.start().then(() => {
    countResources(c, status, context);
  }, (e: unknown) => {
    output.error(`the Istio Lens language server did not start: ${(e as Error).message ?? e}`);
  });
  return {
    simulate: (arg) => simulator.run(arg),
    simulation: () => simulator.state(),
    statusText: () => status.text(),
    ready,
  };
}

/** The status bar's resource count: the server's workspace symbols are its resources. Recounted
 *  (debounced) whenever diagnostics are republished, which the server does after every change. */
function countResources(c: LanguageClient, status: IstioStatusBar, context: ExtensionContext): void {
  let timer: NodeJS.Timeout | undefined;
  const count = async () => {
    try {
      const symbols = await c.sendRequest<unknown[] | null>('workspace/symbol', { query: '' });
      if (Array.isArray(symbols)) status.setIndexed(symbols.length);
    } catch {
      /* an older server without workspace symbols: the status shows errors only */
    }
  };
  context.subscriptions.push(languages.onDidChangeDiagnostics(() => {
    clearTimeout(timer);
    timer = setTimeout(count, 300);
  }), { dispose: () => clearTimeout(timer) });
  void count();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
