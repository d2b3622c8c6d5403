import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { analyze, type Finding } from '../core/analysis';
import { lineIndex, toDiagnostic } from './convert';
import type { Logger } from './adapter';
import { isKubernetesFile, type WorkspaceState } from './workspaceState';

/** Publishes diagnostics for every file of the workspace after edits settle. The analysis runs over
 *  the whole snapshot, so editing a DestinationRule republishes the VirtualService files it affects;
 *  only files whose diagnostics changed are sent. */
export class DiagnosticsPublisher {
  private timer: NodeJS.Timeout | undefined;
  private analysedVersion = -1;
  private readonly published = new Map<string, string>();
  /** The findings behind the last published diagnostics, by file (for code actions). */
  readonly findings = new Map<string, { finding: Finding; diagnostic: Diagnostic }[]>();

  constructor(private readonly connection: Connection, private readonly ws: WorkspaceState, private readonly log: Logger, private readonly delayMs = 250) {}

  /** Debounced: many keystrokes make one analysis. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Let requests that arrived meanwhile (completion, hover) run first.
      setImmediate(() => this.publishNow());
    }, this.delayMs);
  }

  publishNow(): void {
    if (this.ws.version === this.analysedVersion) return;
    try {
      this.analysedVersion = this.ws.version;
      const snap = this.ws.snapshot();
      const byFile = new Map<string, Finding[]>();
      for (const f of analyze(snap)) {
        const list = byFile.get(f.file) ?? [];
        list.push(f);
        byFile.set(f.file, list);
      }
      const textOf = (uri: string) => snap.files.get(uri)?.source.text;
      const uris = new Set([...snap.files.keys(), ...this.published.keys()]);
      for (const uri of uris) {
        const file = snap.files.get(uri);
        const findings = file && isKubernetesFile(file) ? byFile.get(uri) ?? [] : [];
        const index = file ? lineIndex(uri, file.source.text) : undefined;
        const pairs = index ? findings.map((finding) => ({ finding, diagnostic: toDiagnostic(finding, index, textOf) })) : [];
        const diagnostics = pairs.map((p) => p.diagnostic);
        const key = JSON.stringify(diagnostics);
        const previous = this.published.get(uri);
        if (previous === key || (previous === undefined && !diagnostics.length)) continue;
        if (diagnostics.length) this.published.set(uri, key);
        else this.published.delete(uri);
        if (pairs.length) this.findings.set(uri, pairs);
        else this.findings.delete(uri);
        void this.connection.sendDiagnostics({ uri, diagnostics });
      }
    } catch (e) {
      this.log(`istio-lens: diagnostics failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
}
