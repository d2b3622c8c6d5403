import type { SimResult } from './result';

/** `--count N --seed S`: what N identical requests would do. Destinations are drawn by weight with a
 *  seeded generator; endpoints by the cluster's load balancer — ROUND_ROBIN in turn, LEAST_REQUEST
 *  (Istio's default; with equal load it picks like a uniform draw) and RANDOM by a seeded uniform
 *  draw, a consistent hash always to one endpoint for identical requests. */
export interface Distribution {
  count: number;
  seed: number;
  destinations: { host: string; subset: string | null; port: number; count: number }[];
  pods: { pod: string; count: number }[];
  /** The same counts keyed by pod, for scripts. */
  byPod: Record<string, number>;
  /** Requests aborted by fault injection (never reach a destination). */
  aborted: number;
  /** Requests that found no endpoint (Envoy answers 503). */
  unavailable: number;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleDistribution(res: SimResult, count: number, seed: number): Distribution {
  const rand = seededRandom(seed);
  const dests = res.destinations.map((d) => ({ host: d.host, subset: d.subset, port: d.port, count: 0 }));
  const pods = new Map<string, number>();
  const turn = new Map<number, number>();
  let aborted = 0;
  let unavailable = 0;
  const total = res.destinations.reduce((s, d) => s + d.weight, 0);
  const abortPct = res.fault?.abort?.percent ?? 0;
  for (let i = 0; i < count; i++) {
    if (abortPct > 0 && rand() * 100 < abortPct) {
      aborted++;
      continue;
    }
    if (!res.destinations.length || total <= 0) {
      unavailable++;
      continue;
    }
    let x = rand() * total;
    let di = 0;
    while (di < res.destinations.length - 1 && x >= res.destinations[di].weight) x -= res.destinations[di++].weight;
    dests[di].count++;
    const d = res.destinations[di];
    if (!d.endpoints.length) {
      unavailable++;
      continue;
    }
    let ei = 0;
    if (d.loadBalancer === 'ROUND_ROBIN') {
      ei = (turn.get(di) ?? 0) % d.endpoints.length;
      turn.set(di, ei + 1);
    } else if (d.loadBalancer !== 'CONSISTENT_HASH') ei = Math.floor(rand() * d.endpoints.length);
    const ep = d.endpoints[ei];
    const key = ep.pod ?? `${ep.ip ?? 'original-destination'}:${ep.port ?? ''}`;
    pods.set(key, (pods.get(key) ?? 0) + 1);
  }
  const sorted = [...pods.entries()].map(([pod, n]) => ({ pod, count: n })).sort((a, b) => b.count - a.count || (a.pod < b.pod ? -1 : 1));
  return { count, seed, destinations: dests, aborted, unavailable, pods: sorted, byPod: Object.fromEntries(sorted.map((p) => [p.pod, p.count])) };
}
