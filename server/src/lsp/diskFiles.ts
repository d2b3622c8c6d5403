import { lstat, readdir, readFile, stat } from 'node:fs/promises';
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
 *  soon as it is read (so that parsing can start while the scan goes on). The scan of a folder stops
 *  as soon as `wanted(folderUri)` is false (the folder was removed from the workspace meanwhile). */
export async function scanFolders(folderUris: string[], onError: (message: string) => void, keep: (relative: string) => boolean = () => true, onFile?: (uri: string, text: string) => void, wanted: (folderUri: string) => boolean = () => true): Promise<[string, string][]> {
  const out: [string, string][] = [];
  let root = '';
  let capped = false;
  let folder = '';
  const visit = async (dir: string): Promise<void> => {
    if (!wanted(folder)) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      onError(`cannot read folder ${dir}: ${(e as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const ent of entries) {
      if (!wanted(folder)) return;
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
        if (text !== undefined && wanted(folder)) {
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
    folder = f;
    await visit(p);
  }
  return out;
}

/** The path of a file URI relative to the workspace folder holding it, or undefined when none does. */
export function relativeToFolders(uri: string, folderUris: string[]): string | undefined {
  for (const f of folderUris) {
    const prefix = f.endsWith('/') ? f : `${f}/`;
    if (uri.startsWith(prefix)) return decodePath(uri.slice(prefix.length));
  }
  return undefined;
}

/** Percent escapes decoded; a malformed one (`%E0%A4%A`) is kept as written instead of throwing
 *  (decodeURIComponent threw inside an async handler and the unhandled rejection ended the server). */
function decodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Would the folder scan read this file? The same rules for every read of a file the editor did not
 *  send (a watched-file event, a document closed): inside a workspace folder, accepted by `keep`,
 *  under no node_modules or dot-folder, and reached through no symbolic link (a link made after
 *  start-up, by `git pull` or `ln -s`, may point anywhere). */
export async function scanWouldRead(uri: string, folderUris: string[], keep: (relative: string) => boolean): Promise<boolean> {
  const folder = folderUris.find((f) => relativeToFolders(uri, [f]) !== undefined);
  const rel = folder === undefined ? undefined : relativeToFolders(uri, [folder]);
  const root = folder === undefined ? undefined : uriToPath(folder);
  if (rel === undefined || root === undefined || !isYamlPath(rel) || !keep(rel)) return false;
  const parts = rel.split('/');
  if (parts.some((x) => x === '' || x === '.' || x === '..' || x === 'node_modules' || x.startsWith('.'))) return false;
  let p = root;
  for (const part of parts) {
    p = join(p, part);
    try {
      if ((await lstat(p)).isSymbolicLink()) return false;
    } catch {
      return false; // gone (a deletion is handled by the caller), or unreadable
    }
  }
  return true;
}
