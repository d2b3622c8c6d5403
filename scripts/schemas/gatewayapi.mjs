// The Kubernetes Gateway API kinds (gateway.networking.k8s.io): field names, types, enums, defaults, bounds
// and required fields as the CRDs of kubernetes-sigs/gateway-api v1.6.0 declare them (experimental channel,
// a superset of standard: config/crd/experimental/gateway.networking.k8s.io_*.yaml, each version's
// openAPIV3Schema). v1.6.0 is the version Istio's conformance job runs against (istio/istio go.mod). CEL
// rules (x-kubernetes-validations) and string patterns are not carried over; the descriptions are ours.
// Every object is closed (an unknown field is an error), as with the API server's strict field validation.
import { bool, int, list, map, obj, str } from './dsl.mjs';

const labelRequirement = obj('Requirements on labels; all must hold.', {
  key: str('The label key.'),
  operator: str('`In`, `NotIn`, `Exists` or `DoesNotExist`.'),
  values: list('Values for `In` and `NotIn`.', { type: 'string' }),
}, { required: ['key', 'operator'] });

const namespaceSelector = obj('Label selector over Namespaces, used with `from: Selector`.', {
  matchExpressions: list('Requirements on labels; all must hold.', labelRequirement),
  matchLabels: map('Labels that must all be present with these values.', { type: 'string' }),
});

const secretRef = obj('CA certificates that verify client certificates.', {
  group: str('API group of the referenced object; empty for the core group.'),
  kind: str('Kind of the referenced object.'),
  name: str('Name of the referenced object.'),
  namespace: str('Namespace of the referenced object; defaults to the namespace of this resource.'),
}, { required: ['group', 'kind', 'name'] });

const clientValidation = obj('How client certificates are checked.', {
  caCertificateRefs: list('CA certificates that verify client certificates.', secretRef, { minItems: 1, maxItems: 16 }),
  mode: str('Whether a client certificate is required.', { enum: ['AllowValidOnly', 'AllowInsecureFallback'], default: 'AllowValidOnly' }),
}, { required: ['caCertificateRefs'] });

const hostnames = list('Host names (Host header or SNI) the route serves; a leading `*.` is a wildcard. Empty: every host its listeners accept.', { type: 'string' }, { maxItems: 16 });

const parentRef = obj('A parent: a Gateway (optionally one listener by `sectionName` or `port`) or a Service.', {
  group: str('API group of the parent: `gateway.networking.k8s.io` (the default) for a Gateway, empty for a Service.', { default: 'gateway.networking.k8s.io' }),
  kind: str('Kind of the parent: `Gateway` (the default) or `Service`.', { default: 'Gateway' }),
  name: str('Name of the parent Gateway or Service.'),
  namespace: str('Namespace of the parent; defaults to the route namespace.'),
  port: int('Attach only to the listener (or Service port) with this port.', { minimum: 1, maximum: 65535 }),
  sectionName: str('Attach only to the listener with this name.'),
}, { required: ['name'] });

const allowMethods = list('Methods a cross-origin request may use.', { type: 'string', enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '*'] }, { maxItems: 9 });

const cors = obj('Cross-origin resource sharing (CORS) settings.', {
  allowCredentials: bool('Whether responses may be shared when the request carries credentials.'),
  allowHeaders: list('Request headers a cross-origin request may use.', { type: 'string' }, { maxItems: 64 }),
  allowMethods: allowMethods,
  allowOrigins: list('Origins allowed to make cross-origin requests.', { type: 'string' }, { maxItems: 64 }),
  exposeHeaders: list('Response headers the browser may expose.', { type: 'string' }, { maxItems: 64 }),
  maxAge: int('Seconds a preflight answer may be cached.', { minimum: 1, default: 5 }),
});

const extensionRef = obj('An implementation-specific filter object. Istio does not support it: the route is dropped.', {
  group: str('API group of the referenced object; empty for the core group.'),
  kind: str('Kind of the referenced object.'),
  name: str('Name of the referenced object.'),
}, { required: ['group', 'kind', 'name'] });

