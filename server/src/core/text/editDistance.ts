/** Edit distances (Levenshtein: insertions, deletions, substitutions) for "did you mean". */

/** The edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** Edit distance when it is at most `limit`, else `limit + 1`: only the diagonal band can stay
 *  within the limit, so the cost is O(length × limit) instead of O(length²). */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const INF = limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : INF));
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(INF);
    if (i <= limit) cur[0] = i;
    let rowMin = cur[0];
    for (let j = Math.max(1, i - limit); j <= Math.min(b.length, i + limit); j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), INF);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin >= INF) return INF;
    prev = cur;
  }
  return Math.min(prev[b.length], INF);
}

/** Spellings `nearest` takes for the same name: case, `_` and `-` aside. */
export const nearestForm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');

/** How many edits `nearest` allows by default: more for longer words. */
export const nearestLimit = (word: string) => (word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3);

/** The nearest candidate a person probably meant: same letters ignoring case/underscores, or a
 *  small edit distance relative to the length. Linear in the candidates (a workspace has thousands). */
export function nearest(word: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  const limit = maxDistance ?? nearestLimit(word);
  const w = word.toLowerCase();
  const nw = nearestForm(word);
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const d = nearestForm(c) === nw ? 0 : boundedEditDistance(w, c.toLowerCase(), Math.min(limit, bestD - 1));
    if (d < bestD) {
      best = c;
      bestD = d;
      if (d === 0) break;
    }
  }
  return best !== undefined && bestD <= limit ? best : undefined;
}
