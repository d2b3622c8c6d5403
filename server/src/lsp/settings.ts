import { compileRe2 } from '../core/routing/regex';
import type { Severity } from '../core/analysis';
import type { WorkspaceOptions } from '../core/workspace/snapshot';

/** The `istioLens.*` settings the VS Code client sends (initializationOptions.settings, then
 *  workspace/didChangeConfiguration); see client/src/settings.ts. Everything is optional. */
export interface ServerSettings {
  defaultNamespace?: string;
  clusterDomain?: string;
  rootNamespace?: string;
  outboundTrafficPolicy?: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  include?: string[];
  exclude?: string[];
  severityOverrides?: Record<string, Severity | 'off'>;
}

export function workspaceOptionsOf(s: ServerSettings): Partial<WorkspaceOptions> {
  const out: Partial<WorkspaceOptions> = {};
  if (s.defaultNamespace) out.defaultNamespace = s.defaultNamespace;
  if (s.clusterDomain) out.clusterDomain = s.clusterDomain;
  if (s.rootNamespace) out.rootNamespace = s.rootNamespace;
  if (s.outboundTrafficPolicy === 'ALLOW_ANY' || s.outboundTrafficPolicy === 'REGISTRY_ONLY') out.outboundTrafficPolicy = s.outboundTrafficPolicy;
  return out;
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
export function pathFilter(s: ServerSettings): (relative: string) => boolean {
  const include = (s.include?.length ? s.include : ['**/*.yaml', '**/*.yml']).map(globToRegExp);
  const exclude = (s.exclude ?? []).map(globToRegExp);
  return (p) => include.some((r) => r.test(p)) && !exclude.some((r) => r.test(p) || r.test(`${p}/`));
}
