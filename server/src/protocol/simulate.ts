/** Custom requests of the Istio Lens language server, typed once for the server and the VS Code
 *  client. Plain types and method names only (no runtime dependency), so both bundles can import it.
 *  The names below are stable: the client and other tools rely on them.
 *
 *  `istioLens/simulate` — simulate a request against the workspace, as `istio-lens simulate --json`.
 *    params:  SimulateParams  { uri?, commandLine, preferFile? }
 *             commandLine is curl-like: `[METHOD] URL [flags]`, with the CLI's flags:
 *             -X/--request METHOD, -H/--header 'Name: value' (repeatable), --url URL, --sni NAME,
 *             --from ns/pod, --source-labels k=v,k=v, --source-namespace NS, --gateway ns/name,
 *             --count N, --seed S. Example:
 *             `GET http://svc-hello.default.svc.cluster.local:8080/v2 -H 'x-user: jason' --from default/httpbin`
 *    result:  SimulateResult: the CLI's `--json` object plus `locations` (LSP ranges of the YAML that
 *             decided). Over LSP its `file` fields hold document URIs (the CLI prints paths) and
 *             its `line` fields stay 1-based as in the CLI; `locations` use 0-based LSP ranges. A bad command line (unknown flag, malformed URL, `--from` naming no pod)
 *             fails the request with a ResponseError, code -32602 (InvalidParams), whose message
 *             is one line for people.
 *
 *  `istioLens/simulateCommandLine` — a prefilled command line for the VirtualService under the cursor
 *             (its first host and port, a request matching the http route under the cursor, a client
 *             from the workspace), or for the HTTPRoute or GRPCRoute under the cursor (a request
 *             matching the rule under the cursor, through the listener or Service it attached to).
 *    params:  SimulateCommandLineParams { uri, position }
 *    result:  SimulateCommandLineResult | null (null when the cursor is not in a VirtualService)
 *
 *  Code lenses above http routes, and above each rule of an HTTPRoute or GRPCRoute (two per route,
 *  resolved lazily with codeLens/resolve): a summary (`/v2* → svc-hello-v2 100%`, no command) and `▶ Simulate`, whose command is `istioLens.simulate`
 *  with one argument `{ uri, commandLine, prompt? }` (a SimulateParams; `prompt: true` on
 *  "▶ Simulate (edit the request to match)"); the client binds it to its Simulate Request command. */

export const SIMULATE_METHOD = 'istioLens/simulate';
export const SIMULATE_COMMAND_LINE_METHOD = 'istioLens/simulateCommandLine';
/** The command id code lenses carry. */
export const SIMULATE_COMMAND = 'istioLens.simulate';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface LspLocation {
  uri: string;
  range: LspRange;
}

export interface SimulateParams {
  /** The document the request was started from. The whole workspace is simulated; for a resource
   *  defined in several files, this document's copy is used unless `preferFile` says otherwise. */
  uri?: string;
  commandLine: string;
  /** The document (URI) whose copies of resources defined in several files are used; defaults to `uri`.
   *  Without either, the last copy in path order is used (docs/workspace.md); the trace says which. */
  preferFile?: string;
  /** Code lenses only: the editor shows the command line to edit before it runs (the route's
   *  request could not be built to match, e.g. a regex). Ignored by the server. */
  prompt?: boolean;
}

/** Where the outcome came from, as editor ranges. */
export interface SimulateLocations {
  /** The VirtualService that decided (its whole document). */
  virtualService: LspLocation | null;
  /** The http/tcp/tls route that matched, or the Gateway API rule (`rules[i]`). */
  route: LspLocation | null;
  /** The match block that matched (null for a route without `match`). */
  match: LspLocation | null;
  /** Each destination's `destination` block (a Gateway API rule's backendRef), in `result.destinations` order. */
  destinations: (LspLocation | null)[];
  /** One per `result.trace` step, null for steps that point at no YAML. */
  trace: (LspLocation | null)[];
}

export type SimEndpoint = { pod: string | null; ip: string | null; port: number | null; fromTemplate?: string };
export type SimDestination = {
  host: string; subset: string | null; port: number; weight: number; endpoints: SimEndpoint[];
  clusterExists?: boolean; clusterMissing?: string; [k: string]: unknown;
};

export type SimMirror = {
  host?: string; subset?: string | null; port?: number; cluster: string; percent: number; missing?: string;
  clusterExists?: boolean; endpoints?: SimEndpoint[]; authority?: string; shadowAuthority?: string; [k: string]: unknown;
};

/** The CLI's `simulate --json` object (see docs/cli-json.md) with `locations`. */
export interface SimulateJson {
  /** The request as the engine read it (the authority and path after parsing, the client's namespace and labels). */
  request: {
    scheme: string; authority: string; port: number; method: string; path: string; query: string | null;
    headers: Record<string, string>; sni?: string | null; source: { namespace: string; labels: Record<string, string>; workload?: string }; gateway: string;
  };
  action: 'route' | 'redirect' | 'directResponse' | 'noRoute' | 'passthrough' | 'blackhole' | 'defaultService';
  status: number | null;
  /** A connection that never gets an HTTP answer (`status` is null then); null otherwise. */
  connection?: 'refused' | 'closed' | 'reset' | null;
  protocol: string;
  virtualService: { namespace: string; name: string; file: string; line: number | null } | null;
  httpRouteIndex: number | null;
  matchIndex: number | null;
  tcpRouteIndex: number | null;
  tlsRouteIndex: number | null;
  destinations: SimDestination[];
  /** `:path` (with the query) and `:authority` sent upstream, when the route rewrites them. */
  rewrite: { path: string; authority: string } | null;
  redirect: { location: string; status: number } | null;
  directResponse: { status: number; body: string | null } | null;
  fault: { abort: { status: number | null; grpcStatus?: string; percent: number } | null; delay: { duration: string; percent: number } | null } | null;
  /** e.g. `2s`; null when the route has none. */
  timeout: string | null;
  /** The effective retry policy (Istio's default: 2 attempts). */
  retries: { attempts: number; perTryTimeout: string | null; retryOn: string | null; retriableStatusCodes?: number[] } | null;
  /** Request mirrors: the copy's Host (`authority`; `shadowAuthority` with Envoy's `-shadow` suffix,
   *  which Istio 1.27 and older add) and the mirror cluster's endpoints. */
  mirrors?: SimMirror[];
  trace: { message: string; file: string | null; line: number | null }[];
  distribution?: { count: number; seed: number; pods: { pod: string; count: number }[]; [k: string]: unknown };
  locations: SimulateLocations;
  [k: string]: unknown;
}

export type SimulateResult = SimulateJson;

/** The error code of a request that fails because of its input (JSON-RPC InvalidParams). */
export const INVALID_PARAMS = -32602;

export interface SimulateCommandLineParams {
  uri: string;
  position: LspPosition;
}

export interface SimulateCommandLineResult {
  commandLine: string;
  /** The VirtualService, or the Gateway API route, the request was built for. */
  virtualService: { namespace: string; name: string };
  /** The http route the request was built for, when the cursor is in one. */
  httpRouteIndex: number | null;
  /** For an HTTPRoute or GRPCRoute: the route and the rule the request was built for. */
  route?: { kind: string; namespace: string; name: string; ruleIndex: number };
}
