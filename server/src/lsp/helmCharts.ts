import type { Snapshot } from '../core/workspace/snapshot';
import type { HelmStatus } from '../protocol/routingTests';
import { relativeToFolders, uriToPath } from './diskFiles';

/** The Helm chart templates of the workspace that are not checked: files under a chart's
 *  `templates/` (a folder beside `Chart.yaml`, the chart layout of helm/helm pkg/chart/loader) with a
 *  document whose `{{ … }}` markup makes it a template rather than YAML. The status item says how
 *  many, and gives the command that checks them rendered, as the CLI's summary does. */
export function skippedHelmTemplates(snap: Snapshot, folderUris: string[]): HelmStatus | undefined {
  const charts = new Map<string, number>();
  for (const [uri, f] of snap.files) {
    if (!f.source.documents.some((d) => d.isTemplate)) continue;
    const root = chartRootOf(uri, snap);
    if (root !== undefined) charts.set(root, (charts.get(root) ?? 0) + 1);
  }
  if (!charts.size) return undefined;
  const roots = [...charts.keys()].sort().map((r) => shown(r, folderUris));
  const templates = [...charts.values()].reduce((a, b) => a + b, 0);
  return { templates, charts: roots, command: `helm template ${quoted(roots[0])} | istio-lens check -` };
}

/** The chart folder holding `uri` in its `templates/`, when its `Chart.yaml` is in the workspace. */
function chartRootOf(uri: string, snap: Snapshot): string | undefined {
  const parts = uri.split('/');
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i] !== 'templates') continue;
    const root = parts.slice(0, i).join('/');
    if (snap.files.has(`${root}/Chart.yaml`)) return root;
  }
  return undefined;
}

/** A chart folder as a command line names it: relative to its workspace folder, else its path. */
function shown(root: string, folderUris: string[]): string {
  const rel = relativeToFolders(root, folderUris) ?? (folderUris.includes(root) ? '' : undefined);
  if (rel !== undefined) return rel || '.';
  return uriToPath(root) ?? root;
}

function quoted(p: string): string {
  return /^[\w./@%+=:,-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