const authBackendRef = obj('The authorization service.', {
  group: str('API group of the referenced object; empty for the core group.', { default: '' }),
  kind: str('Kind of the referenced object.', { default: 'Service' }),
  name: str('Name of the referenced object.'),
  namespace: str('Namespace of the referenced object; defaults to the namespace of this resource.'),
  port: int('Port of the referenced object.', { minimum: 1, maximum: 65535 }),
}, { required: ['name'] });

const grpc = obj('Settings for a gRPC authorization service.', {
  allowedHeaders: list('Request headers sent to the authorization service.', { type: 'string' }, { maxItems: 64 }),
});

const http = obj('Settings for an HTTP authorization service.', {
  allowedHeaders: list('Request headers sent to the authorization service.', { type: 'string' }, { maxItems: 64 }),
  allowedResponseHeaders: list('Headers of the authorization answer copied onto the request.', { type: 'string' }, { maxItems: 64 }),
  path: str('Path prefix for requests to the authorization service.'),
});

const externalAuth = obj('Ask an external service to authorize each request. Istio does not support it: the route is dropped.', {
  backendRef: authBackendRef,
  forwardBody: obj('Whether and how much of the body is sent to the authorization service.', {
    maxSize: int('Largest body size sent, in bytes.'),
  }),
  grpc: grpc,
  http: http,
  protocol: str('`HTTP` or `GRPC`.', { enum: ['HTTP', 'GRPC'] }),
}, { required: ['backendRef', 'protocol'] });

const addItem = obj('Headers to add (a value is appended when the header exists).', {
  name: str('Header name (case-insensitive).'),
  value: str('Header value.'),
}, { required: ['name', 'value'] });

const setItem = obj('Headers to set (replacing any existing value).', {
  name: str('Header name (case-insensitive).'),
  value: str('Header value.'),
}, { required: ['name', 'value'] });

const requestHeaderModifier = obj('Adds, sets or removes request headers.', {
  add: list('Headers to add (a value is appended when the header exists).', addItem, { maxItems: 16 }),
  remove: list('Header names to remove.', { type: 'string' }, { maxItems: 16 }),
  set: list('Headers to set (replacing any existing value).', setItem, { maxItems: 16 }),
});

const mirrorBackendRef = obj('The backend receiving the copies.', {
  group: str('API group of the referenced object; empty for the core group.', { default: '' }),
  kind: str('Kind of the referenced object.', { default: 'Service' }),
  name: str('Name of the referenced object.'),
  namespace: str('Namespace of the referenced object; defaults to the namespace of this resource.'),
  port: int('Port of the referenced object.', { minimum: 1, maximum: 65535 }),
}, { required: ['name'] });

const fraction = obj('Share of requests mirrored, as a fraction.', {
  denominator: int('Denominator (default 100).', { minimum: 1, default: 100 }),
  numerator: int('Numerator.', { minimum: 0 }),
}, { required: ['numerator'] });

const requestMirror = obj('Sends a copy of each request to another backend; its answers are ignored.', {
  backendRef: mirrorBackendRef,
  fraction: fraction,
  percent: int('Share of requests mirrored, in percent.', { minimum: 0, maximum: 100 }),
}, { required: ['backendRef'] });

const redirectPath = obj('Path in the Location; unchanged by default.', {
  replaceFullPath: str('The new path, replacing the whole path.'),
  replacePrefixMatch: str('The new prefix, replacing the matched `PathPrefix`.'),
  type: str('`ReplaceFullPath` or `ReplacePrefixMatch`.', { enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }),
}, { required: ['type'] });

