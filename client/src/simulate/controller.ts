import { commands, Range, TextEditorRevealType, window, workspace, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CommandInput } from './commandInput';
import { inlineText } from './format';
import { InlineResult, type InlinePlacement } from './inline';
import {
  SIMULATE_COMMAND_LINE_METHOD, SIMULATE_METHOD,
  type LspRange, type SimulateCommandLineParams, type SimulateCommandLineResult, type SimulateParams, type SimulateResult, type Simulation,
} from './protocol';
import { TraceTree } from './traceTree';

/** What the command accepts: nothing (ask), a command line (run it), or the code lens's
 *  `{uri, commandLine}` (run it; `prompt: true` asks first, prefilled with it). */
export type SimulateArg = string | { commandLine?: string; uri?: string; prompt?: boolean } | undefined;

export interface SimulationState {
  result: Simulation | undefined;
  inlineText: string | undefined;
  /** Where the inline text is: document and 0-based line. */
  uri: string | undefined;
  line: number | undefined;
  /** The highlighted match block that decided, when the route has `match`. */
  match: LspRange | undefined;
  /** The server's answer to the last command line that could not be simulated. */
  error: string | undefined;
  /** The Simulation panel's top rows. */
  panel: ReturnType<TraceTree['rows']>;
}

/** Scrolls a visible editor of the deciding document so the inline result is on screen. */
function revealLine(p: InlinePlacement): void {
  const editor = window.visibleTextEditors.find((e) => e.document.uri.toString() === p.uri);
  const range = p.route ? new Range(p.route.start.line, 0, p.route.end.line, 0) : new Range(p.line, 0, p.line, 0);
  editor?.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
}

export const TRACE_VIEW = 'istioLens.trace';
const HAS_RESULT = 'istioLens.hasSimulation';

/** Runs Simulate Request through the server and shows the answer inline and in the trace panel. */
export class Simulator implements Disposable {
  private readonly input: CommandInput;
  private readonly inline = new InlineResult();
  private readonly tree = new TraceTree(TRACE_VIEW);
  private readonly subscriptions: Disposable[] = [];
  private last: Simulation | undefined;
  private error: string | undefined;

  constructor(private readonly client: LanguageClient, context: ExtensionContext, private readonly output: LogOutputChannel) {
    this.input = new CommandInput(context.workspaceState);
    this.subscriptions.push(workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && e.document.uri.toString() === this.inline.uri()) this.clear();
    }));
  }

  /** The request box's text while it is open. */
  prompting(): string | undefined {
    return this.input.shownValue();
  }

  state(): SimulationState {
    return { result: this.last, inlineText: this.inline.text(), uri: this.inline.uri(), line: this.inline.line(), match: this.inline.matchRange(), error: this.error, panel: this.tree.rows() };
  }

  async run(arg: SimulateArg): Promise<Simulation | undefined> {
    const editor = window.activeTextEditor;
    const options = typeof arg === 'string' ? { commandLine: arg } : arg ?? {};
    const uri = options.uri ?? (editor?.document.languageId === 'yaml' ? editor.document.uri.toString() : undefined);
    let commandLine = options.commandLine;
    if (!commandLine || options.prompt) {
      commandLine = await this.input.ask(commandLine ?? (await this.prefill()));
      if (!commandLine) return undefined;
    }
    await this.input.remember(commandLine);
    let result: Simulation;
    try {
      result = (await this.client.sendRequest<SimulateResult>(SIMULATE_METHOD, { uri, commandLine } satisfies SimulateParams)) as Simulation;
    } catch (e) {
      // A bad command line is a ResponseError (InvalidParams) with a one-line message for people.
      this.error = (e as Error).message ?? String(e);
      this.output.warn(`Simulate Request ${commandLine}: ${this.error}`);
      void window.showErrorMessage(`Istio Lens: ${this.error}`);
      return undefined;
    }
    this.error = undefined;
    this.last = result;
    const placement = this.placement(result);
    if (placement) this.inline.show(result, placement);
    else this.inline.clear();
    await this.tree.show(result, uri); // opens the panel, which shrinks the editor: reveal after it
    if (placement) revealLine(placement);
    void commands.executeCommand('setContext', HAS_RESULT, true);
    this.output.info(`Simulate Request ${commandLine}\n  ${inlineText(result)}`);
    return result;
  }

  clear(): void {
    this.last = undefined;
    this.inline.clear();
    void this.tree.show(undefined);
    void commands.executeCommand('setContext', HAS_RESULT, false);
  }

  /** The command line for the VirtualService under the cursor, from the server. */
  private async prefill(): Promise<string | undefined> {
    const editor = window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'yaml') return undefined;
    const params: SimulateCommandLineParams = { uri: editor.document.uri.toString(), position: editor.selection.active };
    try {
      const r = await this.client.sendRequest<SimulateCommandLineResult | null>(SIMULATE_COMMAND_LINE_METHOD, params);
      return r?.commandLine;
    } catch (e) {
      this.output.debug(`no prefilled command line: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** The deciding route's first line, else its VirtualService's, in the file that holds it. An
   *  answer no VirtualService gave (Service routing, passthrough) has no line of its own: it goes to
   *  the panel only, never to the line the cursor happens to be on. */
  private placement(res: Simulation): InlinePlacement | undefined {
    const { route, match, virtualService } = res.locations;
    if (route) return { uri: route.uri, line: route.range.start.line, route: route.range, match: match?.uri === route.uri ? match.range : undefined };
    if (virtualService) return { uri: virtualService.uri, line: virtualService.range.start.line };
    return undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.inline.dispose();
    this.tree.dispose();
  }
}
