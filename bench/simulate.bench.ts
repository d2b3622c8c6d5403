/** Simulate throughput on an indexed 5,000-document workspace (target: at least 20,000 requests/s). */
import { parseRequest } from '../server/src/core/routing/request';
import { simulate } from '../server/src/core/routing/simulate';
import { buildSnapshot } from '../server/src/core/workspace/snapshot';
import { generateMesh } from './generate';

export interface SimulateFigures {
  documents: number;
  indexMs: number;
  requests: number;
  requestsPerSecond: number;
}

export function benchSimulate(documents = 5000, seconds = 3): SimulateFigures {
  const mesh = generateMesh(documents);
  const t0 = performance.now();
  const snap = buildSnapshot([['mesh.yaml', mesh.text]]);
  const indexMs = performance.now() - t0;
  const paths = ['/', '/api/v2/items', '/v2/abc', '/other?x=1'];
  const reqs = mesh.hosts.slice(0, 200).flatMap((h, i) =>
    paths.map((p) => parseRequest({ url: `http://${h}:8080${p}`, headers: i % 3 === 0 ? ['x-user: tester'] : [], source: { namespace: h.split('.')[1], labels: {} } })),
  );
  for (let i = 0; i < 2000; i++) simulate(snap, reqs[i % reqs.length]);
  let count = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) simulate(snap, reqs[(count + i) % reqs.length]);
    count += 100;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { documents: mesh.documents, indexMs, requests: count, requestsPerSecond: Math.round(count / elapsed) };
}
