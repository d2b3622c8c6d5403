/** The floor every figure is compared with: the `yaml` package's own `parseAllDocuments` of the
 *  same text, in this process, warmed up, median of several runs. */
import { parseAllDocuments } from 'yaml';

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The p-th percentile (0–100), nearest rank: of 10 samples the p90 is the 9th smallest. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function rawParseMs(texts: string[], runs = 5): number {
  for (const t of texts.slice(0, 50)) parseAllDocuments(t);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const t of texts) parseAllDocuments(t);
    times.push(performance.now() - start);
  }
  return median(times);
}
