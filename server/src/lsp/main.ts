import { isMainThread, workerData } from 'node:worker_threads';
import { runDiagnosticsWorker } from './diagnosticsWorker';
import { startServer } from './server';

/** Entry of dist/server.js: the language server, or (in a worker thread of it) the diagnostics worker. */
const ROLE = 'istio-lens-diagnostics';
if (!isMainThread && (workerData as { role?: string } | undefined)?.role === ROLE) runDiagnosticsWorker();
else startServer(typeof __filename === 'string' && __filename.endsWith('.js') ? { script: __filename, workerData: { role: ROLE } } : undefined);
