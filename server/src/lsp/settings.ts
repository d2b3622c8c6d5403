import { DEFAULT_SETTINGS, formatSettingWarning, snapshotOptionsOf, validateSettings, type Settings } from '../core/settings';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAMES, readLensConfig, type LensConfig } from '../core/lensConfig';
import { pathFilter as globFilter } from '../core/workspace/glob';
import type { WorkspaceOptions } from '../core/workspace/snapshot';

/** The `istioLens.*` settings as the server holds them: validated, complete (core/settings.ts). */
export type ServerSettings = Settings;

/** Settings from the client (initializationOptions, workspace/didChangeConfiguration): any JSON.
 *  What cannot be used is left at `base`'s value (the defaults) and described in `warnings`,
 *  each naming its setting. */
export function readServerSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS): { settings: Settings; warnings: string[] } {
  const r = validateSettings(raw, base);
  return { settings: r.settings, warnings: r.warnings.map((w) => `Istio Lens: ${formatSettingWarning(w)}`) };
}

export function workspaceOptionsOf(s: Readonly<Settings>): WorkspaceOptions {
  return snapshotOptionsOf(s);
}

export { globToRegExp, type GlobMatcher } from '../core/workspace/glob';

/** Does a workspace-relative path pass the include and exclude globs? */
export function pathFilter(s: Partial<Pick<Settings, 'include' | 'exclude'>>): (relative: string) => boolean {
  return globFilter(s.include?.length ? s.include : DEFAULT_SETTINGS.include, s.exclude ?? []);
}

/** `.istio-lens.yaml` (or `.yml`) at the root of a workspace folder, read as the CLI reads it. */
export function readFolderConfig(folderUri: string | undefined): LensConfig | undefined {
  if (!folderUri?.startsWith('file:')) return undefined;
  for (const name of CONFIG_FILE_NAMES) {
    let text: string;
    try {
      const path = join(fileURLToPath(folderUri), name);
      if (statSync(path).size > 1024 * 1024) return { ...readLensConfig(name, ''), warnings: [`${name}: not read: over 1 MB`] };
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    return readLensConfig(name, text);
  }
  return undefined;
}
