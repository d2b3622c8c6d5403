import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileTooLargeMessage, MAX_FILE_BYTES } from '../core/yaml/limits';

export interface LoadedFiles {
  files: [string, string][];
  errors: string[];
}

function isYaml(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

/** A file system error in words, without the path and syscall Node puts in its message. */
function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'a loop of symbolic links';
    case 'ENOTDIR': return 'not a folder';
    case 'EISDIR': return 'a folder, not a file';
    default: return code ?? (e as Error).message;
  }
}

/** Every .yaml/.yml under the given files and folders; node_modules, dot-folders and symbolic links
 *  to folders are skipped (nothing outside the named trees is read). */
export function collectFiles(paths: string[]): LoadedFiles {
  const out: LoadedFiles = { files: [], errors: [] };
  const seen = new Set<string>();
  const visit = (p: string, top: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      out.errors.push(`${p}: ${describeFsError(e)}`);
      return;
    }
    if (st.isDirectory()) {
      let entries;
      try {
        entries = readdirSync(p, { withFileTypes: true });
      } catch (e) {
        out.errors.push(`${p}: cannot read folder: ${describeFsError(e)}`);
        return;
      }
      for (const ent of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (ent.name === 'node_modules' || ent.name.startsWith('.')) continue;
        if (ent.isSymbolicLink()) continue;
        if (ent.isDirectory() || (ent.isFile() && isYaml(ent.name))) visit(join(p, ent.name), false);
      }
      return;
    }
    if (!top && !isYaml(p)) return;
    // A device (/dev/zero) would be read forever; a pipe (`<(helm template .)`) is fine.
    if (!st.isFile() && !st.isFIFO()) {
      out.errors.push(`${p}: not read: not a regular file`);
      return;
    }
    const key = resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    if (st.size > MAX_FILE_BYTES) {
      out.errors.push(`${p}: ${fileTooLargeMessage(st.size)}`);
      return;
    }
    try {
      out.files.push([p, readFileSync(p, 'utf8')]);
    } catch (e) {
      out.errors.push(`${p}: cannot read: ${describeFsError(e)}`);
    }
  };
  for (const p of paths) visit(p, true);
  return out;
}
