import { DiagnosticSeverity, languages, StatusBarAlignment, window, type Disposable, type StatusBarItem } from 'vscode';

export const DIAGNOSTIC_SOURCE = 'istio-lens';

/** "Istio Lens: N resources, E errors" in the status bar; a click opens the Problems view.
 *  The resource count comes from the server's status notification, the errors from our diagnostics. */
export class IstioStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly subscription: Disposable;
  private resources: number | undefined;
  private files: number | undefined;

  constructor() {
    this.item = window.createStatusBarItem('istioLens.status', StatusBarAlignment.Left, 10);
    this.item.name = 'Istio Lens';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  setIndexed(resources: number, files?: number): void {
    this.resources = resources;
    this.files = files;
    this.render();
  }

  text(): string {
    return this.item.text;
  }

  counts(): { errors: number; warnings: number } {
    let errors = 0;
    let warnings = 0;
    for (const [, diags] of languages.getDiagnostics())
      for (const d of diags) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        if (d.severity === DiagnosticSeverity.Error) errors++;
        else if (d.severity === DiagnosticSeverity.Warning) warnings++;
      }
    return { errors, warnings };
  }

  private render(): void {
    const { errors, warnings } = this.counts();
    const indexed = this.resources === undefined ? undefined : `${this.resources} resource${this.resources === 1 ? '' : 's'}`;
    const parts = [indexed, errors ? `${errors} error${errors === 1 ? '' : 's'}` : undefined].filter(Boolean);
    this.item.text = `$(${errors ? 'error' : 'pass'}) Istio${parts.length ? `: ${parts.join(', ')}` : ''}`;
    this.item.tooltip = `Istio Lens: ${indexed ?? 'indexing'}${indexed && this.files !== undefined ? ` from ${this.files} files` : ''}; ${errors} errors, ${warnings} warnings. Click for the Problems view.`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
