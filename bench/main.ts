/** `npm run bench`: performance figures, printed as a table. Benchmarks, not tests: nothing here fails a build. */
import { benchSimulate } from './simulate.bench';

const sim = benchSimulate(5000, 3);
console.log('Simulate (core engine, in process)');
console.log(`  workspace: ${sim.documents} documents, indexed in ${sim.indexMs.toFixed(0)} ms`);
console.log(`  throughput: ${sim.requestsPerSecond} requests/s over ${sim.requests} requests (target ≥ 20000)`);
