/** Golden files: `UPDATE_GOLDEN=1` (and only that value) rewrites them, and a reviewer reads the
 *  diff; any other value, `UPDATE_GOLDEN=0` included, compares. A missing golden is written and the
 *  test fails, so a new golden is always looked at once. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function updatingGoldens(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_GOLDEN === '1';
}

export function assertGolden(path: string, actual: string): void {
  const updating = updatingGoldens();
  if (updating || !existsSync(path)) {
    writeFileSync(path, actual);
    if (!updating) assert.fail(`golden ${path} did not exist; written — review it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs (UPDATE_GOLDEN=1 rewrites it)`);
}
