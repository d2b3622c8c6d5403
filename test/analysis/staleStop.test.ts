/** Cancelling stale work (docs/performance.md): the language server stops an analysis between two analyzers when a
 *  newer edit has come (server/src/lsp/diagnosticsEngine.ts). Stopping must leave the incremental
 *  analysis as it was: the next analysis, of a later text, still says exactly what analyze() says. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type Finding } from '../../server/src/core/analysis';
import type { Analyzer } from '../../server/src/core/analysis/analyzer';
import { IncrementalAnalysis } from '../../server/src/core/analysis/incremental';
import { ANALYZERS } from '../../server/src/core/analysis/registry';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

const canonical = (findings: Finding[]) => findings.map((f) => JSON.stringify(f)).sort();

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: reviews, namespace: shop}\nspec:\n  selector: {app: reviews}\n  ports: [{name: http, port: 9080}]\n';
const pods = ['v1', 'v2'].map((v) => `apiVersion: v1\nkind: Pod\nmetadata: {name: reviews-${v}, namespace: shop, labels: {app: reviews, version: ${v}}}\n`).join('---\n');
const rule = (subsets: string) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews, namespace: shop}\nspec:\n  host: reviews\n  subsets: [${subsets}]\n`;
const routes = (subset: string, rewrite = '') => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews, namespace: shop}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: ${subset}}\n${rewrite}`;

class Stop extends Error {}

describe('an incremental analysis stopped for a newer edit', () => {
  // Versions of the workspace: each analysed in turn; the middle one is stopped after `k` analyzers.
  const versions = [
    [rule('{name: v1, labels: {version: v1}}'), routes('v1')],
    [rule('{name: v1, labels: {version: v1}}, {name: v3, labels: {version: v3}}'), routes('v3', '    rewrite: {uri: /x}\n')],
    [rule('{name: v2, labels: {version: v2}}'), routes('v1')],
  ].map(([dr, vs]) => buildSnapshot([['mesh.yaml', [service, pods].join('---\n')], ['rules.yaml', `${dr}---\n${vs}`]]));

  for (const k of [0, 1, Math.floor(ANALYZERS.length / 2), ANALYZERS.length - 1]) {
    it(`after ${k} analyzers, the next analysis still equals analyze()`, () => {
      const inc = new IncrementalAnalysis();
      inc.analyze(versions[0]);
      let calls = 0;
      assert.throws(() => inc.analyze(versions[1], {}, () => {
        if (calls++ === k) throw new Stop();
      }), Stop);
      assert.deepEqual(canonical(inc.analyze(versions[2])), canonical(analyze(versions[2])));
      // And the stopped version itself, analysed again in full order.
      assert.deepEqual(canonical(inc.analyze(versions[1])), canonical(analyze(versions[1])));
    });
  }

  it('keeps what an analyzer read before, not what it read in the stopped run', () => {
    // Reads the VirtualServices only while a DestinationRule has host `watch`, and counts them.
    const counting: Analyzer = {
      name: 'test.counting', reads: ['DestinationRule'], scope: 'resource',
      run(ctx) {
        for (const dr of ctx.all('DestinationRule')) {
          if (dr.host !== 'watch') continue;
          const text = `${ctx.snap.virtualServices.length} VirtualServices`;
          ctx.report({ type: { code: 'TEST', name: 'Counting', severity: 'info', description: '', docsUrl: '' }, text }, dr.meta, ['spec', 'host']);
        }
      },
    };
    const dr = (host: string) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\nspec:\n  host: ${host}\n`;
    const vss = (n: number) => Array.from({ length: n }, (_, i) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v${i}}\nspec:\n  hosts: [h${i}]\n`).join('---\n');
    const snap = (host: string, n: number) => buildSnapshot([['dr.yaml', dr(host)], ['vs.yaml', vss(n)]]);
    const inc = new IncrementalAnalysis([counting]);
    assert.deepEqual(inc.analyze(snap('watch', 1)).map((f) => f.message), ['1 VirtualServices']);
    // Runs in full (a VirtualService changed) without reading the VirtualServices, then is stopped.
    assert.throws(() => inc.analyze(snap('other', 2), {}, (() => {
      let calls = 0;
      return () => {
        if (calls++ === 1) throw new Stop();
      };
    })()), Stop);
    // Against the first version, the VirtualServices changed: they were read for its finding.
    assert.deepEqual(inc.analyze(snap('watch', 3)).map((f) => f.message), ['3 VirtualServices']);
  });
});
