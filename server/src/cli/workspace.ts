import { buildSnapshot, type Snapshot, type WorkspaceOptions } from '../core/workspace/snapshot';
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
