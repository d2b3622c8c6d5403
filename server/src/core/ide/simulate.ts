import type { SimResult } from '../routing/result';
import { spanAt } from '../model/resource';
import type { FileSpan } from './types';

/** Simulation for the editor: the curl-like command line of the Simulate Request box, and the YAML
 *  ranges of an outcome (the route and match that decided, each destination, each trace step). */

export interface SimulateCommandFlags {
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
}

/** Shell-like words: single quotes keep everything, double quotes allow `\"`, a backslash escapes. */
export function splitWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) return { error: `unclosed ${quote} quote` };
  if (inWord) words.push(cur);
  return { words };
}

const VALUE_FLAGS: Record<string, keyof SimulateCommandFlags> = {
  '-X': 'request', '--request': 'request', '-H': 'header', '--header': 'header', '--url': 'url', '--sni': 'sni',
  '--from': 'from', '--source-labels': 'sourceLabels', '--source-namespace': 'sourceNamespace', '--gateway': 'gateway',
  '--count': 'count', '--seed': 'seed',
};
const METHOD = /^[A-Z]+$/;

/** Parses `[METHOD] URL [flags]`. Never throws: a bad line gives a one-line error. */
export function parseCommandLine(line: string): { flags: SimulateCommandFlags } | { error: string } {
  const split = splitWords(line.trim().replace(/^curl\s+/, ''));
  if ('error' in split) return split;
  const flags: SimulateCommandFlags = { header: [] };
  const words = split.words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const eq = w.startsWith('--') ? w.indexOf('=') : -1;
    const name = eq > 0 ? w.slice(0, eq) : w;
    const field = VALUE_FLAGS[name];
    if (field) {
      const value = eq > 0 ? w.slice(eq + 1) : words[++i];
      if (value === undefined) return { error: `${name} needs a value` };
      if (field === 'header') flags.header.push(value);
      else flags[field] = value;
    } else if (w.startsWith('-')) {
      return { error: `unknown option ${w}` };
    } else if (METHOD.test(w) && !flags.request && !flags.url) {
      flags.request = w;
    } else if (!flags.url) {
      flags.url = w;
    } else {
      return { error: `unexpected "${w}": the URL is already ${flags.url}` };
    }
  }
  if (!flags.url) return { error: 'no URL: write for example GET http://svc-hello.default.svc.cluster.local:8080/v2' };
  if (!/^[a-z]+:\/\//i.test(flags.url)) flags.url = `http://${flags.url}`;
  if (flags.count !== undefined) {
    const n = Number(flags.count);
    if (!Number.isInteger(n) || n < 1 || n > 10_000_000) return { error: `--count must be a whole number from 1 to 10000000, not "${flags.count}"` };
  }
  if (flags.seed !== undefined && !Number.isInteger(Number(flags.seed))) return { error: `--seed must be a whole number, not "${flags.seed}"` };
  return { flags };
}

export interface OutcomeSpans {
  virtualService?: FileSpan;
  route?: FileSpan;
  match?: FileSpan;
  destinations: (FileSpan | undefined)[];
  trace: (FileSpan | undefined)[];
}

/** The YAML behind an outcome, as spans: the VirtualService route or the Gateway API rule that decided. */
export function outcomeSpans(res: SimResult): OutcomeSpans {
  const out: OutcomeSpans = {
    destinations: [],
    trace: res.trace.map((s) => (s.file && s.span ? { file: s.file, span: s.span } : undefined)),
  };
  const g = res.gatewayApiRoute;
  if (g) {
    // A Gateway API rule decided: its rule, its match block and its backendRefs.
    const at = (path: readonly (string | number)[]): FileSpan => ({ file: g.resource.meta.file, span: spanAt(g.resource.meta, [...path]) });
    out.route = at(g.rulePath);
    if (g.matchIndex !== null && res.route?.matchPath) out.match = at(res.route.matchPath);
    out.destinations = res.destinations.map((d) => (d.index === undefined ? undefined : at([...g.rulePath, 'backendRefs', d.index])));
    return out;
  }
  const vs = res.virtualService;
  if (!vs) return out;
  const at = (path: (string | number)[]): FileSpan => ({ file: vs.meta.file, span: spanAt(vs.meta, path) });
  out.virtualService = at([]);
  const kind = res.httpRouteIndex !== null ? 'http' : res.tcpRouteIndex !== null ? 'tcp' : res.tlsRouteIndex !== null ? 'tls' : undefined;
  const index = res.httpRouteIndex ?? res.tcpRouteIndex ?? res.tlsRouteIndex;
  if (!kind || index === null) return out;
  const routePath = ['spec', kind, index];
  out.route = at(routePath);
  if (res.matchIndex !== null) out.match = at([...routePath, 'match', res.matchIndex]);
  out.destinations = res.destinations.map((d, i) => at([...routePath, 'route', d.index ?? i, 'destination']));
  return out;
}
