/** The route model: what the engine evaluates, shaped like Envoy's route configuration rather than
 *  like any one routing API (envoyproxy/envoy api/envoy/config/route/v3/route_components.proto:
 *  VirtualHost → ordered Route, each a RouteMatch and one action). Every routing source lowers into
 *  it: VirtualServices (fromVirtualService.ts), and the Gateway API routes as one more source. Each
 *  route keeps its provenance (source kind, resource, YAML paths of the rule and the match), which the
 *  trace, `simulate --json` (`route`, `ruleIndex`, `matchIndex`) and the analyzers report. */
import type { Destination, Fault, Headers, Retries, StringMatch } from '../model/istioTypes';
import type { ResourceMeta } from '../model/resource';
import type { Path } from '../yaml/locate';
import type { PathMatch } from './match';

/** A lowered resource: its source kind is `meta.kind` (`VirtualService`, `HTTPRoute`, ...). */
export interface RouteSourceResource {
  kind: string;
  meta: ResourceMeta;
}

/** Where a route comes from. */
export interface RouteProvenance {
  /** The resource the rule is written in (namespace, name, file and YAML document in `meta`). */
  resource: RouteSourceResource;
  /** The list the rule is in, as the trace names it: `http`, `tcp`, `tls` (VirtualService), `rules`. */
  ruleList: string;
  ruleIndex: number;
  /** YAML path of the rule from the resource root. */
  rulePath: Path;
  /** Index and YAML path of the match block that decides; null/undefined for a rule without matches. */
  matchIndex: number | null;
  matchPath?: Path;
  /** A VirtualService route delegated from a root: the root and the index of its `delegate` rule. */
  root?: { resource: RouteSourceResource; ruleIndex: number };
}

/** One header condition (Envoy HeaderMatcher). `invert` matches when the condition does not hold; an
 *  inverted value condition treats a missing header as empty (Envoy treat_missing_header_as_empty). */
export interface HeaderCondition {
  name: string;
  match: StringMatch;
  invert: boolean;
}

/** Envoy RouteMatch: the request conditions checked at run time, in this order. `:scheme`, `:method`
 *  and `:authority` are headers to Envoy; they are kept apart to say which one failed. */
export interface RouteMatch {
  path?: PathMatch;
  /** Path matching ignores case (Envoy RouteMatch case_sensitive: false); not for regex. */
  ignoreCase: boolean;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers: HeaderCondition[];
  queryParams: { name: string; match: StringMatch }[];
}

/** A backend of a weighted route (Envoy WeightedCluster.ClusterWeight). */
export interface WeightedBackend {
  destination: Destination;
  /** As written; a single backend takes all traffic whatever its weight (see shares.ts). */
  weight?: number;
  /** Position in the rule's backend list, YAML path of the backend and of its destination. */
  index: number;
  path: Path;
  destinationPath: Path;
  /** Why the backend cannot take traffic (a Gateway API backendRef to a missing or not permitted
   *  Service): its share is answered with 500 by Envoy. */
  invalid?: string;
}

/** A mirror (Envoy RequestMirrorPolicy); `percentage` undefined means 100. */
export interface MirrorPolicy {
  destination: Destination;
  percentage?: number;
}

/** Path rewrite: Envoy prefix_rewrite (the matched prefix, or the whole path for an exact or regex
 *  match, is replaced), a full-path replacement, or regex_rewrite (every match replaced). */
export type PathRewrite =
  | { kind: 'prefix'; value: string }
  | { kind: 'full'; value: string }
  | { kind: 'regex'; pattern: string; substitution: string };

export interface RewritePolicy {
  path?: PathRewrite;
  /** `:authority` sent upstream (Envoy host_rewrite_literal). */
  host?: string;
  /** YAML path of the rewrite, for the trace. */
  at: Path;
}

/** Envoy RedirectAction. `code` as written (0 or undefined: the source's default). */
export interface RedirectPolicy {
  scheme?: string;
  host?: string;
  port?: number;
  /** FROM_REQUEST_PORT or FROM_PROTOCOL_DEFAULT (Istio HTTPRedirect.derivePort). */
  derivePort?: string;
  path?: { kind: 'full' | 'prefix'; value: string };
  code?: number;
  /** The status when `code` is not set (301 for a VirtualService, 302 for the Gateway API). */
  defaultCode: number;
  at: Path;
  codeAt: Path;
}

/** What a matched route does (Envoy Route.action). */
export type RouteAction =
  | { kind: 'route'; backends: WeightedBackend[]; rewrite?: RewritePolicy; timeout?: string; retries?: Retries; mirrors: MirrorPolicy[]; backendsPath: Path }
  | { kind: 'redirect'; redirect: RedirectPolicy }
  | { kind: 'directResponse'; status: number; body?: string; at: Path };

/** One route: a match, an action, what applies to it either way, and where it comes from. */
export interface Route {
  /** Undefined: the rule has no match conditions and catches every request. */
  match?: RouteMatch;
  action: RouteAction;
  /** Request and response header operations (Envoy request_headers_to_add/remove ...). */
  headers?: Headers;
  fault?: Fault;
  corsPolicy?: Record<string, unknown>;
  source: RouteProvenance;
}

/** Envoy VirtualHost: the routes for the request's host, tried in order (first match wins). */
export interface VirtualHost {
  /** The domains it answers, for the trace. */
  domains: string[];
  routes: Route[];
  /** The resource that owns the host (a 404 names it). */
  owner?: RouteSourceResource;
}

/** A route of a TCP or TLS listener (Envoy filter chain match → tcp_proxy): the conditions are
 *  checked when the connection arrives; the first route whose conditions hold takes it. */
export interface L4Condition {
  /** Why the connection does not match, or undefined when it does. */
  why: (conn: L4Connection) => string | undefined;
  path: Path;
  index: number;
}

export interface L4Connection {
  labels: Record<string, string>;
  namespace: string;
  gatewayName: string;
  listenerPort: number;
  sni?: string;
  destinationIp?: string;
}

export interface L4RouteEntry {
  /** Empty: the route takes every connection. */
  conditions: L4Condition[];
  backends: WeightedBackend[];
  source: RouteProvenance;
}

/** Envoy Listener for one port: its virtual hosts (HTTP) or its L4 routes (TCP, TLS). */
export interface Listener {
  port: number;
  protocol: 'http' | 'tcp' | 'tls';
  virtualHosts: VirtualHost[];
  l4Routes: L4RouteEntry[];
}

/** `namespace/name http[2].match[0]`: a route as the trace names it. */
export function routeLabel(s: RouteProvenance, withNamespace = true): string {
  const meta = s.resource.meta;
  const who = withNamespace ? `${meta.namespace}/${meta.name}` : meta.name;
  return `${who} ${s.ruleList}[${s.ruleIndex}]${s.matchIndex !== null ? `.match[${s.matchIndex}]` : ''}`;
}
