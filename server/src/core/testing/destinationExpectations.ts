import { obj } from '../model/coerce';
import type { ResolvedDestination } from '../routing/destinations';
import type { SimResult } from '../routing/result';
import { resolveShortname } from '../workspace/hosts';
import type { CompareContext, Diff } from './expectations';

/** `expect.destinations` (order-insensitive, short hosts in the test's namespace) and `expect.pods`. */

export interface ExpectedDestination {
  host: string;
  /** undefined: not compared; null: no subset. */
  subset?: string | null;
  port?: number;
  weight?: number;
}

const DEST_FIELDS = ['host', 'subset', 'port', 'weight'];

export function checkDestinations(v: unknown): string | undefined {
  if (!Array.isArray(v)) return 'expected a list of {host, subset, port, weight} ([] for none)';
  for (const [i, d] of v.entries()) {
    const o = obj(d);
    if (!o || typeof o.host !== 'string' || !o.host) return `[${i}] needs a host`;
    const extra = Object.keys(o).find((k) => !DEST_FIELDS.includes(k));
    if (extra) return `[${i}]: unknown field "${extra}"; known: ${DEST_FIELDS.join(', ')}`;
    if (o.subset !== undefined && o.subset !== null && typeof o.subset !== 'string') return `[${i}].subset must be a name or null`;
    if (o.port !== undefined && !(Number.isInteger(o.port) && (o.port as number) > 0)) return `[${i}].port must be a port number`;
    if (o.weight !== undefined && !(typeof o.weight === 'number' && o.weight >= 0 && o.weight <= 100)) return `[${i}].weight must be a percentage (0-100)`;
  }
  return undefined;
}

export function describeDestination(d: ExpectedDestination | ResolvedDestination): string {
  let s = d.host;
  if (d.subset) s += ` subset ${d.subset}`;
  if (d.port !== undefined) s += ` port ${d.port}`;
  if (d.weight !== undefined) s += ` weight ${d.weight}`;
  return s;
}

function sameIdentity(e: ExpectedDestination, a: ResolvedDestination): boolean {
  return e.host === a.host && (e.subset === undefined || (e.subset ?? null) === a.subset);
}

function matches(e: ExpectedDestination, a: ResolvedDestination): boolean {
  return sameIdentity(e, a) && (e.port === undefined || e.port === a.port) && (e.weight === undefined || e.weight === a.weight);
}

/** A one-to-one pairing of expected and actual destinations under `fits`, if there is one. */
function pair(expected: ExpectedDestination[], actual: ResolvedDestination[], fits: typeof matches): number[] | undefined {
  if (expected.length !== actual.length) return undefined;
  const used = new Set<number>();
  const chosen: number[] = [];
  const go = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used.has(j) || !fits(expected[i], actual[j])) continue;
      used.add(j);
      chosen[i] = j;
      if (go(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  return go(0) ? chosen : undefined;
}

export function compareDestinations(v: unknown, res: SimResult, ctx: CompareContext): Diff[] {
  const expected: ExpectedDestination[] = (v as unknown[]).map((d) => {
    const o = obj(d)!;
    return {
      host: resolveShortname(String(o.host), ctx.namespace, ctx.clusterDomain),
      subset: o.subset === undefined ? undefined : (o.subset as string | null),
      port: o.port as number | undefined,
      weight: o.weight as number | undefined,
    };
  });
  const actual = res.destinations;
  if (pair(expected, actual, matches)) return [];
  // Same destinations, other ports or weights: one line per differing field reads best.
  const byIdentity = pair(expected, actual, sameIdentity);
  if (byIdentity) {
    const out: Diff[] = [];
    expected.forEach((e, i) => {
      const a = actual[byIdentity[i]];
      const name = `destinations[${e.host}${a.subset ? '/' + a.subset : ''}]`;
      if (e.port !== undefined && e.port !== a.port) out.push({ field: `${name}.port`, expected: e.port, actual: a.port, path: [i, 'port'] });
      if (e.weight !== undefined && e.weight !== a.weight) out.push({ field: `${name}.weight`, expected: e.weight, actual: a.weight, path: [i, 'weight'] });
    });
    return out;
  }
  return [{ field: 'destinations', expected: expected.map(describeDestination), actual: actual.map(describeDestination) }];
}

export function checkPods(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.some((p) => typeof p !== 'string' || !p)) return 'expected a list of pod names ("name" or "namespace/name"; [] for none)';
  return undefined;
}

/** The pods that may receive the request: the endpoints of every destination that gets traffic. */
export function receivingPods(res: SimResult): string[] {
  const pods = new Set<string>();
  for (const d of res.destinations) {
    if (d.weight <= 0) continue;
    for (const e of d.endpoints) pods.add(e.pod ?? `${e.ip ?? 'original-destination'}:${e.port ?? ''}`);
  }
  return [...pods].sort();
}

export function qualifyPod(name: string, ns: string): string {
  return name.includes('/') ? name : `${ns}/${name}`;
}

export function comparePods(v: unknown, res: SimResult, ctx: CompareContext): Diff[] {
  const expected = [...new Set((v as string[]).map((p) => qualifyPod(p, ctx.namespace)))].sort();
  const actual = receivingPods(res);
  const missing = expected.filter((p) => !actual.includes(p));
  const extra = actual.filter((p) => !expected.includes(p));
  if (!missing.length && !extra.length) return [];
  const note = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : ''].filter(Boolean).join('; ');
  return [{ field: 'pods', expected, actual, note }];
}
