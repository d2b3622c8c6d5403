import { dirname, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { analyze } from '../core/analysis';
import { LineIndex } from '../core/text/lineIndex';
import { isKustomizationFile } from '../core/workspace/kustomize';
import { isKubernetesFile } from '../core/workspace/kubernetesFile';
import { buildSnapshot, type WorkspaceOptions } from '../core/workspace/snapshot';
import { renderKustomizations } from '../cli/kustomize';
import { UsageError } from '../cli/workspace';
import { toDiagnostic, toRange } from './convert';
import { uriToPath } from './diskFiles';

/** What the workspace's kustomizations render to, as diagnostics. */
export interface KustomizeDiagnostics {
  /** By uri: findings of the rendered resources, at the files they came from unchanged, or on the
   *  root's kustomization file for resources kustomize changed; roots that could not be rendered. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Files under a kustomization: their own findings give way to those of the rendering. */
  replaced: Set<string>;
}

const RENDERED = 'kubectl kustomize ';

/** `istioLens.kustomize` in the editor: the CLI's `--kustomize` (cli/kustomize.ts: `kubectl
 *  kustomize` of each kustomization root, offline, never a remote base) over the workspace's files,
 *  analysed as `check --kustomize` would. kubectl reads the files on disk, so unsaved edits count once
 *  saved. Runs in trusted workspaces only: the server is told so by the client. */
export function renderWorkspaceKustomizations(texts: Iterable<[string, string]>, options: Partial<WorkspaceOptions>): KustomizeDiagnostics {
  const uriOf = new Map<string, string>();
  const files: [string, string][] = [];
  const roots = new Map<string, string>(); // folder path → its kustomization file's uri
  for (const [uri, text] of texts) {
    const p = uriToPath(uri);
    if (p === undefined) continue;
    uriOf.set(p, uri);
    files.push([p, text]);
    if (isKustomizationFile(uri)) roots.set(dirname(p), uri);
  }
  const out: KustomizeDiagnostics = { diagnostics: new Map(), replaced: new Set() };
  if (!roots.size) return out;
  const push = (uri: string, d: Diagnostic) => out.diagnostics.set(uri, [...(out.diagnostics.get(uri) ?? []), d]);
  const atTop = (message: string, severity: DiagnosticSeverity): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity, source: 'istio-lens', message });
  let rendered;
  try {
    rendered = renderKustomizations({ files, errors: [], charts: [], kustomizations: [...roots.keys()] });
  } catch (e) {
    // No kubectl: said on every kustomization file, and nothing is replaced.
    const why = e instanceof UsageError ? e.message.replace('--kustomize', 'istioLens.kustomize') : String(e);
    for (const uri of roots.values()) push(uri, atTop(why, DiagnosticSeverity.Warning));
    return out;
  }
  for (const [p, uri] of uriOf) if ([...roots.keys()].some((r) => !relative(r, p).startsWith('..'))) out.replaced.add(uri);
  for (const e of rendered.errors) {
    const root = [...roots.keys()].find((r) => e.startsWith(`${r}: `));
    if (root) push(roots.get(root)!, atTop(e.slice(root.length + 2), DiagnosticSeverity.Warning));
  }
  // The rendering of a root that kustomize changed has no file of its own: a name for the snapshot.
  const keyOf = (name: string) => uriOf.get(name) ?? `kustomize:${name.slice(RENDERED.length)}`;
  const snap = buildSnapshot(rendered.files.map(([name, text]) => [keyOf(name), text]), options);
  const textOf = (key: string) => snap.files.get(key)?.source.text;
  for (const f of analyze(snap)) {
    const file = snap.files.get(f.file);
    if (!file || !isKubernetesFile(file)) continue;
    const index = new LineIndex(file.source.text);
    if (!f.file.startsWith('kustomize:')) {
      if (out.replaced.has(f.file)) push(f.file, toDiagnostic(f, index, textOf));
      continue;
    }
    const root = f.file.slice('kustomize:'.length);
    const uri = roots.get(root) ?? pathToFileURL(`${root}${sep}kustomization.yaml`).href;
    const line = toRange(index, f.span).start.line + 1;
    const d = toDiagnostic(f, index, textOf);
    push(uri, { ...d, range: atTop('', DiagnosticSeverity.Error).range, message: `${d.message} (in what kubectl kustomize renders here, line ${line})`, relatedInformation: d.relatedInformation?.filter((r) => !r.location.uri.startsWith('kustomize:')) });
  }
  return out;
}
