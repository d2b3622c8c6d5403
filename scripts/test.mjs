// Runs every test/**/*.test.ts with node's test runner (Node 20 does not expand globs itself).
// Extra arguments filter files by substring: `npm test -- routing`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'e2e' || e.name === 'fixtures' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// A test file that leaves a handle open would keep its process, and so CI, waiting forever:
// a watchdog ends the run (and fails it) after LENS_TEST_TIMEOUT_MIN minutes (default 30).
const minutes = Number(process.env.LENS_TEST_TIMEOUT_MIN ?? 30);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  timeout: minutes * 60_000,
  killSignal: 'SIGKILL',
});
if (r.error) console.error(`test run stopped: ${r.error.message} (over ${minutes} minutes?)`);
process.exit(r.status ?? 1);
