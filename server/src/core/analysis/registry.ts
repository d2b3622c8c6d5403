/** Every analyzer, in the order they run. Adding a check = one file + one line here + its fixtures
 *  (test/analysis/fixtures/<name>/{valid,invalid}.yaml). */
import type { Analyzer } from './analyzer';
import { exportTo } from './analyzers/common/exportTo';
import { destinationRuleHostAndSubsets } from './analyzers/destinationrule/hostAndSubsets';
import { destinationRuleTrafficPolicy } from './analyzers/destinationrule/trafficPolicy';
import { gatewayServers } from './analyzers/gateway/servers';
import { serviceEntryValidation } from './analyzers/serviceentry/validation';
import { sidecarValidation } from './analyzers/sidecar/validation';
import { routeDestinations } from './analyzers/virtualservice/destinations';
import { integerRanges } from './analyzers/virtualservice/integerRanges';
import { gatewayNames } from './analyzers/virtualservice/gatewayNames';
import { virtualServiceHosts } from './analyzers/virtualservice/hosts';
import { httpActions } from './analyzers/virtualservice/httpActions';
import { httpMatches } from './analyzers/virtualservice/httpMatches';
import { httpPolicies } from './analyzers/virtualservice/httpPolicies';
import { l4Routes } from './analyzers/virtualservice/l4Routes';
import { redirectRewrite } from './analyzers/virtualservice/redirectRewrite';
import { unreachableRules } from './analyzers/virtualservice/unreachableRules';
import { schemaValidation } from './schema/validate';
import { resourceKinds } from './analyzers/file/resourceKinds';
import { destinationRuleSubsetPods } from './analyzers/destinationrule/subsetPods';
import { caCertificates } from './analyzers/destinationrule/caCertificates';
import { destinationRuleUnknownHost } from './analyzers/destinationrule/unknownHost';
import { gatewayConflicts } from './analyzers/gateway/conflicts';
import { gatewayWorkloads } from './analyzers/gateway/workloads';
import { servicePortNames } from './analyzers/service/portNames';
import { serviceEntryAddresses } from './analyzers/serviceentry/addresses';
import { serviceEntryConflictingProtocols } from './analyzers/serviceentry/conflictingProtocols';
import { sidecarSelectors } from './analyzers/sidecar/selectors';
import { conflictingMeshHosts } from './analyzers/virtualservice/conflictingMeshHosts';
import { destinationHosts } from './analyzers/virtualservice/destinationHosts';
import { destinationSubsets } from './analyzers/virtualservice/destinationSubsets';
import { virtualServiceGateways } from './analyzers/virtualservice/gateways';
import { ingressSubsets } from './analyzers/virtualservice/ingressSubsets';
import { deprecatedFields } from './analyzers/virtualservice/deprecatedFields';
import { singleWeight } from './analyzers/virtualservice/singleWeight';
import { subsetOutsideService } from './analyzers/destinationrule/subsetOutsideService';
import { serviceEntryConflictingAddresses } from './analyzers/serviceentry/conflictingAddresses';
import { delegates } from './analyzers/virtualservice/delegates';
import { duplicateResources } from './analyzers/file/duplicateResources';
import { repeatedDestinations } from './analyzers/virtualservice/repeatedDestinations';
import { gatewayApiBackendRefs } from './analyzers/gatewayapi/backendRefs';
import { gatewayApiClass } from './analyzers/gatewayapi/gatewayClass';
import { gatewayApiListeners } from './analyzers/gatewayapi/listeners';
import { gatewayApiParentRefs } from './analyzers/gatewayapi/parentRefs';
import { gatewayApiRouteDropped } from './analyzers/gatewayapi/routeDropped';
import { virtualServiceOnKubernetesGateway } from './analyzers/gatewayapi/virtualServiceBinding';
import { gatewayApiShadowedMatches } from './analyzers/gatewayapi/shadowedMatches';
import { gatewayApiUnreachableMatches } from './analyzers/gatewayapi/unreachableMatches';
import { gatewayDuplicateCertificates } from './analyzers/gateway/duplicateCertificates';
import { sidecarAmbient } from './analyzers/sidecar/ambient';
import { deploymentMultipleServices } from './analyzers/deployment/multipleServices';
import { negativeConditions } from './analyzers/common/negativeConditions';
import { gatewaySecrets } from './analyzers/gateway/secrets';
import { jwtClaimRoutes } from './analyzers/virtualservice/jwtClaimRoutes';
import { gatewayApiIneffectiveSelector } from './analyzers/gatewayapi/ineffectiveSelector';
import { gatewayApiCrdVersion } from './analyzers/gatewayapi/crdVersion';

export const ANALYZERS: readonly Analyzer[] = [
  resourceKinds, schemaValidation,
  // Istio's admission validation
  virtualServiceHosts, httpActions, httpMatches, routeDestinations, integerRanges, httpPolicies, redirectRewrite, gatewayNames, l4Routes, unreachableRules,
  destinationRuleHostAndSubsets, destinationRuleTrafficPolicy, gatewayServers, serviceEntryValidation, sidecarValidation, exportTo,
  // istioctl analyze's cross-resource checks, over the workspace's Services, Pods and workloads
  destinationHosts, destinationSubsets, delegates, virtualServiceGateways, conflictingMeshHosts, ingressSubsets,
  destinationRuleUnknownHost, destinationRuleSubsetPods, caCertificates, gatewayWorkloads, gatewayConflicts, sidecarSelectors,
  serviceEntryAddresses, serviceEntryConflictingProtocols, servicePortNames, deprecatedFields,
  gatewayDuplicateCertificates, sidecarAmbient, deploymentMultipleServices, negativeConditions,
  gatewaySecrets, jwtClaimRoutes,
  // Our own checks
  singleWeight, subsetOutsideService, serviceEntryConflictingAddresses, duplicateResources, repeatedDestinations,
  // Kubernetes Gateway API: the status Istio would write, and where its translation loses traffic
  gatewayApiClass, gatewayApiListeners, gatewayApiParentRefs, gatewayApiBackendRefs, gatewayApiRouteDropped, gatewayApiUnreachableMatches,
  gatewayApiShadowedMatches, virtualServiceOnKubernetesGateway,
  // istioctl analyze's k8sgateway analyzers
  gatewayApiIneffectiveSelector, gatewayApiCrdVersion,
];
