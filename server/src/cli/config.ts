import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, readLensConfig, type LensConfig } from '../core/lensConfig';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { pathFilter } from '../core/workspace/glob';
import type { CollectOptions } from './files';
import { safe } from './terminal';

/** The `.istio-lens.yaml` that applies to the checked paths: the first one found walking up from the
 *  first path named (from the current folder for standard input or no path). */
export function findConfigFile(paths: string[]): string | undefined {
  const first = paths.find((p) => p !== '-');
  let dir = resolve(first ?? '.');
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export interface CliConfig {
  file?: string;
  /** The folder the globs are relative to: the config file's, or the current one. */
  base: string;
  config?: LensConfig;
}

/** Reads the config file (its problems are warnings on stderr: a broken file never stops a check). */
export function loadConfig(paths: string[]): CliConfig {
  const file = findConfigFile(paths);
  if (!file) return { base: process.cwd() };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`istio-lens: warning: ${safe(file)}: not read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return { base: process.cwd() };
  }
  const config = readLensConfig(relative(process.cwd(), file) || file, text);
  for (const w of config.warnings) process.stderr.write(`istio-lens: warning: ${safe(w)}\n`);
  return { file, base: dirname(file), config };
}

/** The setting of the config file, unless a flag given on the command line says otherwise. */
export function configured<K extends keyof Settings>(cfg: CliConfig, key: K, fromCli: boolean): Settings[K] | undefined {
  if (fromCli || !cfg.config?.given.includes(key)) return undefined;
  return cfg.config.settings[key];
}

/** The folder scan under the config's `include` and `exclude` and the `--exclude` flags. */
export function collectOptions(cfg: CliConfig, excludeFlags: string[]): CollectOptions {
  const include = cfg.config?.given.includes('include') ? cfg.config.settings.include : undefined;
  const exclude = [...(cfg.config?.given.includes('exclude') ? cfg.config.settings.exclude : DEFAULT_SETTINGS.exclude), ...excludeFlags];
  const rel = (name: string) => relative(cfg.base, resolve(name)).split('\\').join('/');
  const excluded = pathFilter(['**'], exclude);
  const options: CollectOptions = { excluded: (name) => !excluded(rel(name)) };
  if (include) {
    const inc = pathFilter(include, []);
    options.included = (name) => inc(rel(name));
  }
  return options;
}
