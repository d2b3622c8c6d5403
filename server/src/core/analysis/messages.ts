/** The message catalogue: every diagnostic's stable code, level, template and docs link.
 *  `IST####` codes mean exactly what `istioctl analyze` means by them
 *  (istio/istio pkg/config/analysis/msg/messages.yaml); `ISL####` codes are ours. Codes are never reused. */
import type { Severity } from './types';

export interface MessageType {
  code: string;
  /** istioctl's message name for IST codes, ours otherwise. */
  name: string;
  severity: Severity;
  /** What the check looks for and why it matters (shown in docs and tests). */
  description: string;
  docsUrl: string;
}

export interface Message {
  type: MessageType;
  text: string;
  /** A level other than the type's, when the condition is weaker than istioctl's (say why in the text). */
  severity?: Severity;
}

const OUR_DOCS = 'https://github.com/istio-lens/istio-lens/blob/main/docs/diagnostics.md';

function docsUrl(code: string): string {
  return code.startsWith('IST') ? `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/` : `${OUR_DOCS}#${code.toLowerCase()}`;
}

export const catalogue: MessageType[] = [];

function define(code: string, name: string, severity: Severity, description: string): MessageType {
  const t = { code, name, severity, description, docsUrl: docsUrl(code) };
  catalogue.push(t);
  return t;
}

/** A message of a type; `severity` overrides the type's level where istioctl itself varies it. */
export function message(type: MessageType, text: string, severity?: Severity): Message {
  return severity ? { type, text, severity } : { type, text };
}

