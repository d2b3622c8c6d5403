import { buildSnapshot, type Snapshot, type WorkspaceOptions } from '../core/workspace/snapshot';
import { LineIndex } from '../core/text/lineIndex';
import { collectFiles } from './files';

export interface WorkspaceFlags {
  clusterDomain?: string;
  rootNamespace?: string;
  defaultNamespace?: string;
  outboundTrafficPolicy?: string;
}

export class UsageError extends Error {}

export function workspaceOptions(flags: WorkspaceFlags): Partial<WorkspaceOptions> {
  const opts: Partial<WorkspaceOptions> = {};
  if (flags.clusterDomain) opts.clusterDomain = flags.clusterDomain;
  if (flags.rootNamespace) opts.rootNamespace = flags.rootNamespace;
  if (flags.defaultNamespace) opts.defaultNamespace = flags.defaultNamespace;
  if (flags.outboundTrafficPolicy) {
    const p = flags.outboundTrafficPolicy.toUpperCase();
    if (p !== 'ALLOW_ANY' && p !== 'REGISTRY_ONLY') throw new UsageError(`--outbound-traffic-policy must be ALLOW_ANY or REGISTRY_ONLY, not "${flags.outboundTrafficPolicy}"`);
    opts.outboundTrafficPolicy = p;
  }
  return opts;
}

/** Reads the YAML under the paths into a snapshot; unreadable paths are reported on stderr. */
export function loadWorkspace(paths: string[], flags: WorkspaceFlags): Snapshot {
  const loaded = collectFiles(paths.length ? paths : ['.']);
  for (const e of loaded.errors) process.stderr.write(`istio-lens: ${e}\n`);
  return buildSnapshot(loaded.files, workspaceOptions(flags));
}

/** YAML that could not be read, as `file:line:col: message` lines for stderr (1-based). */
export function describeProblems(snap: Snapshot): string[] {
  const out: string[] = [];
  for (const [file, f] of snap.files) {
    const errors = f.problems.filter((p) => p.severity === 'error');
    if (!errors.length) continue;
    const idx = new LineIndex(f.source.text);
    for (const p of errors) {
      const pos = idx.positionAt(p.span.start);
      out.push(`${file}:${pos.line + 1}:${pos.character + 1}: ${p.message}`);
    }
  }
  return out;
}
