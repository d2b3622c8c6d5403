import { simulateJson } from '../core/routing/json';
import { resolveSource } from '../core/routing/source';
import { Positions } from '../core/workspace/positions';
import { outcomeSpans, parseCommandLine } from '../core/ide/simulate';
import type { FileSpan } from '../core/ide/types';
import { parseRequest } from '../core/routing/request';
import { sampleDistribution } from '../core/routing/sample';
import { simulate } from '../core/routing/simulate';
import type { Snapshot } from '../core/workspace/snapshot';
import { ResponseError } from 'vscode-languageserver/node';
import { INVALID_PARAMS, type LspLocation, type SimulateResult } from '../protocol/simulate';
import { toLocation } from './convert';

/** `istioLens/simulate`: the CLI's `simulate --json` object for a command line, with editor ranges;
 *  input errors become ResponseErrors. Reuses the CLI's source resolution and JSON rendering so both say the same thing.
 *  `preferFile`: the document whose copies of duplicated resources the engine uses (core/workspace/copies.ts). */
export function runSimulation(snap: Snapshot, commandLine: string, preferFile?: string): SimulateResult {
  const parsed = parseCommandLine(commandLine);
  if ('error' in parsed) throw new ResponseError(INVALID_PARAMS, parsed.error);
  const flags = parsed.flags;
  let res;
  try {
    const source = resolveSource(snap, flags);
    res = simulate(snap, parseRequest({ url: flags.url!, method: flags.request, headers: flags.header, sni: flags.sni, gateway: flags.gateway, source }), { preferFile });
  } catch (e) {
    // resolveSource and parseRequest throw one-line messages about the input (RequestError).
    throw new ResponseError(INVALID_PARAMS, (e as Error).message);
  }
  const distribution = flags.count ? sampleDistribution(res, Number(flags.count), flags.seed === undefined ? 1 : Number(flags.seed)) : undefined;
  // Line indexes of big files are built once per snapshot, not per request.
  const json = simulateJson(res, snap.memo('lsp.positions', () => new Positions(snap)), distribution);
  const textOf = (uri: string) => snap.files.get(uri)?.source.text;
  const loc = (s: FileSpan | undefined): LspLocation | null => (s && toLocation(s, textOf)) || null;
  const spans = outcomeSpans(res);
  const locations = {
    virtualService: loc(spans.virtualService),
    route: loc(spans.route),
    match: loc(spans.match),
    destinations: spans.destinations.map(loc),
    trace: spans.trace.map(loc),
  };
  return { ...json, locations } as unknown as SimulateResult;
}
