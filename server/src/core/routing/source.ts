import type { Snapshot } from '../workspace/snapshot';
import { RequestError, type RequestSource } from './request';

export interface SourceFlags {
  from?: string;
  sourceLabels?: string;
  sourceNamespace?: string;
}

export function parseLabels(s: string): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) throw new RequestError(`--source-labels expects k=v,k=v; "${part}" has no "="`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** The client: a pod or workload of the workspace (`--from ns/name`), refined by the source flags. */
export function resolveSource(snap: Snapshot, flags: SourceFlags): RequestSource {
  const source: RequestSource = { namespace: snap.options.defaultNamespace, labels: {} };
  if (flags.from) {
    const [ns, name] = flags.from.includes('/') ? flags.from.split('/', 2) : [snap.options.defaultNamespace, flags.from];
    const w = snap.workloads.find((x) => x.namespace === ns && x.name === name && !x.fromTemplate)
      ?? snap.workloads.find((x) => x.namespace === ns && x.name === name);
    if (!w) throw new RequestError(`--from ${flags.from}: no Pod or workload ${ns}/${name} in the workspace`);
    source.namespace = ns;
    source.labels = { ...w.labels };
    source.workload = `${ns}/${name}`;
  }
  if (flags.sourceNamespace) source.namespace = flags.sourceNamespace;
  if (flags.sourceLabels) source.labels = { ...source.labels, ...parseLabels(flags.sourceLabels) };
  return source;
}

