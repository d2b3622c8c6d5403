import type { Endpoint } from './destinations';
import type { SimResult } from './result';
import type { LoadBalancer } from './trafficPolicy';

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
  /** The copies each mirror received, apart from the requests above (which count answered requests only). */
  mirrors: MirrorCopies[];
}

/** Copies of the sampled requests sent to one mirror. Envoy draws one number per request (its stream
 *  id) and mirrors to each policy whose percentage it falls under (source/common/router/router.cc
 *  FilterUtility::shouldShadow), and copies only requests the router forwards to a healthy host of the
 *  route's cluster (Filter::decodeHeaders returns before the shadows otherwise); a mirror whose cluster
 *  does not exist gets no copy (shadow_writer_impl.cc). */
export interface MirrorCopies {
  host: string;
  subset: string | null;
  port: number;
  cluster: string;
  percent: number;
  /** Copies sent to the mirror's cluster. */
  count: number;
  /** Copies by pod of the mirror's cluster. */
  pods: { pod: string; count: number }[];
  /** Copies that found no endpoint of the mirror's cluster (they fail; the client never sees it). */
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
  const mirror = mirrorSampler(res, seed);
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
    const key = podKey(ep);
    pods.set(key, (pods.get(key) ?? 0) + 1);
    mirror.copy();
  }
  const sorted = sortPods(pods);
  return { count, seed, destinations: dests, aborted, unavailable, pods: sorted, byPod: Object.fromEntries(sorted.map((p) => [p.pod, p.count])), mirrors: mirror.result() };
}

function podKey(ep: Endpoint): string {
  return ep.pod ?? `${ep.ip ?? 'original-destination'}:${ep.port ?? ''}`;
}

function sortPods(pods: Map<string, number>): { pod: string; count: number }[] {
  return [...pods.entries()].map(([pod, n]) => ({ pod, count: n })).sort((a, b) => b.count - a.count || (a.pod < b.pod ? -1 : 1));
}

/** Picks an endpoint as the cluster's load balancer would (see sampleDistribution). */
function pick(endpoints: Endpoint[], lb: LoadBalancer, rand: () => number, turn: { n: number }): Endpoint {
  if (lb === 'ROUND_ROBIN') return endpoints[turn.n++ % endpoints.length];
  if (lb === 'CONSISTENT_HASH') return endpoints[0];
  return endpoints[Math.floor(rand() * endpoints.length)];
}

/** Counts the copies of forwarded requests. Its own generator, so the draws of the answered
 *  requests (and their counts for a seed) are the same with or without mirrors. */
function mirrorSampler(res: SimResult, seed: number): { copy(): void; result(): MirrorCopies[] } {
  const rand = seededRandom(seed ^ 0x5bd1e995);
  const state = res.mirrors.map((m) => ({ m, count: 0, unavailable: 0, pods: new Map<string, number>(), turn: { n: 0 } }));
  return {
    copy() {
      // router.cc: the CONNECT method is never mirrored.
      if (!state.length || res.request.method === 'CONNECT') return;
      const draw = rand() * 100;
      for (const s of state) {
        if (s.m.missing || draw >= s.m.percent) continue;
        s.count++;
        if (!s.m.endpoints.length) {
          s.unavailable++;
          continue;
        }
        const key = podKey(pick(s.m.endpoints, s.m.loadBalancer, rand, s.turn));
        s.pods.set(key, (s.pods.get(key) ?? 0) + 1);
      }
    },
    result: () => state.map((s) => ({
      host: s.m.host, subset: s.m.subset, port: s.m.port, cluster: s.m.cluster, percent: s.m.percent,
      count: s.count, pods: sortPods(s.pods), unavailable: s.unavailable,
    })),
  };
}
