import {
  EventEmitter, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri, window,
  type Disposable, type TreeDataProvider, type TreeView,
} from 'vscode';
import { baseName, destinationLabel, endpointsLabel, homeNamespace, outcomeFails, outcomeText, requestLabel } from './format';
import type { LspLocation, Simulation } from './protocol';
import { toRange } from './inline';

interface Node {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  location?: LspLocation;
  children?: Node[];
  expanded?: boolean;
  parent?: Node;
}

/** The whole simulation in a tree: request, outcome with destinations and endpoints, and every
 *  trace step; a step with a location opens its file:line. */
/** The YAML that decided: the route (or VirtualService), else the first trace step in a file
 *  (the Service of a default routing). */
export function decidingLocation(res: Simulation): LspLocation | undefined {
  return res.locations.route ?? res.locations.virtualService ?? res.locations.trace.find((l) => l) ?? undefined;
}

/** `from`: the document the simulation was started from; an answer decided elsewhere says where. */
export function resultTree(res: Simulation, from?: string): Node[] {
  const ns = homeNamespace(res);
  const r = res.request;
  const request: Node = {
    label: `${requestLabel(res)}`, description: `${r.scheme}://${r.authority}`, icon: 'arrow-right', expanded: false,
    children: [
      { label: 'from', description: r.source.workload ?? `namespace ${r.source.namespace}` },
      { label: 'gateway', description: r.gateway },
      ...Object.entries(r.headers).map(([k, v]) => ({ label: k, description: v })),
    ],
  };
  const outcomeChildren: Node[] = res.destinations.map((d, i) => ({
    label: destinationLabel(d, ns), description: endpointsLabel(d, ns), icon: 'target', location: res.locations.destinations[i] ?? undefined,
    children: d.endpoints.map((e) => ({ label: e.pod ?? e.ip ?? 'original destination', description: `${e.ip ?? ''}:${e.port ?? ''}${e.fromTemplate ? ` (pods of ${e.fromTemplate})` : ''}` })),
  }));
  if (res.redirect) outcomeChildren.push({ label: 'Location', description: `${res.redirect.location} (${res.redirect.status})` });
  if (res.directResponse) outcomeChildren.push({ label: 'body', description: JSON.stringify(res.directResponse.body ?? '') });
  if (res.rewrite) outcomeChildren.push({ label: 'rewrite', description: `${res.rewrite.authority ?? ''}${res.rewrite.path ?? ''}` });
  if (res.fault?.abort) outcomeChildren.push({ label: 'fault abort', description: `${res.fault.abort.status ?? res.fault.abort.grpcStatus} for ${res.fault.abort.percent}%` });
  if (res.fault?.delay) outcomeChildren.push({ label: 'fault delay', description: `${res.fault.delay.duration} for ${res.fault.delay.percent}%` });
  if (res.timeout) outcomeChildren.push({ label: 'timeout', description: res.timeout });
  if (res.retries) outcomeChildren.push({ label: 'retries', description: `${res.retries.attempts}${res.retries.retryOn ? ` on ${res.retries.retryOn}` : ''}` });
  const vs = res.virtualService;
  const deciding = decidingLocation(res);
  const elsewhere = deciding && deciding.uri !== from ? ` — in ${baseName(Uri.parse(deciding.uri).path)}:${deciding.range.start.line + 1}` : '';
  const outcome: Node = {
    label: outcomeText(res),
    description: (vs ? `${vs.namespace}/${vs.name}${res.httpRouteIndex !== null ? ` http[${res.httpRouteIndex}]` : ''}` : 'no VirtualService') + elsewhere,
    tooltip: deciding ? `Open the YAML that decided${elsewhere}` : undefined,
    icon: outcomeFails(res) ? 'warning' : res.action === 'redirect' ? 'arrow-swap' : 'pass',
    location: deciding,
    children: outcomeChildren, expanded: true,
  };
  const trace: Node = {
    label: 'Trace', description: `${res.trace.length} steps`, icon: 'list-ordered', expanded: true,
    children: res.trace.map((s, i) => ({
      label: s.message, tooltip: s.message, icon: 'debug-stackframe-dot',
      description: s.file ? `${baseName(s.file)}${s.line !== null ? `:${s.line}` : ''}` : undefined,
      location: res.locations.trace[i] ?? undefined,
    })),
  };
  const roots = [outcome, trace, request];
  const dist = res.distribution;
  if (dist) {
    roots.splice(1, 0, {
      label: `Distribution of ${dist.count} requests`, description: `seed ${dist.seed}`, icon: 'graph', expanded: true,
      children: dist.pods.map((p) => ({ label: p.pod, description: `${p.count} (${((100 * p.count) / dist.count).toFixed(1)}%)` })),
    });
  }
  const link = (n: Node) => n.children?.forEach((c) => { c.parent = n; link(c); });
  roots.forEach(link);
  return roots;
}

export class TraceTree implements TreeDataProvider<Node>, Disposable {
  private roots: Node[] = [];
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: TreeView<Node>;

  constructor(viewId: string) {
    this.view = window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true });
  }

  /** Shows the result and opens the panel without taking the focus; resolves once it is open.
   *  `from`: the document the simulation was started from. */
  async show(res: Simulation | undefined, from?: string): Promise<void> {
    this.roots = res ? resultTree(res, from) : [];
    this.view.message = res ? `${requestLabel(res)} (${res.request.authority}): ${outcomeText(res)}` : undefined;
    this.changed.fire(undefined);
    if (this.roots[0]) await Promise.resolve(this.view.reveal(this.roots[0], { select: false, focus: false, expand: true })).catch(() => undefined);
  }

  /** The root rows as shown: label, description and the file a click opens (tests read them). */
  rows(): { label: string; description?: string; icon?: string; opens?: string }[] {
    return this.roots.map((n) => ({ label: n.label, description: n.description, icon: n.icon, opens: n.location?.uri }));
  }

  getTreeItem(n: Node): TreeItem {
    const state = n.children?.length ? (n.expanded ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed) : TreeItemCollapsibleState.None;
    const item = new TreeItem(n.label, state);
    item.description = n.description;
    item.tooltip = n.tooltip;
    if (n.icon) item.iconPath = new ThemeIcon(n.icon);
    if (n.location) {
      item.command = {
        command: 'vscode.open', title: 'Open',
        // The cursor goes to the start of the YAML the step points at (a whole block selected would scroll to its end).
        arguments: [Uri.parse(n.location.uri), { selection: toRange({ start: n.location.range.start, end: n.location.range.start }), preserveFocus: false }],
      };
      item.resourceUri = undefined;
    }
    return item;
  }

  getChildren(n?: Node): Node[] {
    return n ? n.children ?? [] : this.roots;
  }

  getParent(n: Node): Node | undefined {
    return n.parent;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
