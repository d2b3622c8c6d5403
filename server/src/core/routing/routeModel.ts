/** The route model: what the engine evaluates, shaped like Envoy's route configuration rather than
 *  like any one routing API (envoyproxy/envoy api/envoy/config/route/v3/route_components.proto:
 *  VirtualHost → ordered Route, each a RouteMatch and one action). Every routing source lowers into
 *  it: VirtualServices (fromVirtualService.ts), and the Gateway API routes as one more source. Each
 *  route keeps its provenance (source kind, resource, YAML paths of the rule and the match), which the
 *  trace, `simulate --json` (`route`, `ruleIndex`, `matchIndex`) and the analyzers report. */
import type { Destination, Fault, HeaderOps, Headers, Retries, StringMatch } from '../model/istioTypes';
import type { ResourceMeta } from '../model/resource';
import type { Path } from '../yaml/locate';
import type { RetriesResult } from './actions';
import type { PathMatch } from './match';

/** A lowered resource: its source kind is `meta.kind` (`VirtualService`, `HTTPRoute`, ...). */
export interface RouteSourceResource {
  kind: string;
  meta: ResourceMeta;
}

/** The API a route is written in: the trace names its fields in that API's words (`http[0].match[1]`
 *  and `uri` for a VirtualService, `rules[0].matches[1]` and `path` for an HTTPRoute). */
export type RouteApi = 'istio' | 'gatewayApi';

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
  /** The names written on the rule and on the match block (a VirtualService's `http[].name` and
   *  `match[].name`, an HTTPRoute rule's `name`), as messages name them; undefined when not written. */
  ruleName?: string;
  matchName?: string;
}

/** VirtualServices list their rules under `http`, `tcp` and `tls`; the Gateway API routes under `rules`. */
export function apiOf(source: RouteProvenance): RouteApi {
  return source.ruleList === 'rules' ? 'gatewayApi' : 'istio';
}

/** A step the trace shows when a route is taken, before its action: what a filter of the rule does. */
export interface RouteStep {
  message: string;
  /** YAML path of what the step is about; undefined for a note about a default. */
  at?: Path;
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

/** Conditions Istio checks when it builds a proxy's routes, not per request: a match block whose
 *  conditions do not fit the proxy is left out of its route table (istio/istio
 *  pilot/pkg/networking/core/route/route.go sourceMatchHTTP, BuildHTTPRoutesForVirtualService;
 *  core/tls.go matchTCP, matchTLS). Empty lists and maps mean no condition. */
export interface BuildConditions {
  /** The listener port the match block is for (`match.port`). */
  port?: number;
  /** Gateway names as the match block lists them; resolved to `namespace/name` in the
   *  VirtualService's namespace when the route was built for a proxy (httpRoutes.ts). */
  gateways: string[];
  /** Labels the client workload must carry. */
  sourceLabels: Record<string, string>;
  sourceNamespace?: string;
}

/** The conditions of one match block of a TCP or TLS rule (Istio L4MatchAttributes,
 *  TLSMatchAttributes), as data: the build-time ones, and the destination addresses and SNI names
 *  Envoy's filter chain match checks when a connection arrives. */
export interface L4MatchConditions extends BuildConditions {
  destinationSubnets: string[];
  sniHosts: string[];
  /** Deprecated `sourceSubnet`, which Istio does not implement: no condition, but part of what makes
   *  two matches the same (see shadowing.ts). */
  sourceSubnet?: string;
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
  /** How the trace names the backend when not by its host (a Gateway API backendRef: `namespace/name`). */
  ref?: string;
  /** The backend's own header operations (a Gateway API backendRef's header filters). With several
   *  backends they apply only to the requests sent to this one (Envoy WeightedCluster.ClusterWeight
   *  request_headers_to_add, applied before the route's); a single backend's are folded into the route
   *  (`Route.upstreamHeaders.backend`). */
  headers?: Headers;
}

/** A mirror (Envoy RequestMirrorPolicy); `percentage` undefined means 100. */
export interface MirrorPolicy {
  destination: Destination;
  percentage?: number;
  /** YAML path of the mirror (a RequestMirror filter), for the trace. */
  at?: Path;
  /** YAML path of the mirror's destination as written, for references. */
  path?: Path;
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
  /** The result names only what is rewritten (a Gateway API URLRewrite), not the path and the
   *  authority both. */
  partial?: boolean;
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
  | {
    kind: 'route'; backends: WeightedBackend[]; rewrite?: RewritePolicy; timeout?: string; retries?: Retries; mirrors: MirrorPolicy[]; backendsPath: Path;
    /** The retry policy already in the form the result reports (a Gateway API `retry`, as the
     *  HTTPRetry Istio writes for it); wins over `retries`. */
    retryPolicy?: RetriesResult;
    /** What the trace says about the timeouts and retries, after the rewrite and before the backends. */
    steps?: RouteStep[];
    /** Envoy RouteAction cluster_not_found_response_code: 503 when not set; Istio sets 500 for the
     *  Gateway API (core/route/route.go applyHTTPRouteDestination, UseGatewaySemantics). */
    clusterNotFoundStatus?: number;
  }
  | { kind: 'redirect'; redirect: RedirectPolicy }
  /** `why`: the trace's words when the source did not write the response itself. */
  | { kind: 'directResponse'; status: number; body?: string; at: Path; why?: string };

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
  /** The match block's build-time conditions; undefined when it writes none (and for sources whose
   *  matches have none: a Gateway API route's parent and port decide before its rules are read). */
  conditions?: BuildConditions;
  /** Envoy Route.stat_prefix (a VirtualService's `match.statPrefix`): names the route's statistics;
   *  no condition, but part of what makes two matches the same (see shadowing.ts). */
  statPrefix?: string;
  /** Filter steps for the trace, said when the route is taken. */
  steps?: RouteStep[];
  /** Set when the result reports the request headers as the backend receives them (`requestHeaders`);
   *  `backend` holds the operations of the one backend of the rule (Envoy applies a weighted
   *  cluster's own request_headers_to_add only for that cluster). */
  upstreamHeaders?: { backend?: HeaderOps };
}

/** The part of a route that decides which requests it takes (its match, build-time conditions and
 *  stat prefix) with its provenance: what comparing the routes of a source reads (shadowing.ts). A
 *  Route is one; a source may build this part alone when nothing reads the action. */
export type RouteMatchPart = Pick<Route, 'match' | 'conditions' | 'statPrefix' | 'source'>;

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
  /** The conditions `why` checks, as data (for the analyzers that compare rules). */
  match?: L4MatchConditions;
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

/** `namespace/name http[2].match[0]` (`HTTPRoute namespace/name rules[2].matches[0]`): a route as the
 *  trace names it. */
export function routeLabel(s: RouteProvenance, withNamespace = true): string {
  const meta = s.resource.meta;
  if (apiOf(s) === 'gatewayApi') return `${s.resource.kind} ${meta.namespace}/${meta.name} rules[${s.ruleIndex}]${s.matchIndex !== null ? `.matches[${s.matchIndex}]` : ''}`;
  const who = withNamespace ? `${meta.namespace}/${meta.name}` : meta.name;
  return `${who} ${s.ruleList}[${s.ruleIndex}]${s.matchIndex !== null ? `.match[${s.matchIndex}]` : ''}`;
}
