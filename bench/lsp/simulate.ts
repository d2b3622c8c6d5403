/** `istioLens/simulate` over LSP: requests per second with a window of requests in flight, as a
 *  client that fires several simulations would see it (JSON-RPC and serialization included). */
import type { LspClient } from './client';

export interface LspSimulateFigures {
  requests: number;
  requestsPerSecond: number;
  medianMs: number;
  error?: string;
}

export async function benchLspSimulate(client: LspClient, uri: string, hosts: string[], seconds = 3, window = 16): Promise<LspSimulateFigures> {
  const paths = ['/', '/api/v2/items', '/v2/abc', '/other?x=1'];
  const lines = hosts.slice(0, 200).flatMap((h, i) =>
    paths.map((p) => `GET http://${h}:8080${p}${i % 3 === 0 ? " -H 'x-user: tester'" : ''} --source-namespace ${h.split('.')[1]}`));
  try {
    const probe = await client.request('istioLens/simulate', { uri, commandLine: lines[0] }, 10_000);
    if (probe.result && probe.result.ok === false) return { requests: 0, requestsPerSecond: 0, medianMs: NaN, error: String(probe.result.error) };
  } catch (e) {
    return { requests: 0, requestsPerSecond: 0, medianMs: NaN, error: (e as Error).message };
  }
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const r = await client.request('istioLens/simulate', { uri, commandLine: lines[next++ % lines.length] }, 10_000);
      times.push(r.ms);
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { requests: times.length, requestsPerSecond: Math.round(times.length / elapsed), medianMs: times[times.length >> 1] };
}
