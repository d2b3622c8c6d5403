import { closeSync, existsSync, openSync, readdirSync, readSync, statSync, type Dirent } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileTooLargeMessage, MAX_FILE_BYTES } from '../core/yaml/limits';
import { isKustomizationFile, kustomizationPatches } from '../core/workspace/kustomize';
import { chartTemplatesIn, countTemplates, type HelmChart } from './helmCharts';
import { splitRenderedSources } from './renderedSources';
import { displayName } from './terminal';

export interface LoadedFiles {
  files: [string, string][];
  errors: string[];
  /** Helm charts met on the way, with the templates that were not read. */
  charts: HelmChart[];
  /** Folders with a kustomization file, as named (for `--kustomize`). */
  kustomizations: string[];
}

/** The name findings use for what standard input held (when it is not `helm template` output). */
export const STDIN_NAME = '<stdin>';

export interface CollectOptions {
  /** True for a file or folder below a named path that the `exclude` globs leave out (the name as shown). */
  excluded?: (name: string) => boolean;
  /** True for a file below a named path that the `include` globs take (default: .yaml and .yml). */
  included?: (name: string) => boolean;
}

function isYaml(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

/** A file system error in words, without the path and syscall Node puts in its message. */
export function describeFsError(e: unknown): string {
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

/** Paths named on the command line that do not exist (`-` is standard input). */
export function missingPaths(paths: string[]): string[] {
  return paths.filter((p) => p !== '-' && !existsSync(p));
}

class TooLarge extends Error {
  constructor(readonly size: number) {
    super('too large');
  }
}

/** Reads a file, a pipe or standard input to its end, but never more than the size limit: a pipe
 *  reports size 0 to stat, so the limit is checked on the bytes as they arrive. */
export function readBounded(target: string | Buffer | number): Buffer {
  const fd = typeof target === 'number' ? target : openSync(target, 'r');
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, MAX_FILE_BYTES + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // Standard input may be non-blocking (a socket from a parent process): wait and read again.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw new TooLarge(total);
    }
  } finally {
    if (typeof target !== 'number') closeSync(fd);
  }
  return Buffer.concat(chunks, total);
}

let stdinFiles: [string, string][] | undefined;

/** Every .yaml/.yml under the given files and folders; node_modules, dot-folders and symbolic links
 *  to folders are skipped (nothing outside the named trees is read). `-` reads standard input (once;
 *  `helm template` output is split by its `# Source:` comments). Names that are not valid UTF-8 are
 *  read by their bytes and shown with `\xNN` for the bytes that are not. The templates of a Helm chart
 *  are not read: they are not YAML until rendered. */
export function collectFiles(paths: string[], options: CollectOptions = {}): LoadedFiles {
  const out: LoadedFiles = { files: [], errors: [], charts: [], kustomizations: [] };
  const seen = new Set<string>();
  const patches = new Set<string>();
  const read = (name: string, p: string | Buffer | number, size?: number): string | undefined => {
    if (size !== undefined && size > MAX_FILE_BYTES) {
      out.errors.push(`${name}: ${fileTooLargeMessage(size)}`);
      return undefined;
    }
    try {
      return readBounded(p).toString('utf8');
    } catch (e) {
      out.errors.push(e instanceof TooLarge ? `${name}: ${fileTooLargeMessage(e.size)}` : `${name}: cannot read: ${describeFsError(e)}`);
      return undefined;
    }
  };
  const visit = (p: Buffer, top: boolean) => {
    const name = displayName(p);
    if (!top && options.excluded?.(name)) return;
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      out.errors.push(`${name}: ${describeFsError(e)}`);
      return;
    }
    if (st.isDirectory()) {
      let entries: Dirent<Buffer>[];
      try {
        entries = readdirSync(p, { withFileTypes: true, encoding: 'buffer' });
      } catch (e) {
        out.errors.push(`${name}: cannot read folder: ${describeFsError(e)}`);
        return;
      }
      const chart = chartTemplatesIn(p, name, entries);
      const kustomization = entries.find((e) => e.isFile() && isKustomizationFile(e.name.toString('latin1')));
      if (kustomization) {
        out.kustomizations.push(name);
        const file = Buffer.concat([p, Buffer.from('/'), kustomization.name]);
        const text = read(displayName(file), file);
        for (const rel of text === undefined ? [] : kustomizationPatches(text)) patches.add(resolve(name, rel));
      }
      if (chart) out.charts.push(chart);
      // Names below `.` read as path.join writes them: `vs.yaml`, not `./vs.yaml`.
      const prefix = name === '.' || name === './' ? Buffer.alloc(0) : Buffer.concat([p, p[p.length - 1] === 0x2f ? Buffer.alloc(0) : Buffer.from('/')]);
      for (const ent of entries.sort((a, b) => Buffer.compare(a.name, b.name))) {
        const entName = ent.name.toString('latin1');
        if (entName === 'node_modules' || entName.startsWith('.')) continue;
        if (ent.isSymbolicLink()) continue;
        if (chart && entName === 'templates' && ent.isDirectory()) continue;
        if (ent.isDirectory() || (ent.isFile() && (options.included !== undefined || isYaml(entName)))) visit(Buffer.concat([prefix, ent.name]), false);
      }
      return;
    }
    if (!top && !(options.included ? options.included(name) : isYaml(name))) return;
    // A device (/dev/zero) would be read forever; a pipe (`<(helm template .)`) is read up to the limit.
    if (!st.isFile() && !st.isFIFO()) {
      out.errors.push(`${name}: not read: not a regular file`);
      return;
    }
    const key = resolve(name);
    if (seen.has(key)) return;
    seen.add(key);
    const text = read(name, p, st.isFile() ? st.size : undefined);
    if (text === undefined) return;
    if (st.isFIFO()) out.files.push(...splitRenderedSources(name, text));
    else out.files.push([name, text]);
  };
  for (const p of paths) {
    if (p === '-') {
      if (!stdinFiles) {
        const text = read(STDIN_NAME, 0);
        stdinFiles = text === undefined ? [] : splitRenderedSources(STDIN_NAME, text);
      }
      out.files.push(...stdinFiles);
      continue;
    }
    const inChart = chartTemplatesAbove(p);
    if (inChart) {
      out.charts.push(inChart);
      continue;
    }
    visit(Buffer.from(p), true);
  }
  if (patches.size) out.files = out.files.filter(([name]) => !patches.has(resolve(name)));
  return out;
}

/** A path named on the command line inside a chart's `templates/` folder is a template too. */
function chartTemplatesAbove(p: string): HelmChart | undefined {
  const parts = resolve(p).split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    if (parts[i] !== 'templates') continue;
    const root = parts.slice(0, i).join('/') || '/';
    if (existsSync(`${root}/Chart.yaml`)) {
      return { root: relative(process.cwd(), root) || '.', templates: countTemplates(Buffer.from(p)) };
    }
  }
  return undefined;
}
