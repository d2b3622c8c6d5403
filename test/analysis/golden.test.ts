/** The goldens guard the analyzers' and the IDE's output only while a test run cannot rewrite them:
 *  `UPDATE_GOLDEN=0` (or any value but 1) must compare, not write. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { assertGolden } from '../helpers/golden';

describe('golden files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'istio-lens-golden-'));
  const saved = process.env.UPDATE_GOLDEN;
  after(() => {
    if (saved === undefined) delete process.env.UPDATE_GOLDEN;
    else process.env.UPDATE_GOLDEN = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  for (const value of [undefined, '0', 'false', '']) {
    it(`UPDATE_GOLDEN=${value ?? '(unset)'} compares: a different output fails and the golden stays`, () => {
      const path = join(dir, 'kept.golden');
      writeFileSync(path, 'expected\n');
      if (value === undefined) delete process.env.UPDATE_GOLDEN;
      else process.env.UPDATE_GOLDEN = value;
      assert.throws(() => assertGolden(path, 'actual\n'), /differs/);
      assert.equal(readFileSync(path, 'utf8'), 'expected\n');
    });
  }

  it('UPDATE_GOLDEN=1 rewrites the golden', () => {
    const path = join(dir, 'rewritten.golden');
    writeFileSync(path, 'expected\n');
    process.env.UPDATE_GOLDEN = '1';
    assertGolden(path, 'actual\n');
    assert.equal(readFileSync(path, 'utf8'), 'actual\n');
  });

  it('a missing golden is written and the test fails, so it is read once', () => {
    const path = join(dir, 'new.golden');
    delete process.env.UPDATE_GOLDEN;
    assert.throws(() => assertGolden(path, 'first\n'), /did not exist/);
    assert.equal(readFileSync(path, 'utf8'), 'first\n');
  });
});
