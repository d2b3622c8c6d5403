import { obj } from '../model/coerce';
import type { SimResult } from '../routing/result';
import { sampleDistribution } from '../routing/sample';
import { resolveShortname } from '../workspace/hosts';
import { qualifyPod } from './destinationExpectations';
import type { CompareContext, Diff } from './expectations';

/** `expect.sample`: what share of `count` identical requests (seeded, so a run is repeatable) reaches
 *  each pod or destination, within `tolerance` percentage points. Pods not listed are expected at 0 %. */

const FIELDS = ['count', 'seed', 'tolerance', 'pods', 'destinations', 'aborted', 'unavailable'];
const DEFAULTS = { count: 1000, seed: 1, tolerance: 5 };
const MAX_COUNT = 1_000_000;

const isPercent = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 100;

export function checkSample(v: unknown): string | undefined {
  const o = obj(v);
  if (!o) return 'expected a map with count, seed, tolerance and pods and/or destinations (percentages)';
  const extra = Object.keys(o).find((k) => !FIELDS.includes(k));
  if (extra) return `unknown field "${extra}"; known: ${FIELDS.join(', ')}`;
  if (o.count !== undefined && !(Number.isInteger(o.count) && (o.count as number) >= 1 && (o.count as number) <= MAX_COUNT)) return `count must be a whole number from 1 to ${MAX_COUNT}`;
  if (o.seed !== undefined && !Number.isInteger(o.seed)) return 'seed must be a whole number';
  if (o.tolerance !== undefined && !isPercent(o.tolerance)) return 'tolerance is in percentage points (0-100)';
  if (o.pods === undefined && o.destinations === undefined && o.aborted === undefined && o.unavailable === undefined) return 'say what to expect: pods, destinations, aborted or unavailable';
  if (o.pods !== undefined && (!obj(o.pods) || !Object.values(obj(o.pods)!).every(isPercent))) return 'pods maps pod names to percentages';
  if (o.destinations !== undefined) {
    if (!Array.isArray(o.destinations)) return 'destinations lists {host, subset, port, percent}';
    for (const [i, d] of o.destinations.entries()) {
      const x = obj(d);
      if (!x || typeof x.host !== 'string' || !isPercent(x.percent)) return `destinations[${i}] needs a host and a percent`;
    }
  }
  for (const k of ['aborted', 'unavailable']) if (o[k] !== undefined && !isPercent(o[k])) return `${k} is a percentage`;
  return undefined;
}

const round = (x: number) => Math.round(x * 10) / 10;

export function compareSample(v: unknown, res: SimResult, ctx: CompareContext): Diff[] {
  const o = obj(v)!;
  const count = (o.count as number | undefined) ?? DEFAULTS.count;
  const seed = (o.seed as number | undefined) ?? DEFAULTS.seed;
  const tolerance = (o.tolerance as number | undefined) ?? DEFAULTS.tolerance;
  const dist = sampleDistribution(res, count, seed);
  const out: Diff[] = [];
  const check = (field: string, path: (string | number)[], expected: number, n: number) => {
    const actual = round((n / count) * 100);
    if (Math.abs(actual - expected) > tolerance) out.push({ field, expected, actual, path, note: `± ${tolerance} points; ${n} of ${count} requests, seed ${seed}` });
  };
  if (o.pods !== undefined) {
    const expected = new Map(Object.entries(obj(o.pods)!).map(([k, pct]) => [qualifyPod(k, ctx.namespace), { written: k, pct: pct as number }]));
    const got = new Map(dist.pods.map((p) => [p.pod, p.count]));
    for (const pod of new Set([...expected.keys(), ...got.keys()])) {
      const e = expected.get(pod);
      check(`sample.pods[${pod}]`, e ? ['pods', e.written] : ['pods'], e?.pct ?? 0, got.get(pod) ?? 0);
    }
  }
  if (Array.isArray(o.destinations)) {
    o.destinations.forEach((d, i) => {
      const x = obj(d)!;
      const host = resolveShortname(String(x.host), ctx.namespace, ctx.clusterDomain);
      const n = dist.destinations
        .filter((a) => a.host === host && (x.subset === undefined || (x.subset ?? null) === a.subset) && (x.port === undefined || x.port === a.port))
        .reduce((s, a) => s + a.count, 0);
      check(`sample.destinations[${host}${typeof x.subset === 'string' ? '/' + x.subset : ''}]`, ['destinations', i, 'percent'], x.percent as number, n);
    });
  }
  if (o.aborted !== undefined) check('sample.aborted', ['aborted'], o.aborted as number, dist.aborted);
  if (o.unavailable !== undefined) check('sample.unavailable', ['unavailable'], o.unavailable as number, dist.unavailable);
  return out;
}
