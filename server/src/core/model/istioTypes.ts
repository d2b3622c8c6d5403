/** Typed shapes of the networking.istio.io fields the engine and analyzers read.
 *  Every element keeps its index so that its YAML path (and so its span) can be rebuilt. */

export type StringMatchKind = 'exact' | 'prefix' | 'regex' | 'present';

export interface StringMatch {
  kind: StringMatchKind;
  value: string;
}

export interface HttpMatch {
  index: number;
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers: Record<string, StringMatch>;
  withoutHeaders: Record<string, StringMatch>;
  queryParams: Record<string, StringMatch>;
  ignoreUriCase: boolean;
  port?: number;
  sourceLabels: Record<string, string>;
  sourceNamespace?: string;
  /** Raw gateway names as written; resolve with the VirtualService's namespace. */
  gateways: string[];
  /** Envoy's stat_prefix for the route: no condition. */
  statPrefix?: string;
}

export interface Destination {
  host: string;
  subset?: string;
  port?: number;
}

export interface HeaderOps {
  set: Record<string, string>;
  add: Record<string, string>;
  remove: string[];
}

export interface Headers {
  request?: HeaderOps;
  response?: HeaderOps;
}

export interface RouteDestination {
  index: number;
  destination: Destination;
  weight?: number;
  headers?: Headers;
}

export interface Redirect {
  uri?: string;
  authority?: string;
  port?: number;
  derivePort?: string;
  scheme?: string;
  redirectCode?: number;
}

export interface Rewrite {
  uri?: string;
  authority?: string;
  uriRegexRewrite?: { match: string; rewrite: string };
}

export interface Fault {
  delay?: { fixedDelay?: string; exponentialDelay?: string; percentage?: number; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; percentage?: number };
}

export interface Retries {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
  /** Envoy retry_back_off.base_interval, as written. */
  backoff?: string;
}

export interface Mirror {
  destination: Destination;
  /** Percent of requests mirrored; undefined means Istio's default, 100. */
  percentage?: number;
}

export interface HttpRoute {
  index: number;
  name?: string;
  /** Undefined when the route has no `match` (a catch-all). */
  match?: HttpMatch[];
  route: RouteDestination[];
  redirect?: Redirect;
  directResponse?: { status?: number; body?: string };
  delegate?: { name: string; namespace?: string };
  rewrite?: Rewrite;
  timeout?: string;
  retries?: Retries;
  fault?: Fault;
  mirrors: Mirror[];
  headers?: Headers;
  corsPolicy?: Record<string, unknown>;
}

export interface L4Match {
  index: number;
  destinationSubnets: string[];
  port?: number;
  sourceLabels: Record<string, string>;
  sourceNamespace?: string;
  gateways: string[];
  sniHosts: string[];
  /** Deprecated and not implemented by Istio; kept for comparing matches. */
  sourceSubnet?: string;
}

export interface L4Route {
  index: number;
  match?: L4Match[];
  route: RouteDestination[];
}

export interface PortSelector {
  number?: number;
}

export interface Subset {
  index: number;
  name: string;
  labels: Record<string, string>;
  trafficPolicy?: Record<string, unknown>;
}
