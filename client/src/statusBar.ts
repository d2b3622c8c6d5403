import { DiagnosticSeverity, languages, StatusBarAlignment, window, type Diagnostic, type Disposable, type StatusBarItem } from 'vscode';
import type { HelmStatus } from '../../server/src/protocol/routingTests';

export const DIAGNOSTIC_SOURCE = 'istio-lens';

const TEST_FAILURE = 'ISL-TEST';

function isTestFailure(d: Diagnostic): boolean {
  return (typeof d.code === 'object' ? d.code.value : d.code) === TEST_FAILURE;
}

/** The message names its test: `routing test "name" fails: …`. */
function testOf(d: Diagnostic): string {
  return /^routing test "(.*)" fails/.exec(d.message)?.[1] ?? d.message;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Istio Lens: N resources, E errors" in the status bar; a click opens the Problems view.
 *  The resource count comes from the server's status notification, the errors from our diagnostics. */
export class IstioStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly subscription: Disposable;
  private resources: number | undefined;
  private files: number | undefined;
  private helm: HelmStatus | undefined;

  constructor() {
    this.item = window.createStatusBarItem('istioLens.status', StatusBarAlignment.Left, 10);
    this.item.name = 'Istio Lens';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  setIndexed(resources: number, files?: number, helm?: HelmStatus): void {
    this.resources = resources;
    this.files = files;
    this.helm = helm;
    this.render();
  }

  text(): string {
    return this.item.text;
  }

  tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? '';
  }

  /** Errors and warnings of the Istio configuration, and failing routing tests (each test once,
   *  however many of its expectations fail): a failing test is not a configuration error. */
  counts(): { errors: number; warnings: number; failingTests: number } {
    let errors = 0;
    let warnings = 0;
    const failing = new Set<string>();
    for (const [uri, diags] of languages.getDiagnostics())
      for (const d of diags) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        if (isTestFailure(d)) {
          failing.add(`${uri.toString()}|${testOf(d)}`);
          continue;
        }
        if (d.severity === DiagnosticSeverity.Error) errors++;
        else if (d.severity === DiagnosticSeverity.Warning) warnings++;
      }
    return { errors, warnings, failingTests: failing.size };
  }

  private render(): void {
    const { errors, warnings, failingTests } = this.counts();
    const indexed = this.resources === undefined ? undefined : `${this.resources} resource${this.resources === 1 ? '' : 's'}`;
    const tests = failingTests ? `${failingTests} failing test${failingTests === 1 ? '' : 's'}` : undefined;
    // Helm templates are not YAML until rendered: never a silent pass, say how many were skipped.
    const helm = this.helm?.templates ? `${plural(this.helm.templates, 'Helm template')} skipped` : undefined;
    const parts = [indexed, errors ? plural(errors, 'error') : undefined, tests, helm].filter(Boolean);
    this.item.text = `$(${errors ? 'error' : failingTests ? 'warning' : 'pass'}) Istio${parts.length ? `: ${parts.join(', ')}` : ''}`;
    this.item.tooltip = `Istio Lens: ${indexed ?? 'indexing'}${indexed && this.files !== undefined ? ` from ${plural(this.files, 'file')}` : ''}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${tests ? `; ${tests}` : ''}. Click for the Problems view.${this.helmSentence()}`;
  }

  private helmSentence(): string {
    const h = this.helm;
    if (!h?.templates) return '';
    return `\n\n${plural(h.templates, 'Helm template')} in ${h.charts.join(', ')} ${h.templates === 1 ? 'is' : 'are'} not checked (Go templates are not YAML until rendered). Check them rendered: ${h.command}`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
