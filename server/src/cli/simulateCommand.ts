import { parseRequest, RequestError, type RequestSource } from '../core/routing/request';
import { sampleDistribution } from '../core/routing/sample';
import { simulate } from '../core/routing/simulate';
import type { Snapshot } from '../core/workspace/snapshot';
import { Positions } from './positions';
import { simulateJson, simulateText } from './renderSimulate';
import { describeProblems, loadWorkspace, UsageError, type WorkspaceFlags } from './workspace';

export interface SimulateFlags extends WorkspaceFlags {
  url?: string;
  request?: string;
  header: string[];
  sni?: string;
  from?: string;
  sourceLabels?: string;
  sourceNamespace?: string;
  gateway?: string;
  count?: string;
  seed?: string;
  json?: boolean;
}

function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) throw new UsageError(`--source-labels expects k=v,k=v; "${part}" has no "="`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** The client: a pod or workload of the workspace (`--from ns/name`), refined by the source flags. */
export function resolveSource(snap: Snapshot, flags: Pick<SimulateFlags, 'from' | 'sourceLabels' | 'sourceNamespace'>): RequestSource {
  const source: RequestSource = { namespace: snap.options.defaultNamespace, labels: {} };
  if (flags.from) {
    const [ns, name] = flags.from.includes('/') ? flags.from.split('/', 2) : [snap.options.defaultNamespace, flags.from];
    const w = snap.workloads.find((x) => x.namespace === ns && x.name === name && !x.fromTemplate)
      ?? snap.workloads.find((x) => x.namespace === ns && x.name === name);
    if (!w) throw new UsageError(`--from ${flags.from}: no Pod or workload ${ns}/${name} in the workspace`);
    source.namespace = ns;
    source.labels = { ...w.labels };
    source.workload = `${ns}/${name}`;
  }
  if (flags.sourceNamespace) source.namespace = flags.sourceNamespace;
  if (flags.sourceLabels) source.labels = { ...source.labels, ...parseLabels(flags.sourceLabels) };
  return source;
}

function parseCount(flags: SimulateFlags): { count: number; seed: number } | undefined {
  if (flags.count === undefined) return undefined;
  const count = Number(flags.count);
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) throw new UsageError(`--count must be a whole number from 1 to 10000000, not "${flags.count}"`);
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${flags.seed}"`);
  return { count, seed };
}

export function runSimulate(paths: string[], flags: SimulateFlags): number {
  if (!flags.url) throw new UsageError('simulate needs --url URL (for example --url http://svc-hello.default.svc.cluster.local:8080/v2)');
  const sampling = parseCount(flags);
  const snap = loadWorkspace(paths, flags);
  // Broken documents are reported and left out; the rest of the workspace still routes.
  for (const line of describeProblems(snap)) process.stderr.write(`istio-lens: warning: ${line} (the rest of the workspace is still used)\n`);
  let req;
  try {
    req = parseRequest({
      url: flags.url, method: flags.request, headers: flags.header, sni: flags.sni,
      gateway: flags.gateway, source: resolveSource(snap, flags),
    });
  } catch (e) {
    if (e instanceof RequestError) throw new UsageError(e.message);
    throw e;
  }
  const res = simulate(snap, req);
  const distribution = sampling ? sampleDistribution(res, sampling.count, sampling.seed) : undefined;
  const pos = new Positions(snap);
  process.stdout.write(flags.json ? JSON.stringify(simulateJson(res, pos, distribution), null, 2) + '\n' : simulateText(res, pos, distribution) + '\n');
  return 0;
}
