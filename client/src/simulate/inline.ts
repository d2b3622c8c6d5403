import {
  DecorationRangeBehavior, MarkdownString, Range, ThemeColor, Uri, window,
  type DecorationOptions, type Disposable, type TextEditor, type TextEditorDecorationType,
} from 'vscode';
import { hoverMarkdown, inlineText } from './format';
import type { LspLocation, LspRange, Simulation } from './protocol';

/** Where the result is drawn: the line that gets the text, and the match block to highlight. */
export interface InlinePlacement {
  /** The document of the deciding route (or where the command ran when no route decided). */
  uri: string;
  line: number;
  match?: LspRange;
  route?: LspRange;
}

export function toRange(r: LspRange): Range {
  return new Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Inline result: a text after the route's line and a highlight on the match block that decided.
 *  It follows the editors: a file opened later still shows it, until cleared. */
export class InlineResult implements Disposable {
  private readonly after: TextEditorDecorationType;
  private readonly match: TextEditorDecorationType;
  private readonly route: TextEditorDecorationType;
  private current: { result: Simulation; placement: InlinePlacement } | undefined;
  private readonly subscription: Disposable;

  constructor() {
    this.after = window.createTextEditorDecorationType({
      after: { color: new ThemeColor('istioLens.simulationForeground'), margin: '0 0 0 2em', fontStyle: 'italic' },
      rangeBehavior: DecorationRangeBehavior.ClosedClosed,
      isWholeLine: false,
    });
    this.match = window.createTextEditorDecorationType({
      backgroundColor: new ThemeColor('istioLens.matchedRouteBackground'),
      isWholeLine: true,
      overviewRulerColor: new ThemeColor('istioLens.simulationForeground'),
    });
    this.route = window.createTextEditorDecorationType({
      borderColor: new ThemeColor('istioLens.simulationForeground'),
      borderStyle: 'none none none solid',
      borderWidth: '0 0 0 2px',
      isWholeLine: true,
    });
    this.subscription = window.onDidChangeVisibleTextEditors((eds) => eds.forEach((e) => this.apply(e)));
  }

  show(result: Simulation, placement: InlinePlacement): void {
    this.current = { result, placement };
    window.visibleTextEditors.forEach((e) => this.apply(e));
  }

  clear(): void {
    this.current = undefined;
    window.visibleTextEditors.forEach((e) => this.apply(e));
  }

  /** The uri whose edits invalidate the shown result. */
  uri(): string | undefined {
    return this.current?.placement.uri;
  }

  matchRange(): LspRange | undefined {
    return this.current?.placement.match;
  }

  line(): number | undefined {
    return this.current?.placement.line;
  }

  text(): string | undefined {
    return this.current ? inlineText(this.current.result) : undefined;
  }

  private apply(editor: TextEditor): void {
    const c = this.current;
    if (!c || editor.document.uri.toString() !== Uri.parse(c.placement.uri).toString()) {
      editor.setDecorations(this.after, []);
      editor.setDecorations(this.match, []);
      editor.setDecorations(this.route, []);
      return;
    }
    const line = Math.min(c.placement.line, editor.document.lineCount - 1);
    const end = editor.document.lineAt(line).range.end;
    const hover = new MarkdownString(hoverMarkdown(c.result));
    const text: DecorationOptions = { range: new Range(end, end), hoverMessage: hover, renderOptions: { after: { contentText: inlineText(c.result) } } };
    editor.setDecorations(this.after, [text]);
    editor.setDecorations(this.match, c.placement.match ? [{ range: toRange(c.placement.match), hoverMessage: hover }] : []);
    editor.setDecorations(this.route, c.placement.route ? [{ range: toRange(c.placement.route) }] : []);
  }

  dispose(): void {
    this.subscription.dispose();
    this.after.dispose();
    this.match.dispose();
    this.route.dispose();
  }
}

export function locationUri(l: LspLocation | null | undefined): string | undefined {
  return l?.uri;
}
