/** Every analyzer, through fixtures: test/analysis/fixtures/<analyzer name>/{valid,invalid}.yaml.
 *  The first line of each fixture cites the Istio source of the rule. `valid.yaml` must give no finding
 *  at any severity from the analyzer under test, and no error or warning from any analyzer (a false
 *  positive fails); `invalid.yaml` must make this analyzer report, and
 *  the whole output of analyze() is compared with `invalid.golden` (source line and carets). */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, ANALYZERS } from '../../server/src/core/analysis';
import { runAnalyzers } from '../../server/src/core/analysis/analyzer';
import { workspace } from '../helpers/workspace';
import { assertGolden, renderFindings } from './golden';

const DIR = 'test/analysis/fixtures';

for (const a of ANALYZERS) {
  describe(`analyzer ${a.name}`, () => {
    const dir = join(DIR, a.name);
    it('has a valid and an invalid fixture citing their source', () => {
      for (const f of ['valid.yaml', 'invalid.yaml']) {
        const p = join(dir, f);
        assert.ok(existsSync(p), `missing ${p}`);
        assert.match(readFileSync(p, 'utf8').split('\n')[0], /^# .*(istio|envoy|kubernetes)/i, `${p}: first line must cite the source of the rule`);
      }
    });

    it('reports nothing, at any severity, on the valid fixture', () => {
      const snap = workspace(readFileSync(join(dir, 'valid.yaml'), 'utf8'));
      assert.equal(renderFindings(snap, runAnalyzers(snap, [a])), '\n');
    });

    it('the valid fixture gets no error or warning from any analyzer', () => {
      const snap = workspace(readFileSync(join(dir, 'valid.yaml'), 'utf8'));
      const bad = analyze(snap).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.equal(renderFindings(snap, bad), '\n');
    });

    it('reports the invalid fixture as in invalid.golden', () => {
      const snap = workspace(readFileSync(join(dir, 'invalid.yaml'), 'utf8'));
      assert.ok(runAnalyzers(snap, [a]).length > 0, `${a.name} reports nothing on invalid.yaml`);
      assertGolden(join(dir, 'invalid.golden'), renderFindings(snap, analyze(snap)));
    });
  });
}
