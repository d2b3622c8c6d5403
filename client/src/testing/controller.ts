import {
  Location, Position, Range, TestMessage, TestRunProfileKind, TestRunRequest, tests, Uri, workspace,
  type CancellationToken, type Disposable, type TestController, type TestItem, type TestRun,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  LIST_TESTS_METHOD, RUN_TESTS_METHOD,
  type CaseResultItem, type ListTestsResult, type RunTestsParams, type RunTestsResult, type TestRef,
} from '../../../server/src/protocol/routingTests';
import type { LspLocation, LspRange } from '../../../server/src/protocol/simulate';

/** The workspace's routing tests in VS Code's Testing view: one item per test file, a child per case
 *  (with its range); they run through the server's istioLens/runTests, from the view or a code lens,
 *  and a failure shows its diff line at the expectation. */
export class RoutingTestController implements Disposable {
  readonly controller: TestController;
  private refreshTimer: NodeJS.Timeout | undefined;
  private last: CaseResultItem[] = [];

  constructor(private readonly client: LanguageClient, private readonly ready: Promise<void>) {
    this.controller = tests.createTestController('istioLens.routingTests', 'Istio routing tests');
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.refresh();
    };
    this.controller.refreshHandler = () => this.refresh();
    this.controller.createRunProfile('Run', TestRunProfileKind.Run, async (request, token) => void (await this.runRequest(request, token)), true);
  }

  /** Re-lists soon (after each analysis the server sends its status). */
  refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 200);
  }

  async refresh(): Promise<void> {
    await this.ready;
    let list: ListTestsResult;
    try {
      list = await this.client.sendRequest<ListTestsResult>(LIST_TESTS_METHOD, {});
    } catch {
      return; // the server is not running (any more): keep what is shown
    }
    const files: TestItem[] = [];
    for (const f of list.files) {
      const uri = Uri.parse(f.uri);
      // Labelled by its tests' names (a repository has many files called routing.test.yaml); the path is the description.
      const label = f.documents.map((d) => d.name).filter(Boolean).join(', ') || (uri.path.split('/').pop() ?? f.uri);
      const file = this.controller.items.get(f.uri) ?? this.controller.createTestItem(f.uri, label, uri);
      file.label = label;
      file.range = f.documents[0] ? toRange(f.documents[0].range) : undefined;
      const several = f.documents.length > 1;
      file.children.replace(f.documents.flatMap((d) => d.cases.map((c) => {
        const item = file.children.get(c.id) ?? this.controller.createTestItem(c.id, several ? `${d.name}: ${c.name}` : c.name, uri);
        item.label = several ? `${d.name}: ${c.name}` : c.name;
        item.range = toRange(c.range);
        return item;
      })));
      file.description = workspace.asRelativePath(uri, (workspace.workspaceFolders?.length ?? 0) > 1);
      files.push(file);
    }
    this.controller.items.replace(files);
  }

  /** The code lenses' command: runs those tests as a test run, so the Testing view shows them too. */
  async runFromLens(params: RunTestsParams): Promise<CaseResultItem[]> {
    await this.refresh();
    const items = params.tests.flatMap((ref) => this.itemsOf(ref));
    return this.runRequest(new TestRunRequest(items.length ? items : undefined), undefined, params.tests.length ? params.tests : undefined);
  }

  /** Results of a re-run the server made after a change: shown as a run of their own. */
  showRerun(results: CaseResultItem[]): void {
    if (!results.length) return;
    const run = this.controller.createTestRun(new TestRunRequest(), 'Istio routing tests (after a change)', false);
    this.report(run, results);
    run.end();
  }

  /** The results of the last run (for the end-to-end tests). */
  lastResults(): CaseResultItem[] {
    return this.last;
  }

  /** The items as plain data (for the end-to-end tests). */
  items(): { id: string; label: string; description?: string; children: { id: string; label: string; line?: number }[] }[] {
    const out: { id: string; label: string; description?: string; children: { id: string; label: string; line?: number }[] }[] = [];
    this.controller.items.forEach((f) => {
      const children: { id: string; label: string; line?: number }[] = [];
      f.children.forEach((c) => void children.push({ id: c.id, label: c.label, line: c.range?.start.line }));
      out.push({ id: f.id, label: f.label, description: f.description, children });
    });
    return out;
  }

  private itemsOf(ref: TestRef): TestItem[] {
    const file = this.controller.items.get(ref.uri);
    if (!file) return [];
    if (ref.document === undefined) return [file];
    const out: TestItem[] = [];
    file.children.forEach((c) => {
      const [document, index] = c.id.slice(c.id.lastIndexOf('#') + 1).split('/').map(Number);
      if (document === ref.document && (ref.case === undefined || index === ref.case)) out.push(c);
    });
    return out;
  }

  private refOf(item: TestItem): TestRef {
    const hash = item.id.lastIndexOf('#');
    if (hash < 0) return { uri: item.id };
    const [document, index] = item.id.slice(hash + 1).split('/').map(Number);
    return { uri: item.id.slice(0, hash), document, case: index };
  }

  private async runRequest(request: TestRunRequest, token?: CancellationToken, refs?: TestRef[]): Promise<CaseResultItem[]> {
    await this.ready;
    const run = this.controller.createTestRun(request);
    const roots: TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((f) => void roots.push(f));
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const wanted = roots.filter((i) => !excluded.has(i.id));
    const started = (i: TestItem) => (i.children.size ? i.children.forEach((c) => void (!excluded.has(c.id) && run.started(c))) : run.started(i));
    wanted.forEach(started);
    try {
      const tests = refs ?? wanted.map((i) => this.refOf(i));
      const answer = await this.client.sendRequest<RunTestsResult>(RUN_TESTS_METHOD, { tests } satisfies RunTestsParams, token);
      const results = answer.results.filter((r) => !excluded.has(r.id));
      this.report(run, results);
      this.last = results;
      return results;
    } catch (e) {
      for (const i of wanted) run.errored(i, new TestMessage(`istio-lens: ${(e as Error).message ?? e}`));
      return [];
    } finally {
      run.end();
    }
  }

  private report(run: TestRun, results: CaseResultItem[]): void {
    for (const r of results) {
      const file = this.controller.items.get(r.uri);
      const item = file?.children.get(r.id) ?? file;
      if (!item) continue;
      if (r.passed) {
        run.passed(item, r.durationMs);
        continue;
      }
      const messages = r.failures.map((f) => {
        const m = new TestMessage(f.message);
        m.location = toLocation(f.location);
        return m;
      });
      run.failed(item, messages, r.durationMs);
      const trace = r.trace.map((s, i) => `  ${i + 1}. ${s.message}`).join('\r\n');
      run.appendOutput(`FAIL ${r.name}\r\n${r.failures.map((f) => `  ${f.message}`).join('\r\n')}\r\n  trace:\r\n${trace}\r\n`, undefined, item);
    }
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.controller.dispose();
  }
}

function toRange(r: LspRange): Range {
  return new Range(new Position(r.start.line, r.start.character), new Position(r.end.line, r.end.character));
}

function toLocation(l: LspLocation): Location {
  return new Location(Uri.parse(l.uri), toRange(l.range));
}
