import { buildSnapshot, type Snapshot, type WorkspaceOptions } from '../core/workspace/snapshot';
import { LineIndex } from '../core/text/lineIndex';
import type { SeverityOverride } from '../core/settings';
import { isKubernetesFile } from '../core/workspace/kubernetesFile';
import { collectFiles, missingPaths, type CollectOptions, type LoadedFiles } from './files';
import type { HelmChart } from './helmCharts';
import { safe } from './terminal';
import type { MeshConfigInput } from '../core/workspace/meshConfig';
import { meshConfigFileInput } from './meshConfigFile';

export interface WorkspaceFlags {
  clusterDomain?: string;
  rootNamespace?: string;
  defaultNamespace?: string;
  outboundTrafficPolicy?: string;
  exclude?: string[];
  /** `--mesh-config FILE`: MeshConfig YAML, as istioctl analyze --meshConfigFile (or `meshConfig` of
   *  .istio-lens.yaml, relative to it). */
  meshConfig?: string;
  /** How the folders are scanned (.istio-lens.yaml's include and exclude, `--exclude`). */
  collect?: CollectOptions;
}

/** Flags after .istio-lens.yaml was read into them (cli/config.ts). */
export interface ConfiguredFlags extends WorkspaceFlags {
  suppress?: string[];
  severityOverrides?: Record<string, SeverityOverride>;
}

export class UsageError extends Error {}

export function workspaceOptions(flags: WorkspaceFlags): Partial<WorkspaceOptions> {
  const opts: Partial<WorkspaceOptions> = {};
  if (flags.clusterDomain) opts.clusterDomain = flags.clusterDomain;
  const overrides: NonNullable<MeshConfigInput['overrides']> = {};
  const overridesFrom: NonNullable<MeshConfigInput['overridesFrom']> = {};
  // Flags win over the mesh config of the files and of --mesh-config.
  if (flags.rootNamespace) {
    opts.rootNamespace = overrides.rootNamespace = flags.rootNamespace;
    overridesFrom.rootNamespace = '--root-namespace';
  }
  if (flags.defaultNamespace) opts.defaultNamespace = flags.defaultNamespace;
  if (flags.outboundTrafficPolicy) {
    const p = flags.outboundTrafficPolicy.toUpperCase();
    if (p !== 'ALLOW_ANY' && p !== 'REGISTRY_ONLY') throw new UsageError(`--outbound-traffic-policy must be ALLOW_ANY or REGISTRY_ONLY, not "${flags.outboundTrafficPolicy}"`);
    opts.outboundTrafficPolicy = overrides.outboundTrafficPolicy = p;
    overridesFrom.outboundTrafficPolicy = '--outbound-traffic-policy';
  }
  opts.mesh = { overrides, overridesFrom, ...(flags.meshConfig ? { file: meshConfigFileInput(flags.meshConfig) } : {}) };
  return opts;
}

/** Paths that do not exist are bad usage (exit 2) for every command. */
export function requireExisting(paths: string[]): void {
  const missing = missingPaths(paths);
  if (missing.length) throw new UsageError(missing.map((p) => `${safe(p)}: no such file or folder`).join('; '));
}

export interface LoadedWorkspace {
  snap: Snapshot;
  charts: HelmChart[];
}

/** Reads the YAML under the paths into a snapshot; unreadable paths are reported on stderr. */
export function loadWorkspace(paths: string[], flags: WorkspaceFlags, collect: CollectOptions = flags.collect ?? {}, transform?: (l: LoadedFiles) => LoadedFiles): LoadedWorkspace {
  let loaded = collectFiles(paths.length ? paths : ['.'], collect);
  if (transform) loaded = transform(loaded);
  for (const e of loaded.errors) process.stderr.write(`istio-lens: ${safe(e)}\n`);
  return { snap: buildSnapshot(loaded.files, workspaceOptions(flags)), charts: loaded.charts };
}

/** YAML that could not be read, as `file:line:col: message` lines for stderr (1-based). */
export function describeProblems(snap: Snapshot): string[] {
  const out: string[] = [];
  for (const [file, f] of snap.files) {
    if (!isKubernetesFile(f)) continue;
    const errors = f.problems.filter((p) => p.severity === 'error');
    if (!errors.length) continue;
    const idx = new LineIndex(f.source.text);
    for (const p of errors) {
      const pos = idx.positionAt(p.span.start);
      out.push(`${safe(file)}:${pos.line + 1}:${pos.character + 1}: ${safe(p.message)}`);
    }
  }
  return out;
}
