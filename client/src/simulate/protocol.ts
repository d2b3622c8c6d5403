/** The client's view of `istioLens/simulate` (typed once in server/src/protocol): the protocol types
 *  plus the CLI contract's fields the client renders (shared/notes/cli-contract.md), which the
 *  protocol carries as extra fields. */
import type { SimulateJson } from '../../../server/src/protocol/simulate';

export {
  SIMULATE_COMMAND, SIMULATE_COMMAND_LINE_METHOD, SIMULATE_METHOD,
  type LspLocation, type LspRange, type SimulateCommandLineParams, type SimulateCommandLineResult,
  type SimulateParams, type SimulateResult,
} from '../../../server/src/protocol/simulate';

export type SimEndpoint = { pod: string | null; ip: string | null; port: number | null; fromTemplate?: string };
export type SimDestination = {
  host: string; subset: string | null; port: number; weight: number; endpoints: SimEndpoint[];
  clusterExists?: boolean; clusterMissing?: string;
};

export interface Simulation extends SimulateJson {
  request: {
    scheme: string; authority: string; port: number; method: string; path: string; query: string | null;
    headers: Record<string, string>; source: { namespace: string; labels: Record<string, string>; workload?: string }; gateway: string;
  };
  action: 'route' | 'redirect' | 'directResponse' | 'noRoute' | 'passthrough' | 'blackhole' | 'defaultService';
  destinations: SimDestination[];
  rewrite: { path?: string | null; authority?: string | null } | null;
  redirect: { location: string; status: number } | null;
  directResponse: { status: number; body: string | null } | null;
  fault: { abort: { status?: number; grpcStatus?: string; percent: number } | null; delay: { duration: string; percent: number } | null } | null;
  timeout: string | null;
  retries: { attempts: number; perTryTimeout: string | null; retryOn: string | null } | null;
  mirrors?: { cluster: string; percent: number }[];
}