const requestRedirect = obj('Answers with a redirect instead of forwarding.', {
  hostname: str('Host name in the Location; the request Host by default.'),
  path: redirectPath,
  port: int('Port in the Location; by default the listener port (omitted when it is the scheme default).', { minimum: 1, maximum: 65535 }),
  scheme: str('`http` or `https`; the request scheme by default.', { enum: ['http', 'https'] }),
  statusCode: int('Redirect status: 301, 302 (the default), 303, 307 or 308.', { enum: [301, 302, 303, 307, 308], default: 302 }),
});

const responseHeaderModifier = obj('Adds, sets or removes response headers.', {
  add: list('Headers to add (a value is appended when the header exists).', addItem, { maxItems: 16 }),
  remove: list('Header names to remove.', { type: 'string' }, { maxItems: 16 }),
  set: list('Headers to set (replacing any existing value).', setItem, { maxItems: 16 }),
});

const rewritePath = obj('How the path is rewritten.', {
  replaceFullPath: str('The new path, replacing the whole path.'),
  replacePrefixMatch: str('The new prefix, replacing the matched `PathPrefix`.'),
  type: str('`ReplaceFullPath` or `ReplacePrefixMatch`.', { enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }),
}, { required: ['type'] });

const httpFilter = obj('A filter: its `type` and, in the field of that name, its settings.', {
  cors: cors,
  extensionRef: extensionRef,
  externalAuth: externalAuth,
  requestHeaderModifier: requestHeaderModifier,
  requestMirror: requestMirror,
  requestRedirect: requestRedirect,
  responseHeaderModifier: responseHeaderModifier,
  type: str('Which filter this entry configures; the field of the same name holds its settings.', { enum: ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef', 'CORS', 'ExternalAuth'] }),
  urlRewrite: obj('Rewrites the host or path before forwarding.', {
    hostname: str('The Host header sent to the backend.'),
    path: rewritePath,
  }),
}, { required: ['type'] });

const headerMatch = obj('Header conditions; all must hold.', {
  name: str('Header name (case-insensitive).'),
  type: str('`Exact` (default) or `RegularExpression`.', { enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
  value: str('Value to compare with.'),
}, { required: ['name', 'value'] });

const sessionPersistence = obj('Keeps a client on one backend.', {
  absoluteTimeout: str('Largest lifetime of a session.'),
  cookieConfig: obj('Cookie settings for cookie-based sessions.', {
    lifetimeType: str('`Permanent` or `Session`.', { enum: ['Permanent', 'Session'], default: 'Session' }),
  }),
  sessionName: str('Name of the cookie or header.'),
  type: str('`Cookie` (default) or `Header`.', { enum: ['Cookie', 'Header'], default: 'Cookie' }),
});

const grpcFilter = obj('A filter: its `type` and, in the field of that name, its settings.', {
  extensionRef: extensionRef,
  requestHeaderModifier: requestHeaderModifier,
  requestMirror: requestMirror,
  responseHeaderModifier: responseHeaderModifier,
  type: str('Which filter this entry configures; the field of the same name holds its settings.', { enum: ['ResponseHeaderModifier', 'RequestHeaderModifier', 'RequestMirror', 'ExtensionRef'] }),
}, { required: ['type'] });

const backendRefItem = obj('A backend: a Service (or another kind) and port, with a weight.', {
  group: str('API group of the backend; empty (a Service) by default.', { default: '' }),
  kind: str('Kind of the backend: `Service` by default.', { default: 'Service' }),
  name: str('Name of the backend Service.'),
  namespace: str('Namespace of the backend; another namespace needs a ReferenceGrant there.'),
  port: int('The Service port to send to; required for a Service.', { minimum: 1, maximum: 65535 }),
  weight: int('Relative share of traffic (default 1); 0 sends none.', { minimum: 0, maximum: 1000000, default: 1 }),
}, { required: ['name'] });

const l4Rule = obj('A rule: the backends connections go to.', {
  backendRefs: list('Where matching requests go; weights share the traffic. None, or a total weight of 0, answers 500.', backendRefItem, { minItems: 1, maxItems: 16 }),
  name: str('A name for the rule, unique in the route.'),
}, { required: ['backendRefs'] });

const gatewayClass = obj('The class: which controller programs Gateways that name it.', {
  controllerName: str('The controller that manages Gateways of this class, as `domain/path`. Istio programs `istio.io/gateway-controller`.'),
  description: str('Free text about the class.'),
  parametersRef: obj('An object carrying controller-specific settings.', {
    group: str('API group of the referenced object; empty for the core group.'),
    kind: str('Kind of the referenced object.'),
    name: str('Name of the referenced object.'),
    namespace: str('Namespace of the referenced object; defaults to the namespace of this resource.'),
  }, { required: ['group', 'kind', 'name'] }),
}, { required: ['controllerName'] });

const gateway = obj('The Gateway: its class, addresses and listeners.', {
  addresses: list('Addresses requested for the Gateway.', obj('Addresses requested for the Gateway.', {
    type: str('How `value` is read: `IPAddress`, `Hostname` or an implementation-specific type.', { default: 'IPAddress' }),
    value: str('The address itself.'),
  }), { maxItems: 16 }),
  allowedListeners: obj('Which ListenerSets may attach listeners to this Gateway.', {
    namespaces: obj('Namespaces the attaching objects may come from.', {
      from: str('`Same` (this namespace, the default), `All`, `Selector` (namespaces whose labels match `selector`) or `None`.', { enum: ['All', 'Selector', 'Same', 'None'], default: 'None' }),
      selector: namespaceSelector,
    }),
  }),
  defaultScope: str('Whether routes that opt into default Gateways may attach to this one.', { enum: ['All', 'None'] }),
  gatewayClassName: str('The GatewayClass that programs this Gateway. Istio programs the classes whose controller is `istio.io/gateway-controller` (`istio` by default).'),
  infrastructure: obj('Labels, annotations and parameters for the resources created for this Gateway.', {
    annotations: map('Annotations copied onto the generated resources.', { type: 'string' }, { maxProperties: 16 }),
    labels: map('Labels copied onto the generated resources.', { type: 'string' }, { maxProperties: 8 }),
    parametersRef: obj('An object with implementation-specific settings for this Gateway.', {
      group: str('API group of the referenced object; empty for the core group.'),
      kind: str('Kind of the referenced object.'),
      name: str('Name of the referenced object.'),
    }, { required: ['group', 'kind', 'name'] }),
  }),
  listeners: list('The listeners: each a port, protocol and optional hostname where routes can attach.', obj('A listener: name, port, protocol and optional hostname.', {
    allowedRoutes: obj('Which routes may attach to this listener: by namespace and kind.', {
      kinds: list('Route kinds allowed on the listener; by default those its protocol supports.', obj('Route kinds allowed on the listener; by default those its protocol supports.', {
        group: str('API group of the route kind.', { default: 'gateway.networking.k8s.io' }),
        kind: str('The route kind, such as `HTTPRoute`.'),
      }, { required: ['kind'] }), { maxItems: 8 }),
      namespaces: obj('Namespaces routes may come from; `Same` by default.', {
        from: str('`Same` (this namespace, the default), `All`, `Selector` (namespaces whose labels match `selector`) or `None`.', { enum: ['All', 'Selector', 'Same'], default: 'Same' }),
        selector: namespaceSelector,
      }),
    }),
    hostname: str('The host name this listener serves (a leading `*.` is a wildcard); unset serves every host.'),
    name: str('The listener name, unique in the Gateway; routes select it with `sectionName`.'),
    port: int('The network port of the listener.', { minimum: 1, maximum: 65535 }),
    protocol: str('The protocol: `HTTP`, `HTTPS`, `TLS` or `TCP` for Istio (`UDP` and others are not supported).'),
    tls: obj('TLS settings; required for `HTTPS` and `TLS` listeners.', {
      certificateRefs: list('Secrets holding the certificate and key.', obj('Secrets holding the certificate and key.', {
        group: str('API group of the referenced object; empty for the core group.', { default: '' }),
        kind: str('Kind of the referenced object.', { default: 'Secret' }),
        name: str('Name of the referenced object.'),
        namespace: str('Namespace of the referenced object; defaults to the namespace of this resource.'),
      }, { required: ['name'] }), { maxItems: 64 }),
      mode: str('`Terminate` (the default) decrypts at the Gateway; `Passthrough` forwards encrypted traffic by SNI.', { enum: ['Terminate', 'Passthrough'], default: 'Terminate' }),
      options: map('Implementation-specific TLS settings.', { type: 'string' }, { maxProperties: 16 }),
    }),
  }, { required: ['name', 'port', 'protocol'] }), { minItems: 1, maxItems: 64 }),
  tls: obj('TLS settings for the whole Gateway.', {
    backend: obj('TLS settings towards backends.', {
      clientCertificateRef: obj('A Secret with the client certificate the Gateway presents to backends.', {
        group: str('API group of the referenced object; empty for the core group.', { default: '' }),
        kind: str('Kind of the referenced object.', { default: 'Secret' }),
        name: str('Name of the referenced object.'),
        namespace: str('Namespace of the referenced object; defaults to the namespace of this resource.'),
      }, { required: ['name'] }),
    }),
    frontend: obj('TLS settings towards clients.', {
      default: obj('Settings for every HTTPS listener.', {
        validation: clientValidation,
      }),
      perPort: list('Settings that replace the default for one port.', obj('Settings that replace the default for one port.', {
        port: int('The port the settings apply to.', { minimum: 1, maximum: 65535 }),
        tls: obj('The TLS settings for that port.', {
          validation: clientValidation,
        }),
      }, { required: ['port', 'tls'] }), { maxItems: 64 }),
    }, { required: ['default'] }),
  }),
}, { required: ['gatewayClassName', 'listeners'] });

const httpRoute = obj('An HTTP route: the parents it attaches to, the hosts it serves and its rules.', {
  hostnames: hostnames,
  parentRefs: list('Where the route attaches: Gateways (optionally one listener), or Services for mesh traffic.', parentRef, { maxItems: 32 }),
  rules: list('The rules: matches, filters and backends.', obj('A rule: requests matching any of its matches go to its backends, through its filters.', {
    backendRefs: list('Where matching requests go; weights share the traffic. None, or a total weight of 0, answers 500.', obj('A backend: a Service (or another kind) and port, with a weight.', {
      filters: list('Filters applied only when this backend is chosen.', httpFilter, { maxItems: 16 }),
      group: str('API group of the backend; empty (a Service) by default.', { default: '' }),
      kind: str('Kind of the backend: `Service` by default.', { default: 'Service' }),
      name: str('Name of the backend Service.'),
      namespace: str('Namespace of the backend; another namespace needs a ReferenceGrant there.'),
      port: int('The Service port to send to; required for a Service.', { minimum: 1, maximum: 65535 }),
      weight: int('Relative share of traffic (default 1); 0 sends none.', { minimum: 0, maximum: 1000000, default: 1 }),
    }, { required: ['name'] }), { maxItems: 16 }),
    filters: list('Changes to requests or responses for this rule.', httpFilter, { maxItems: 16 }),
    matches: list('Conditions on the request (any one of them selects the rule); by default every path (`PathPrefix /`).', obj('One condition set: every field in it must hold.', {
      headers: list('Header conditions; all must hold.', headerMatch, { maxItems: 16 }),
      method: str('The HTTP method.', { enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] }),
      path: obj('Path condition; by default `PathPrefix /`.', {
        type: str('`Exact`, `PathPrefix` (whole segments, the default) or `RegularExpression` (RE2, whole path).', { enum: ['Exact', 'PathPrefix', 'RegularExpression'], default: 'PathPrefix' }),
        value: str('The path or expression; `/` by default.', { default: '/' }),
      }),
      queryParams: list('Query parameter conditions; all must hold.', obj('Query parameter conditions; all must hold.', {
        name: str('Parameter name (case-sensitive).'),
        type: str('`Exact` (default) or `RegularExpression`.', { enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
        value: str('Value to compare with.'),
      }, { required: ['name', 'value'] }), { maxItems: 16 }),
    }), { maxItems: 64 }),
    name: str('A name for the rule, unique in the route.'),
    retry: obj('Retries for failed requests.', {
      attempts: int('Largest number of retries.', { minimum: 1 }),
      backoff: str('Time to wait before a retry.'),
      codes: list('HTTP status codes that are retried.', { type: 'integer' }),
    }),
    sessionPersistence: sessionPersistence,
    timeouts: obj('Time limits.', {
      backendRequest: str('Limit for each request to a backend (per retry).'),
      request: str('Limit for the whole request; `0s` turns it off.'),
    }),
  }), { minItems: 1, maxItems: 16 }),
  useDefaultGateways: str('Whether the route attaches to the default Gateways of its scope.', { enum: ['All', 'None'] }),
});

const grpcRoute = obj('A gRPC route: the parents it attaches to, the hosts it serves and its rules.', {
  hostnames: hostnames,
  parentRefs: list('Where the route attaches: Gateways (optionally one listener), or Services for mesh traffic.', parentRef, { maxItems: 32 }),
  rules: list('The rules: matches, filters and backends.', obj('A rule: requests matching any of its matches go to its backends, through its filters.', {
    backendRefs: list('Where matching requests go; weights share the traffic. None, or a total weight of 0, answers 500.', obj('A backend: a Service (or another kind) and port, with a weight.', {
      filters: list('Filters applied only when this backend is chosen.', grpcFilter, { maxItems: 16 }),
      group: str('API group of the backend; empty (a Service) by default.', { default: '' }),
      kind: str('Kind of the backend: `Service` by default.', { default: 'Service' }),
      name: str('Name of the backend Service.'),
      namespace: str('Namespace of the backend; another namespace needs a ReferenceGrant there.'),
      port: int('The Service port to send to; required for a Service.', { minimum: 1, maximum: 65535 }),
      weight: int('Relative share of traffic (default 1); 0 sends none.', { minimum: 0, maximum: 1000000, default: 1 }),
    }, { required: ['name'] }), { maxItems: 16 }),
    filters: list('Changes to requests or responses for this rule.', grpcFilter, { maxItems: 16 }),
    matches: list('Conditions on the request (any one of them selects the rule).', obj('One condition set: every field in it must hold.', {
      headers: list('Header conditions; all must hold.', headerMatch, { maxItems: 16 }),
      method: obj('The HTTP method.', {
        method: str('The gRPC method name.'),
        service: str('The fully qualified gRPC service name.'),
        type: str('`Exact` (default) or `RegularExpression`.', { enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
      }),
    }), { maxItems: 64 }),
    name: str('A name for the rule, unique in the route.'),
    sessionPersistence: sessionPersistence,
  }), { maxItems: 16 }),
  useDefaultGateways: str('Whether the route attaches to the default Gateways of its scope.', { enum: ['All', 'None'] }),
});

const tcpRoute = obj('A TCP route: the parents it attaches to and where connections go.', {
  parentRefs: list('Where the route attaches: Gateways (optionally one listener), or Services for mesh traffic.', parentRef, { maxItems: 32 }),
  rules: list('The rules: matches, filters and backends.', l4Rule, { minItems: 1, maxItems: 1 }),
  useDefaultGateways: str('Whether the route attaches to the default Gateways of its scope.', { enum: ['All', 'None'] }),
}, { required: ['rules'] });

const tcpRouteV1alpha2 = obj('A TCP route: the parents it attaches to and where connections go.', {
  parentRefs: list('Where the route attaches: Gateways (optionally one listener), or Services for mesh traffic.', parentRef, { maxItems: 32 }),
  rules: list('The rules: matches, filters and backends.', l4Rule, { minItems: 1, maxItems: 16 }),
  useDefaultGateways: str('Whether the route attaches to the default Gateways of its scope.', { enum: ['All', 'None'] }),
}, { required: ['rules'] });

const tlsRoute = obj('A TLS route: the parents it attaches to, the SNI host names it serves and where connections go.', {
  hostnames: list('Host names (Host header or SNI) the route serves; a leading `*.` is a wildcard. Empty: every host its listeners accept.', { type: 'string' }, { minItems: 1, maxItems: 1024 }),
  parentRefs: list('Where the route attaches: Gateways (optionally one listener), or Services for mesh traffic.', parentRef, { maxItems: 32 }),
  rules: list('The rules: matches, filters and backends.', l4Rule, { minItems: 1, maxItems: 1 }),
  useDefaultGateways: str('Whether the route attaches to the default Gateways of its scope.', { enum: ['All', 'None'] }),
}, { required: ['hostnames', 'rules'] });

const tlsRouteV1alpha2 = obj('A TLS route: the parents it attaches to, the SNI host names it serves and where connections go.', {
  hostnames: list('Host names (Host header or SNI) the route serves; a leading `*.` is a wildcard. Empty: every host its listeners accept.', { type: 'string' }, { maxItems: 1024 }),
  parentRefs: list('Where the route attaches: Gateways (optionally one listener), or Services for mesh traffic.', parentRef, { maxItems: 32 }),
  rules: list('The rules: matches, filters and backends.', l4Rule, { minItems: 1, maxItems: 16 }),
  useDefaultGateways: str('Whether the route attaches to the default Gateways of its scope.', { enum: ['All', 'None'] }),
}, { required: ['rules'] });

const referenceGrant = obj('Allows objects in other namespaces to refer to objects in this one.', {
  from: list('Who may refer: a group, kind and namespace each.', obj('Who may refer: a group, kind and namespace each.', {
    group: str('API group of the referring kind (`gateway.networking.k8s.io` for routes).'),
    kind: str('Kind of the referring object, such as `HTTPRoute`.'),
    namespace: str('Namespace of the referring objects.'),
  }, { required: ['group', 'kind', 'namespace'] }), { minItems: 1, maxItems: 16 }),
  to: list('What may be referred to in this namespace.', obj('What may be referred to in this namespace.', {
    group: str('API group of the target; empty for core kinds such as Service.'),
    kind: str('Kind of the target, such as `Service`.'),
    name: str('Name of the target; unset allows every object of the kind.'),
  }, { required: ['group', 'kind'] }), { minItems: 1, maxItems: 16 }),
}, { required: ['from', 'to'] });

/** Every served version of each kind (gateway-api v1.6.0, experimental channel), with its spec schema. */
export const gatewayApiKinds = [
  { kind: 'GatewayClass', versions: ['v1', 'v1beta1'], spec: gatewayClass },
  { kind: 'Gateway', versions: ['v1', 'v1beta1'], spec: gateway },
  { kind: 'HTTPRoute', versions: ['v1', 'v1beta1'], spec: httpRoute },
  { kind: 'GRPCRoute', versions: ['v1'], spec: grpcRoute },
  { kind: 'TCPRoute', versions: ['v1'], spec: tcpRoute },
  { kind: 'TCPRoute', versions: ['v1alpha2'], spec: tcpRouteV1alpha2 },
  { kind: 'TLSRoute', versions: ['v1', 'v1alpha3'], spec: tlsRoute },
  { kind: 'TLSRoute', versions: ['v1alpha2'], spec: tlsRouteV1alpha2 },
  { kind: 'ReferenceGrant', versions: ['v1', 'v1beta1'], spec: referenceGrant },
];
