/** Typed shapes of the Kubernetes Gateway API kinds (gateway.networking.k8s.io), with the CRD defaults
 *  applied at lowering (kubernetes-sigs/gateway-api apis/v1 `+kubebuilder:default` markers): the files
 *  people keep in git do not carry them, while Istio's translator reads them as the API server stores them.
 *  Every element keeps `path`, its YAML path from the resource root (for a defaulted element, the path of
 *  the nearest field that is written), so a span can be rebuilt with `spanAt(meta, path)`. */
import type { ResourceMeta } from '../model/resource';
import type { Path } from '../yaml/locate';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The versions of each kind an API server serves with the v1.6.0 CRDs (kubernetes-sigs/gateway-api
 *  config/crd/experimental): a document of another version never reaches Istio. */
export const GATEWAY_API_VERSIONS = {
  GatewayClass: ['v1', 'v1beta1'],
  Gateway: ['v1', 'v1beta1'],
  HTTPRoute: ['v1', 'v1beta1'],
  GRPCRoute: ['v1'],
  TCPRoute: ['v1', 'v1alpha2'],
  TLSRoute: ['v1', 'v1alpha3', 'v1alpha2'],
  ReferenceGrant: ['v1', 'v1beta1'],
} as const;

export type GatewayApiKindName = keyof typeof GATEWAY_API_VERSIONS;

