// `npm run fuzz [-- --cases N --seed S]`: 100,000 fuzz cases by default. The test suite
// runs 1,000 of the same cases (test/robustness/fuzz.test.ts).
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/robustness/harness/fuzzRun.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