export const T = {
  // Files and YAML
  yamlSyntax: define('ISL0001', 'YamlSyntaxError', 'error', 'The YAML cannot be parsed; the resource in it is ignored.'),
  yamlWarning: define('ISL0002', 'YamlWarning', 'warning', 'The YAML parses, but in a way that is probably not intended.'),
  templateNotChecked: define('ISL0003', 'TemplateNotChecked', 'info', 'Helm/Go template markup breaks the YAML or stands where its structure goes: the document is not checked (check the rendered output).'),
  // Schema (the Kubernetes API server's structural schema and `istioctl validate`; istioctl analyze misses these)
  unknownField: define('ISL0101', 'UnknownField', 'error', 'A field that the kind does not define: the API server rejects it (strict field validation) or silently drops it.'),
  wrongType: define('ISL0102', 'WrongType', 'error', 'A value of the wrong type, such as a word where a number is expected.'),
  badEnum: define('ISL0103', 'InvalidEnumValue', 'error', 'A value outside the field\'s list of allowed values.'),
  missingField: define('ISL0104', 'MissingRequiredField', 'error', 'A required field is missing.'),
  oneOfConflict: define('ISL0105', 'ConflictingFields', 'error', 'Fields of a one-of group set together; only one of them may be set.'),
  quotedScalar: define('ISL0106', 'QuotedScalar', 'info', 'A number or boolean written as a string: Istio accepts it, the Kubernetes API server\'s schema does not.'),
  outOfRange: define('ISL0107', 'ValueOutOfRange', 'error', 'A value outside the range or size the schema allows.'),
  unknownKind: define('ISL0108', 'UnusableResource', 'error', 'A document the cluster cannot accept: an Istio kind or version that does not exist, or no metadata.name.'),
  // Istio's validation (admission webhook, pkg/config/validation)
  schemaValidation: define('IST0106', 'SchemaValidationError', 'error', 'Istio\'s validation rejects the resource: `kubectl apply` fails with an admission webhook error.'),
  schemaWarning: define('IST0133', 'SchemaWarning', 'warning', 'Istio\'s validation accepts the resource with a warning.'),
  unreachableRule: define('IST0130', 'VirtualServiceUnreachableRule', 'warning', 'A route rule can never be used because an earlier rule matches all of its traffic.'),
  ineffectiveMatch: define('IST0131', 'VirtualServiceIneffectiveMatch', 'info', 'A match can never be used because an earlier match covers it.'),
  deprecated: define('IST0002', 'Deprecated', 'warning', 'A deprecated field: it still works (or is ignored) and should be replaced.'),
  // Cross-resource checks
  referencedNotFound: define('IST0101', 'ReferencedResourceNotFound', 'error', 'A reference (host, subset, gateway, port, selector, credentialName) names something that does not exist in the workspace.'),
  conflictingMeshHosts: define('IST0109', 'ConflictingMeshGatewayVirtualServiceHosts', 'error', 'Several VirtualServices bound to the mesh claim the same host; only one of them is used.'),
  conflictingSidecarSelectors: define('IST0110', 'ConflictingSidecarWorkloadSelectors', 'error', 'Several Sidecars in a namespace select the same workload.'),
  multipleSidecarsWithoutSelector: define('IST0111', 'MultipleSidecarsWithoutWorkloadSelectors', 'error', 'More than one Sidecar without workloadSelector in a namespace.'),
  portSelectorRequired: define('IST0112', 'VirtualServiceDestinationPortSelectorRequired', 'error', 'A destination of a service with several ports names no port.'),
  portNameConvention: define('IST0118', 'PortNameIsNotUnderNamingConvention', 'info', 'A Service port whose name and appProtocol do not tell Istio its protocol: Istio sniffs it.'),
  externalNamePortName: define('IST0150', 'ExternalNameServiceTypeInvalidPortName', 'warning', 'An ExternalName Service port whose name does not give a protocol Istio can route by host.'),
  referencedInternalGateway: define('IST0165', 'ReferencedInternalGateway', 'warning', 'A VirtualService names a gateway that Istio generates from a Kubernetes Gateway; reference the Kubernetes Gateway instead.'),
  noServerCertVerification: define('IST0128', 'NoServerCertificateVerificationDestinationLevel', 'warning', 'A DestinationRule originates TLS without caCertificates, so the server certificate is not verified.'),
  noServerCertVerificationPort: define('IST0129', 'NoServerCertificateVerificationPortLevel', 'warning', 'A port-level TLS setting without caCertificates, so the server certificate on that port is not verified.'),
  hostNotInGateway: define('IST0132', 'VirtualServiceHostNotFoundInGateway', 'warning', 'None of the VirtualService hosts is served by a Gateway it binds to.'),
  addressesRequired: define('IST0134', 'ServiceEntryAddressesRequired', 'warning', 'A ServiceEntry with TCP (or unset protocol) ports and no addresses: its traffic cannot be told apart.'),
  ingressRouteRulesNotAffected: define('IST0140', 'IngressRouteRulesNotAffected', 'warning', 'A gateway route to a host without subset while the mesh routes that host by subset.'),
  conflictingGateways: define('IST0145', 'ConflictingGateways', 'error', 'Gateways selecting the same workload serve the same port and host.'),
  gatewayPortNotOnService: define('IST0162', 'GatewayPortNotDefinedOnService', 'warning', 'A Gateway server port that no Service of the gateway workload exposes.'),
  subsetSelectsNoPods: define('IST0173', 'DestinationRuleSubsetNotSelectPods', 'error', 'A DestinationRule subset whose labels select no pod of the service.'),
  unknownDestinationRuleHost: define('IST0174', 'UnknownDestinationRuleHost', 'warning', 'A DestinationRule whose host is no Service or ServiceEntry in the workspace.'),
  gatewayDuplicateCertificate: define('IST0138', 'GatewayDuplicateCertificate', 'warning', 'Gateways on the same workload serve the same certificate: a client that reuses one HTTP/2 connection for the hosts of both gets 404s.'),
  ineffectivePolicy: define('IST0167', 'IneffectivePolicy', 'warning', 'A policy that has no effect, such as a Sidecar for workloads in ambient mode, which run without a sidecar.'),
  deploymentMultipleServices: define('IST0116', 'DeploymentAssociatedToMultipleServices', 'warning', 'A Deployment in the mesh is selected by Services that use the same port with different protocols: its sidecar serves one protocol on the port.'),
  deploymentConflictingPorts: define('IST0137', 'DeploymentConflictingPorts', 'warning', 'A Deployment in the mesh is selected by Services that send the same targetPort from different ports.'),
  negativeCondition: define('IST0171', 'NegativeConditionStatus', 'warning', 'The resource\'s status, as exported from the cluster, holds a negative condition (a Gateway or route not Accepted, Programmed or with unresolved references; a Service not bound to its waypoint).'),
  invalidGatewayCredential: define('IST0161', 'InvalidGatewayCredential', 'error', 'The Secret a Gateway\'s credentialName names holds no certificate and key istiod can serve, or its certificate is not valid now.'),
  jwtClaimRouteWithoutRequestAuthn: define('IST0149', 'JwtClaimBasedRoutingWithoutRequestAuthN', 'error', 'A gateway VirtualService routes on JWT claims, but no RequestAuthentication applies to the gateway pods, so the claims are never there to match.'),
  ineffectiveSelector: define('IST0166', 'IneffectiveSelector', 'warning', 'A policy (AuthorizationPolicy, RequestAuthentication, Telemetry, WasmPlugin) whose selector picks the pods of a Kubernetes Gateway: Istio does not apply selectors to those pods, so attach the policy with targetRefs (istio/istio pkg/config/analysis/analyzers/k8sgateway/workloadselector.go SelectorAnalyzer).'),
  gatewayApiCrdVersionBelowMinimum: define('IST0176', 'GatewayAPICRDVersionBelowMinimum', 'warning', 'A Gateway API CustomResourceDefinition whose bundle version is older than this Istio accepts: istiod does not watch it, so no resource of that kind is processed (istio/istio pkg/config/analysis/analyzers/k8sgateway/crdversion.go CRDVersionAnalyzer; pkg/config/schema/gatewayapi/minimumversions.go).'),
  conflictingServiceEntryProtocol: define('IST0177', 'ConflictingServiceEntryProtocol', 'warning', 'ServiceEntries declare the same host and port with different protocols.'),
  // Our own cross-resource checks
  singleWeight: define('ISL1001', 'SingleDestinationWeight', 'info', 'A lone destination with a weight below 100 still receives all traffic.'),
  conflictingServiceEntryAddress: define('ISL1003', 'ConflictingServiceEntryAddress', 'warning', 'ServiceEntries for different hosts claim the same address and port: the sidecar cannot tell their connections apart.'),
  unusableDelegate: define('ISL1004', 'UnusableDelegate', 'error', 'A rule delegates to a VirtualService Istio cannot use (it has hosts, or is not exported to the root\'s namespace), so the rule has no routes.'),
  repeatedDestination: define('ISL1011', 'RepeatedRouteDestination', 'warning', 'A route lists the same host, subset and port twice among its destinations (Kiali KIA1105): one cluster twice splits nothing.'),
  duplicateResource: define('ISL1010', 'DuplicateResource', 'info', 'The same kind, namespace and name is defined in several places: the cluster keeps one object, and Istio Lens simulates with one copy (docs/workspace.md).'),
  // Kubernetes Gateway API: what Istio would write into status, and where its translation loses traffic
  gatewayClassNotIstio: define('ISL2001', 'GatewayClassNotProgrammed', 'warning', 'A Gateway whose class no Istio controller programs: Istio writes no status and serves nothing for it (istio/istio pilot/pkg/config/kube/gatewaycommon/classinfo.go GetBuiltinGatewayClasses; gateway/gateway_collection.go GatewayCollection).'),
  listenerUnsupportedProtocol: define('ISL2002', 'ListenerUnsupportedProtocol', 'error', 'A listener protocol Istio does not support (Accepted=False UnsupportedProtocol): no route can attach to it (istio/istio pilot/pkg/config/kube/gateway/conversion.go listenerProtocolToIstio).'),
  listenerConflict: define('ISL2003', 'ListenerConflicted', 'error', 'A listener that collides with an earlier one on the same port (Conflicted=True ProtocolConflict or HostnameConflict): it gets no server, so nothing attaches to it (istio/istio pilot/pkg/config/kube/gatewaycommon/listener_conflict.go ComputeGatewayListenerConflicts).'),
  listenerInvalidRouteKinds: define('ISL2004', 'ListenerInvalidRouteKinds', 'warning', 'A listener allows route kinds its protocol cannot carry (ResolvedRefs=False InvalidRouteKinds); only the supported ones attach (istio/istio pilot/pkg/config/kube/gatewaycommon/conversion.go GenerateGatewaySupportedKinds).'),
  listenerMissingTls: define('ISL2005', 'ListenerWithoutTls', 'error', 'An HTTPS or TLS listener without a `tls` block: Istio builds no server for it (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildListener).'),
  routeNotAccepted: define('ISL2006', 'RouteNotAccepted', 'error', 'A route parent refuses the route (Accepted=False NotAllowedByListeners, NoMatchingListenerHostname or NoMatchingParent): no traffic through that parent reaches it (istio/istio pilot/pkg/config/kube/gateway/conversion.go referenceAllowed; conditions.go createRouteStatus).'),
  parentNotFound: define('ISL2007', 'RouteParentNotFound', 'error', 'A parentRef names a Gateway that does not exist or that Istio does not program: Istio writes no status for it and the route gets no traffic there (istio/istio pilot/pkg/config/kube/gateway/conversion.go extractParentReferenceInfo).'),
  backendNotFound: define('ISL2008', 'BackendNotFound', 'error', 'A backendRef names a Service that does not exist (ResolvedRefs=False BackendNotFound): requests sent to it get 500 (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildDestination).'),
  backendRefNotPermitted: define('ISL2009', 'BackendRefNotPermitted', 'error', 'A backendRef to another namespace without a ReferenceGrant there allowing it (ResolvedRefs=False RefNotPermitted): requests sent to it get 500 (istio/istio pilot/pkg/config/kube/gatewaycommon/references.go BackendAllowed).'),
  backendInvalidKind: define('ISL2010', 'BackendInvalidKind', 'error', 'A backendRef of a group and kind Istio cannot send to (ResolvedRefs=False InvalidKind): requests sent to it get 500 (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildDestination).'),
  routeDropped: define('ISL2011', 'RouteDropped', 'error', 'A route Istio cannot translate (an unsupported filter, a backendRef without port, a dotted Service name): the whole route is dropped while its status stays Accepted (istio/istio pilot/pkg/config/kube/gateway/conversion.go convertHTTPRoute; route_collections.go computeRoute).'),
  unreachableRouteMatch: define('ISL2012', 'UnreachableRouteMatch', 'warning', 'A route match no request can reach under Istio\'s ordering: on the same listener and host (for a Service parent, the same Service and port) a catch-all `PathPrefix /` sorts before every regular-expression path (and method-less gRPC match), and Istio drops every route after it (istio/istio pilot/pkg/config/kube/gateway/conversion.go sortHTTPRoutes; networking/core/route/route.go BuildHTTPRoutesForVirtualService).'),
  shadowedRoute: define('ISL2013', 'ShadowedRouteMatch', 'warning', 'A route match identical to one that Istio orders first on the same listener and host, or Service and port for a Service parent (an older route, or an earlier rule): the earlier one takes every request (istio/istio pilot/pkg/config/kube/gateway/conversion.go sortHTTPRoutes, sortRoutesByCreationTime).'),
  kubernetesGatewayNotBound: define('ISL2014', 'VirtualServiceOnKubernetesGateway', 'warning', 'A VirtualService bound to a Kubernetes Gateway by its name: istioctl analyze accepts it, but Istio binds it to no server, so its routes never apply there (istio/istio pilot/pkg/model/config.go resolveGatewayName).'),
  subsetOutsideService: define('ISL1002', 'SubsetOutsideService', 'warning', 'A DestinationRule subset selects pods, but none of those behind the Service of its host: requests to it fail with 503.'),
};
