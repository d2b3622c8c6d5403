import { commands, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isKubernetesYaml } from './k8sDocument';
import { createLanguageClient } from './languageClient';
import { Simulator, type SimulateArg, type SimulationState } from './simulate/controller';
import { SIMULATE_COMMAND, type Simulation } from './simulate/protocol';
import { IstioStatusBar } from './statusBar';
import { RoutingTestController } from './testing/controller';
import {
  RUN_TESTS_COMMAND, STATUS_NOTIFICATION, TEST_RESULTS_NOTIFICATION,
  type CaseResultItem, type RunTestsParams, type RunTestsResult, type StatusParams,
} from '../../server/src/protocol/routingTests';

let client: LanguageClient | undefined;

/** What `activate` returns: used by the end-to-end tests, harmless for anyone else. */
export interface IstioLensApi {
  simulate(arg: SimulateArg): Promise<Simulation | undefined>;
  simulation(): SimulationState;
  /** The Simulate Request box's text while it is open, else undefined. */
  simulatePrompt(): string | undefined;
  statusText(): string;
  statusTooltip(): string;
  ready: Promise<void>;
  /** The Testing view's routing test items, and the results of the last run. */
  testItems(): ReturnType<RoutingTestController['items']>;
  testResults(): CaseResultItem[];
}

const K8S_CONTEXT = 'istioLens.kubernetesYaml';

let k8sContext: boolean | undefined;
let contextTimer: ReturnType<typeof setTimeout> | undefined;
/** How long after the last change of the active document its context key is checked again. */
const CONTEXT_AFTER_TYPING_MS = 300;

/** Sets the context key when its value changes (each setContext is a message to the window). */
function updateDocumentContext(editor: TextEditor | undefined): void {
  const k8s = !!editor && editor.document.languageId === 'yaml' && isKubernetesYaml(editor.document.getText());
  if (k8s === k8sContext) return;
  k8sContext = k8s;
  void commands.executeCommand('setContext', K8S_CONTEXT, k8s);
}

/** Starts the language server for YAML and wires the commands, the status bar and the inline results. */
export function activate(context: ExtensionContext): IstioLensApi {
  k8sContext = undefined;
  const output = window.createOutputChannel('Istio Lens', { log: true });
  // With the server's "first diagnostics sent … after the editor opened it", the output tells where
  // the time to a file's first diagnostics goes (`npm run bench:editor` reads both lines).
  output.info(`Istio Lens ${String(context.extension.packageJSON.version)} activated; starting its language server`);
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
    // istioLens.kustomize runs kubectl only in a trusted workspace: the server hears of trust when it starts.
    workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
    // Once typing pauses, not at every key: the check reads the document's whole text, and on a big
    // file that copy competed with the typing for the CPU.
    workspace.onDidChangeTextDocument((e) => {
      if (e.document !== window.activeTextEditor?.document) return;
      clearTimeout(contextTimer);
      contextTimer = setTimeout(() => updateDocumentContext(window.activeTextEditor), CONTEXT_AFTER_TYPING_MS);
    }),
    { dispose: () => clearTimeout(contextTimer) },
  );
  updateDocumentContext(window.activeTextEditor);
  const c = client;
  const ready = c.start().then(() => {
    // After each analysis: the resource count, and the routing tests may have changed.
    context.subscriptions.push(c.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      status.setIndexed(p.resources, p.files, p.helm);
      routingTests.refreshSoon();
    }), c.onNotification(TEST_RESULTS_NOTIFICATION, (p: RunTestsResult) => routingTests.showRerun(p.results)));
  }, (e: unknown) => {
    output.error(`the Istio Lens language server did not start: ${(e as Error).message ?? e}`);
  });
  const routingTests = new RoutingTestController(c, ready);
  context.subscriptions.push(
    routingTests,
    // The server's test code lenses carry RUN_TESTS_COMMAND with a RunTestsParams.
    commands.registerCommand(RUN_TESTS_COMMAND, (p?: RunTestsParams) => routingTests.runFromLens(p ?? { tests: [] })),
  );
  return {
    simulate: (arg) => simulator.run(arg),
    simulation: () => simulator.state(),
    simulatePrompt: () => simulator.prompting(),
    statusText: () => status.text(),
    statusTooltip: () => status.tooltip(),
    ready,
    testItems: () => routingTests.items(),
    testResults: () => routingTests.lastResults(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
