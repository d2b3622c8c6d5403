import type { Resource } from '../model/lower';
import { keySpanAt, spanAt } from '../model/resource';
import type { FileResult, Snapshot } from '../workspace/snapshot';
import { conditionsOf } from './routeSummary';
import type { SymbolNode, WorkspaceSymbol } from './types';

/** The outline of a file (resources, then their routes with a summary of their match, subsets,
 *  servers) and the workspace's resources by name. */

function node(r: Resource, name: string, kind: SymbolNode['kind'], path: (string | number)[], detail?: string, children: SymbolNode[] = []): SymbolNode {
  return { name, detail, kind, span: spanAt(r.meta, path), selectionSpan: path.length ? keySpanAt(r.meta, path) : spanAt(r.meta, ['metadata', 'name']), children };
}

function childrenOf(r: Resource): SymbolNode[] {
  switch (r.kind) {
    case 'VirtualService':
      return (['http', 'tls', 'tcp'] as const).flatMap((p) => r[p].map((route) => {
        const name = `${p}[${route.index}]${p === 'http' && r.http[route.index].name ? ` ${r.http[route.index].name}` : ''}`;
        return node(r, name, 'route', ['spec', p, route.index], conditionsOf(route, p).replace(/`|\*\*/g, ''));
      }));
    case 'DestinationRule':
      return r.subsets.map((s) => node(r, s.name || `subsets[${s.index}]`, 'subset', ['spec', 'subsets', s.index], Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(', ')));
    case 'Gateway':
      return r.servers.map((s) => node(r, `port ${s.port.number ?? '?'}`, 'server', ['spec', 'servers', s.index], s.hosts.join(', ')));
    default:
      return [];
  }
}

/** Per analysed file: the outline depends on the file alone, and an unchanged file keeps its
 *  FileResult from snapshot to snapshot (outline and breadcrumbs ask for it after every edit). */
const outlines = new WeakMap<FileResult, SymbolNode[]>();

export function documentSymbols(snap: Snapshot, file: string): SymbolNode[] {
  const f = snap.files.get(file);
  if (!f) return [];
  let outline = outlines.get(f);
  if (!outline) outlines.set(f, (outline = outlineOf(f)));
  return outline;
}

function outlineOf(f: FileResult): SymbolNode[] {
  return f.resources.map((r) => {
    const root = node(r, r.meta.name || `(unnamed ${r.kind})`, 'resource', [], `${r.kind}${r.meta.namespaceDefaulted ? '' : ` in ${r.meta.namespace}`}`, childrenOf(r));
    root.resourceKind = r.kind;
    return root;
  });
}

const MAX_SYMBOLS = 1000;

export function workspaceSymbols(snap: Snapshot, query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const r of snap.resources) {
    if (!r.meta.name || (q && !r.meta.name.toLowerCase().includes(q))) continue;
    out.push({ name: r.meta.name, containerName: `${r.kind} ${r.meta.namespace}`, resourceKind: r.kind, location: { file: r.meta.file, span: spanAt(r.meta, ['metadata', 'name']) } });
    if (out.length >= MAX_SYMBOLS) break;
  }
  return out;
}