/** An element of a resource, with its YAML path. `defaulted` marks one the CRD defaults made. */
export interface Located {
  path: Path;
  defaulted?: boolean;
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface GatewayClass {
  kind: 'GatewayClass';
  meta: ResourceMeta;
  controllerName: string;
}

export interface RouteGroupKind extends Located {
  group: string;
  kind: string;
}

export interface Listener extends Located {
  index: number;
  name: string;
  port?: number;
  protocol: string;
  hostname?: string;
  /** Present when the listener has a `tls` block; `mode` defaults to Terminate. */
  tls?: { mode: string; certificateRefs: { group: string; kind: string; name: string; namespace?: string }[] } & Located;
  allowedRoutes: {
    /** Same (default), All or Selector. */
    from: string;
    selector?: LabelSelector;
    /** Where `from` is written (the listener when defaulted). */
    fromPath: Path;
    /** Empty when `kinds` is not written (every kind the protocol supports). */
    kinds: RouteGroupKind[];
  };
}

/** A Gateway API Gateway. Its kind is distinct from Istio's `Gateway` (networking.istio.io); `meta.kind`
 *  stays `Gateway`, as written. */
export interface KubernetesGateway {
  kind: 'KubernetesGateway';
  meta: ResourceMeta;
  gatewayClassName: string;
  listeners: Listener[];
}

export interface ParentRef extends Located {
  index: number;
  /** Defaults `gateway.networking.k8s.io` / `Gateway`. */
  group: string;
  kind: string;
  name: string;
  /** The route's namespace when not written. */
  namespace: string;
  sectionName?: string;
  port?: number;
}

export interface HeaderValue {
  name: string;
  value: string;
}

export interface HeaderModifier extends Located {
  set: HeaderValue[];
  add: HeaderValue[];
  remove: string[];
}

export interface PathModifier extends Located {
  /** ReplaceFullPath or ReplacePrefixMatch. */
  type: string;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

export interface BackendObjectRef extends Located {
  /** Defaults `""` (core) / `Service`. */
  group: string;
  kind: string;
  name: string;
  /** The route's namespace when not written. */
  namespace: string;
  namespaceWritten: boolean;
  port?: number;
}

export interface RouteFilter extends Located {
  index: number;
  type: string;
  requestHeaderModifier?: HeaderModifier;
  responseHeaderModifier?: HeaderModifier;
  requestRedirect?: {
    scheme?: string;
    hostname?: string;
    /** The `path` field (renamed: `path` is the YAML path of every element). */
    pathModifier?: PathModifier;
    port?: number;
    /** 302 when not written (CRD default). */
    statusCode: number;
  } & Located;
  urlRewrite?: { hostname?: string; pathModifier?: PathModifier } & Located;
  requestMirror?: { backendRef: BackendObjectRef; percent?: number; fraction?: { numerator: number; denominator: number } } & Located;
  cors?: CorsFilter;
}

/** HTTPCORSFilter (gateway-api apis/v1/httproute_types.go). */
export interface CorsFilter extends Located {
  allowOrigins: string[];
  allowCredentials?: boolean;
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Seconds; 5 when not written (CRD default). */
  maxAge: number;
}

export interface BackendRef extends BackendObjectRef {
  index: number;
  /** 1 when not written (CRD default). */
  weight: number;
  filters: RouteFilter[];
}

export interface ValueMatch extends Located {
  name: string;
  /** Exact (default) or RegularExpression. */
  type: string;
  value: string;
}

export interface HTTPPathMatch extends Located {
  /** Exact, PathPrefix (default) or RegularExpression. */
  type: string;
  /** `/` when not written. */
  value: string;
}

export interface HTTPRouteMatch extends Located {
  index: number;
  pathMatch: HTTPPathMatch;
  headers: ValueMatch[];
  queryParams: ValueMatch[];
  method?: string;
}

export interface RouteTimeouts extends Located {
  request?: string;
  backendRequest?: string;
}

export interface RouteRetry extends Located {
  codes: number[];
  attempts?: number;
  backoff?: string;
}

export interface HTTPRouteRule extends Located {
  index: number;
  name?: string;
  /** `[{path: {type: PathPrefix, value: /}}]` when not written. */
  matches: HTTPRouteMatch[];
  filters: RouteFilter[];
  backendRefs: BackendRef[];
  timeouts?: RouteTimeouts;
  retry?: RouteRetry;
}

export interface HTTPRoute {
  kind: 'HTTPRoute';
  meta: ResourceMeta;
  parentRefs: ParentRef[];
  hostnames: string[];
  /** One rule matching every request when not written. */
  rules: HTTPRouteRule[];
}

export interface GRPCMethodMatch extends Located {
  /** Exact (default) or RegularExpression. */
  type: string;
  service?: string;
  method?: string;
}

export interface GRPCRouteMatch extends Located {
  index: number;
  method?: GRPCMethodMatch;
  headers: ValueMatch[];
}

export interface GRPCRouteRule extends Located {
  index: number;
  name?: string;
  /** Empty when not written: the rule matches every request. */
  matches: GRPCRouteMatch[];
  filters: RouteFilter[];
  backendRefs: BackendRef[];
}

export interface GRPCRoute {
  kind: 'GRPCRoute';
  meta: ResourceMeta;
  parentRefs: ParentRef[];
  hostnames: string[];
  rules: GRPCRouteRule[];
}

export interface L4RouteRule extends Located {
  index: number;
  name?: string;
  backendRefs: BackendRef[];
}

export interface TCPRoute {
  kind: 'TCPRoute';
  meta: ResourceMeta;
  parentRefs: ParentRef[];
  rules: L4RouteRule[];
}

export interface TLSRoute {
  kind: 'TLSRoute';
  meta: ResourceMeta;
  parentRefs: ParentRef[];
  hostnames: string[];
  rules: L4RouteRule[];
}

export interface ReferenceGrant {
  kind: 'ReferenceGrant';
  meta: ResourceMeta;
  from: ({ group: string; kind: string; namespace: string } & Located)[];
  /** `name` undefined: every resource of the kind. */
  to: ({ group: string; kind: string; name?: string } & Located)[];
}

export type GatewayApiRoute = HTTPRoute | GRPCRoute | TCPRoute | TLSRoute;

export type GatewayApiResource = GatewayClass | KubernetesGateway | GatewayApiRoute | ReferenceGrant;
