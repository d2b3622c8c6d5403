import { DiagnosticSeverity, type Connection } from 'vscode-languageserver/node';
import { STATUS_NOTIFICATION, TEST_RESULTS_NOTIFICATION, type RunTestsResult, type StatusParams } from '../protocol/routingTests';
import type { Logger } from './adapter';
import type { DiagnosticsPublisher } from './diagnostics';
import { skippedHelmTemplates } from './helmCharts';
import type { KustomizeDiagnostics } from './kustomizeRendering';
import type { RoutingTests } from './routingTests';
import type { WorkspaceState } from './workspaceState';

/** How long a request waits for the first folder scan before answering from what it has. */
export const INDEXING_WAIT_MS = 30_000;

/** Waits for the first scan of the workspace folders, at most `ms`. */
export async function whenIndexed(indexed: Promise<void>, ms = INDEXING_WAIT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([indexed, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** After each analysis is published, once edits settle: the status notification (counts from the
 *  snapshot the server warms anyway), and the routing tests run so far are run again, their
 *  diagnostics (and the test files' schema problems) merged into the published ones. */
export function afterEachAnalysis(connection: Connection, ws: WorkspaceState, diagnostics: DiagnosticsPublisher, tests: RoutingTests, indexed: Promise<void>, log: Logger, inBackground: () => boolean = () => true, folderUris: () => string[] = () => [], kustomize: () => KustomizeDiagnostics | undefined = () => undefined): void {
  let timer: NodeJS.Timeout | undefined;
  let errors = 0;
  const later = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), ms);
  };
  const refresh = async () => {
    timer = undefined;
    if (!inBackground()) return;
    // Not before the folder scan is in: a snapshot of no files would become the server's latest one.
    await indexed;
    if (diagnostics.busy) return later(100);
    try {
      await ws.warm();
      // warm() returns at once beside another warm-up: wait for it rather than index in one go here.
      if (ws.isWarming) return later(100);
      const snap = ws.snapshot();
      const results = tests.rerun();
      const extra = tests.diagnostics();
      const rendered = kustomize();
      for (const [uri, list] of rendered?.diagnostics ?? []) extra.set(uri, [...(extra.get(uri) ?? []), ...list]);
      diagnostics.setExtra(extra, rendered?.replaced);
      if (results) void connection.sendNotification(TEST_RESULTS_NOTIFICATION, { results } satisfies RunTestsResult);
      let extraErrors = 0;
      for (const list of extra.values()) extraErrors += list.filter((d) => d.severity === DiagnosticSeverity.Error).length;
      const helm = skippedHelmTemplates(snap, folderUris());
      const status: StatusParams = { resources: snap.resources.length, files: snap.files.size, errors: errors + extraErrors, ...(helm ? { helm } : {}) };
      void connection.sendNotification(STATUS_NOTIFICATION, status);
    } catch (e) {
      log(`istio-lens: routing tests or status failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  };
  diagnostics.onPublished = (files) => {
    errors = 0;
    for (const f of files) errors += f.items.filter((i) => i.diagnostic.severity === DiagnosticSeverity.Error).length;
    later(250); // not latency-critical: after the edits settle, beside the snapshot warm-up
  };
}
