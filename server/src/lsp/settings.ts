import { compileRe2 } from '../core/routing/regex';
import { DEFAULT_SETTINGS, formatSettingWarning, snapshotOptionsOf, validateSettings, type Settings } from '../core/settings';
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

export interface GlobMatcher {
  test(path: string): boolean;
}

/** A glob (`**`, `*`, `?`, `{a,b}`) as a regular expression over `/`-separated relative paths, run by
 *  RE2: the globs come from workspace settings (a repository's own, untrusted ones included), and a
 *  backtracking engine takes seconds per path on a few repeated `**` segments. */
export function globToRegExp(globText: string): GlobMatcher {
  const glob = globText.replace(/(\*\*\/)+/g, '**/');
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const compiled = compileRe2(re);
  return { test: (path) => compiled?.matches(path) ?? false };
}

/** Does a workspace-relative path pass the include and exclude globs? */
export function pathFilter(s: Partial<Pick<Settings, 'include' | 'exclude'>>): (relative: string) => boolean {
  const include = (s.include?.length ? s.include : DEFAULT_SETTINGS.include).map(globToRegExp);
  const exclude = (s.exclude ?? []).map(globToRegExp);
  return (p) => include.some((r) => r.test(p)) && !exclude.some((r) => r.test(p) || r.test(`${p}/`));
}
