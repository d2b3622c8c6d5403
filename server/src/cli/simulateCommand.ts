import type { SimulateCommandFlags } from '../core/ide/simulate';
import { parseRequest, RequestError } from '../core/routing/request';
import { resolveSource } from '../core/routing/source';
import { sampleDistribution } from '../core/routing/sample';
import { simulate } from '../core/routing/simulate';
import { Positions } from '../core/workspace/positions';
import { simulateJson } from '../core/routing/json';
import { simulateText } from './renderSimulate';
import { safe, safeLines } from './terminal';
import { describeProblems, loadWorkspace, requireExisting, UsageError, type WorkspaceFlags } from './workspace';

/** The request flags are the ones the editor's Simulate Request box parses too. */
export interface SimulateFlags extends WorkspaceFlags, SimulateCommandFlags {
  json?: boolean;
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
  // An empty method or gateway would silently simulate something else (no method, the mesh).
  if (flags.request !== undefined && !flags.request.trim()) throw new UsageError('-X/--request needs a method, for example -X POST');
  if (flags.gateway !== undefined && !flags.gateway.trim()) throw new UsageError('--gateway needs mesh or NAMESPACE/NAME');
  const sampling = parseCount(flags);
  requireExisting(paths);
  const { snap } = loadWorkspace(paths, flags);
  // Broken documents are reported and left out; the rest of the workspace still routes.
  for (const line of describeProblems(snap)) process.stderr.write(`istio-lens: warning: ${line} (the rest of the workspace is still used)\n`);
  let req;
  try {
    req = parseRequest({
      url: flags.url, method: flags.request, headers: flags.header, sni: flags.sni,
      gateway: flags.gateway, source: resolveSource(snap, flags),
    });
  } catch (e) {
    if (e instanceof RequestError) throw new UsageError(safe(e.message));
    throw e;
  }
  const res = simulate(snap, req);
  const distribution = sampling ? sampleDistribution(res, sampling.count, sampling.seed) : undefined;
  const pos = new Positions(snap);
  process.stdout.write(flags.json ? JSON.stringify(simulateJson(res, pos, distribution), null, 2) + '\n' : safeLines(simulateText(res, pos, distribution)) + '\n');
  return 0;
}
