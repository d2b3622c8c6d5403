import { parseDocument } from 'yaml';
import { toPlainValue } from '../yaml/plain';

/** Kustomize: the files a `kustomization.yaml` names as patches are fragments merged into resources
 *  (sigs.k8s.io/kustomize api/types/kustomization.go: `patches[].path`, `patchesStrategicMerge[]`,
 *  `patchesJson6902[].path`), not resources of their own: a strategic-merge patch of a VirtualService
 *  names only what it changes, and checked as a resource it would be missing its `hosts`. */

/** The names kustomize reads as a kustomization file (api/konfig/general.go, RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return KUSTOMIZATION_FILES.includes(base);
}

/** The patch files a kustomization names, relative to its folder, as written. Never throws. */
export function kustomizationPatches(text: string): string[] {
  const k = readKustomization(text);
  if (!k) return [];
  const out: string[] = [];
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  for (const p of list(k.patches)) if (p && typeof p === 'object' && typeof (p as { path?: unknown }).path === 'string') out.push((p as { path: string }).path);
  for (const p of list(k.patchesJson6902)) if (p && typeof p === 'object' && typeof (p as { path?: unknown }).path === 'string') out.push((p as { path: string }).path);
  // A strategic-merge entry is a file name, or an inline patch (YAML text with a newline).
  for (const p of list(k.patchesStrategicMerge)) if (typeof p === 'string' && !p.includes('\n')) out.push(p.trim());
  return out;
}

/** The folders and files a kustomization builds on (`resources`, `bases`, `components`), as written. */
export function kustomizationInputs(text: string): string[] {
  const k = readKustomization(text);
  if (!k) return [];
  return [k.resources, k.bases, k.components].flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
}

/** Does a kustomization input name something on the network (a git repository or a URL)? Kustomize
 *  would fetch it (api/internal/git/repospec.go): the tool never lets rendering reach the network. */
export function isRemoteInput(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input) || /^git@/.test(input) || /^(github|gitlab|bitbucket)\.(com|org)\//.test(input);
}

function readKustomization(text: string): Record<string, unknown> | undefined {
  const plain = toPlainValue(parseDocument(text, { logLevel: 'silent' }));
  const js = 'value' in plain ? plain.value : undefined;
  return js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : undefined;
}
