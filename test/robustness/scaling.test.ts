/** Never hang: analysis time grows about linearly with the workspace. A quadratic check is a
 *  hang on a large repository (the diagnostics never arrive; `istio-lens check` never ends). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAnalyzers } from '../../server/src/core/analysis/analyzer';
import { ANALYZERS } from '../../server/src/core/analysis/registry';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { realisticManifest } from './harness/hostile';
import { cpuMs } from '../helpers/cpu';

function slowestAnalyzers(text: string): { total: number; slow: string[] } {
  const snap = buildSnapshot([['x.yaml', text]]);
  const slow: string[] = [];
  let total = 0;
  for (const a of ANALYZERS) {
    const { ms } = cpuMs(() => runAnalyzers(snap, [a]));
    total += ms;
    if (ms > 500) slow.push(`${a.name} ${ms.toFixed(0)} ms of CPU`);
  }
  return { total, slow };
}

const vs = (i: number, host: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: vs${i} }\nspec:\n  hosts: [h${i}.example.com]\n  http:\n  - route: [{ destination: { host: ${host} } }]\n---\n`;
const svc = (i: number) => `apiVersion: v1\nkind: Service\nmetadata: { name: svc${i} }\nspec: { ports: [{ port: 80, name: http }] }\n---\n`;

describe('analysis scales', () => {
  it('a generated mesh of 2 MB (about 5,000 documents) is analysed in under 5 s', { timeout: 60_000 }, () => {
    const { total, slow } = slowestAnalyzers(realisticManifest(2 * 1048576));
    assert.ok(total < 5_000, `${total} ms: ${slow.join(', ')}`);
  });

  // Owner: core/analysis (virtualservice/destinationHosts.ts suggestHost: `nearest` over every registry
  // hostname for every unresolved host; 500 pairs take 1.8 s, 1,000 take 7.2 s here).
  it('500 VirtualServices whose hosts resolve to nothing, beside 500 Services, are analysed in under 1 s', { timeout: 60_000 }, () => {
    const text = Array.from({ length: 500 }, (_, i) => svc(i) + vs(i, `missing${i}.example.com`)).join('');
    const { total, slow } = slowestAnalyzers(text);
    assert.ok(total < 1_000, `${total} ms: ${slow.join(', ')}`);
  });
});
