/** schemas/*.json are generated (scripts/schemas/generate.mjs): regenerating them changes nothing,
 *  so an edit of the generator comes with its output, and no one edits the output by hand. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

describe('generated schemas', () => {
  it('regenerating schemas/*.json produces no difference', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-schemas-'));
    try {
      const r = spawnSync(process.execPath, ['scripts/schemas/generate.mjs', dir], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const fresh = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
      // Not from this generator, each held to its source by its own test: the routing test schema is
      // written by hand (test/routingtest/schema.test.ts), the config file's comes from the settings
      // module (test/cli/config.test.ts).
      const HAND_WRITTEN = ['routingtest.schema.json', 'istio-lens-config.schema.json'];
      const committed = readdirSync('schemas').filter((f) => f.endsWith('.json') && !HAND_WRITTEN.includes(f)).sort();
      assert.ok(fresh.length > 10, `the generator wrote only ${fresh.length} files`);
      assert.deepEqual(committed, fresh, 'schemas/ holds other files than the generator writes');
      const differ = fresh.filter((f) => readFileSync(join(dir, f), 'utf8') !== readFileSync(join('schemas', f), 'utf8'));
      assert.deepEqual(differ, [], 'run node scripts/schemas/generate.mjs and commit schemas/');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
