import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { isRemoteInput, kustomizationInputs, KUSTOMIZATION_FILES } from '../core/workspace/kustomize';
import { splitDocuments } from '../core/yaml/documents';
import { MAX_FILE_BYTES } from '../core/yaml/limits';
import { toPlainValue } from '../core/yaml/plain';
import type { LoadedFiles } from './files';
import { UsageError } from './workspace';

/** `check --kustomize`: each kustomization root under the paths (a folder with a kustomization that
 *  no other one builds on) is rendered with `kubectl kustomize`, and the result is checked instead of
 *  the files it was built from. A rendered resource identical to a document of a file is reported at
 *  that file's lines; a resource kustomize changed (a name prefix, a namespace, a patch) is reported in
 *  a file named after the command that rendered it. Rendering never reaches the network: a root that
 *  names a remote base is not rendered, and kubectl runs with git and HTTP(S) pointed nowhere. */
export function renderKustomizations(loaded: LoadedFiles): LoadedFiles {
  if (!loaded.kustomizations.length) return loaded;
  const textOf = (dir: string) => {
    for (const f of KUSTOMIZATION_FILES) if (existsSync(join(dir, f))) return readFileSync(join(dir, f), 'utf8');
    return '';
  };
  const inputs = new Map(loaded.kustomizations.map((d) => [d, kustomizationInputs(textOf(d))]));
  const built = new Set([...inputs].flatMap(([d, list]) => list.filter((i) => !isRemoteInput(i)).map((i) => resolve(d, i))));
  const roots = loaded.kustomizations.filter((d) => !built.has(resolve(d)));
  const owned = (file: string) => loaded.kustomizations.some((d) => !relative(resolve(d), resolve(file)).startsWith('..'));
  const originals = documentsByContent(loaded.files);
  const keep = new Map<string, Set<number>>();
  const out: LoadedFiles = { ...loaded, files: [], errors: [...loaded.errors] };
  for (const root of roots) {
    const remote = inputs.get(root)!.filter(isRemoteInput);
    if (remote.length) {
      out.errors.push(`${root}: not rendered: it builds on ${remote[0]}, and rendering never reaches the network`);
      continue;
    }
    const r = spawnSync('kubectl', ['kustomize', root], { encoding: 'utf8', maxBuffer: MAX_FILE_BYTES, env: offline() });
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError('--kustomize needs kubectl on the PATH (`kubectl kustomize` renders the kustomizations; Debian: apt-get install kubernetes-client)');
    }
    if (r.status !== 0) {
      out.errors.push(`${root}: kubectl kustomize failed: ${(r.stderr || String(r.error ?? '')).trim().split('\n')[0]}`);
      continue;
    }
    const changed: string[] = [];
    for (const chunk of splitDocuments(r.stdout)) {
      const key = contentKey(chunk.text);
      if (key === undefined) continue;
      const origin = originals.get(key);
      if (origin) {
        const set = keep.get(origin.file) ?? new Set<number>();
        set.add(origin.index);
        keep.set(origin.file, set);
      } else changed.push(chunk.text.startsWith('---') ? chunk.text : `---\n${chunk.text}`);
    }
    if (changed.length) out.files.push([`kubectl kustomize ${root}`, changed.join('')]);
  }
  for (const [file, text] of loaded.files) {
    const docs = keep.get(file);
    if (docs) out.files.push([file, onlyDocuments(text, docs)]);
    else if (!owned(file)) out.files.push([file, text]);
  }
  return out;
}

/** No network for kubectl and the git it runs: proxies that refuse, git limited to local files. */
function offline(): NodeJS.ProcessEnv {
  const nowhere = 'http://127.0.0.1:9';
  return { ...process.env, HTTP_PROXY: nowhere, HTTPS_PROXY: nowhere, http_proxy: nowhere, https_proxy: nowhere, NO_PROXY: '', no_proxy: '', GIT_ALLOW_PROTOCOL: 'file', GIT_TERMINAL_PROMPT: '0' };
}

/** A document's value with keys sorted: the same resource whatever the order kustomize writes keys in. */
function contentKey(text: string): string | undefined {
  try {
    const doc = parseDocument(text, { logLevel: 'silent' });
    if (doc.errors.length) return undefined;
    const plain = toPlainValue(doc);
    const js = 'value' in plain ? plain.value : undefined;
    return js && typeof js === 'object' ? JSON.stringify(sorted(js)) : undefined;
  } catch {
    return undefined;
  }
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}

function documentsByContent(files: [string, string][]): Map<string, { file: string; index: number }> {
  const out = new Map<string, { file: string; index: number }>();
  for (const [file, text] of files) {
    splitDocuments(text).forEach((chunk, index) => {
      const key = contentKey(chunk.text);
      if (key !== undefined && !out.has(key)) out.set(key, { file, index });
    });
  }
  return out;
}

/** The file's text with every other document blanked, so lines stay where they are. */
function onlyDocuments(text: string, keep: Set<number>): string {
  return splitDocuments(text).map((chunk, i) => (keep.has(i) ? chunk.text : chunk.text.replace(/[^\n]/g, ''))).join('');
}

