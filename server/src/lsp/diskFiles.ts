import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fileTooLargeMessage, MAX_FILE_BYTES } from '../core/yaml/limits';

/** Reads the YAML files of the workspace folders. node_modules, dot-folders and symbolic links are
 *  skipped, so nothing outside the folders is read; large files and very large trees are capped,
 *  and every file left out is reported (the CLI's limit and words). */
const MAX_FILES = 20_000;

export function isYamlPath(p: string): boolean {
  return p.endsWith('.yaml') || p.endsWith('.yml');
}

/** One spelling per file: VS Code escapes `:` in drive letters, Node does not. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The text of a YAML file, or undefined when it is gone, not a file, too large or unreadable;
 *  `onError` hears why for the last two. */
export async function readYamlFile(uri: string, onError: (message: string) => void = () => undefined): Promise<string | undefined> {
  const p = uriToPath(uri);
  if (!p) return undefined;
  try {
    const st = await stat(p);
    if (!st.isFile()) return undefined;
    if (st.size > MAX_FILE_BYTES) {
      onError(`${p}: ${fileTooLargeMessage(st.size)}`);
      return undefined;
    }
    return await readFile(p, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') onError(`${p}: cannot read (${code ?? (e as Error).message})`);
    return undefined;
  }
}

/** Every .yaml/.yml under the folders (that `keep` accepts, by its `/`-separated path relative to
 *  its folder) as [uri, text]; `onError` hears about unreadable entries, `onFile` about each file as
 *  soon as it is read (so that parsing can start while the scan goes on). */
export async function scanFolders(folderUris: string[], onError: (message: string) => void, keep: (relative: string) => boolean = () => true, onFile?: (uri: string, text: string) => void): Promise<[string, string][]> {
  const out: [string, string][] = [];
  let root = '';
  let capped = false;
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      onError(`cannot read folder ${dir}: ${(e as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const ent of entries) {
      if (out.length >= MAX_FILES) {
        if (!capped) onError(`stopped reading the workspace at ${MAX_FILES} YAML files: narrow it with istioLens.include/exclude`);
        capped = true;
        return;
      }
      if (ent.name === 'node_modules' || ent.name.startsWith('.') || ent.isSymbolicLink()) continue;
      const p = join(dir, ent.name);
      if (ent.isDirectory()) await visit(p);
      else if (ent.isFile() && isYamlPath(ent.name) && keep(relative(root, p).split(sep).join('/'))) {
        const uri = pathToFileURL(p).href;
        const text = await readYamlFile(uri, onError);
        if (text !== undefined) {
          out.push([uri, text]);
          onFile?.(uri, text);
        }
      }
    }
  };
  for (const f of folderUris) {
    const p = uriToPath(f);
    if (!p) continue;
    root = p;
    await visit(p);
  }
  return out;
}

/** The path of a file URI relative to the workspace folder holding it, or undefined when none does. */
export function relativeToFolders(uri: string, folderUris: string[]): string | undefined {
  for (const f of folderUris) {
    const prefix = f.endsWith('/') ? f : `${f}/`;
    if (uri.startsWith(prefix)) return decodeURIComponent(uri.slice(prefix.length));
  }
  return undefined;
}
