import { QuickPickItemKind, window, type Memento, type QuickPickItem } from 'vscode';
import { addToHistory } from './history';

const HISTORY_KEY = 'istioLens.simulate.history';
const PLACEHOLDER = "GET http://svc.ns.svc.cluster.local:8080/path -H 'x-user: jason' --from ns/pod";

/** One curl-like input with history (kept in workspaceState): the first row runs what is typed,
 *  the rows below are earlier command lines. Resolves to undefined when the user cancels. */
export class CommandInput {
  private open: { value: string } | undefined;

  constructor(private readonly state: Memento) {}

  /** The text in the request box while it is open (tests read it), else undefined. */
  shownValue(): string | undefined {
    return this.open?.value;
  }

  history(): string[] {
    return this.state.get<string[]>(HISTORY_KEY, []);
  }

  async remember(commandLine: string): Promise<void> {
    await this.state.update(HISTORY_KEY, addToHistory(this.history(), commandLine));
  }

  ask(prefill: string | undefined): Promise<string | undefined> {
    const history = this.history();
    const qp = window.createQuickPick<QuickPickItem>();
    qp.title = 'Istio Lens: Simulate Request';
    qp.placeholder = PLACEHOLDER;
    qp.matchOnDescription = false;
    qp.value = prefill ?? history[0] ?? '';
    const typedItem = (value: string): QuickPickItem => ({ label: value, description: 'run', alwaysShow: true, iconPath: undefined });
    const historyItems: QuickPickItem[] = history.length
      ? [{ label: 'history', kind: QuickPickItemKind.Separator }, ...history.map((h) => ({ label: h, description: 'earlier' }))]
      : [];
    const refresh = () => {
      const v = qp.value.trim();
      qp.items = v ? [typedItem(v), ...historyItems.filter((h) => h.label !== v)] : historyItems;
    };
    refresh();
    return new Promise((resolve) => {
      let settled = false;
      qp.onDidChangeValue(refresh);
      qp.onDidAccept(() => {
        settled = true;
        const picked = qp.selectedItems[0]?.label ?? qp.value;
        resolve(picked.trim() || undefined);
        qp.hide();
      });
      qp.onDidHide(() => {
        if (!settled) resolve(undefined);
        if (this.open === qp) this.open = undefined;
        qp.dispose();
      });
      this.open = qp;
      qp.show();
    });
  }
}
