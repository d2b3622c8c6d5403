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
import { gatewayNames } from './analyzers/virtualservice/gatewayNames';
import { virtualServiceHosts } from './analyzers/virtualservice/hosts';
import { httpActions } from './analyzers/virtualservice/httpActions';
import { httpMatches } from './analyzers/virtualservice/httpMatches';
import { httpPolicies } from './analyzers/virtualservice/httpPolicies';
import { l4Routes } from './analyzers/virtualservice/l4Routes';
import { redirectRewrite } from './analyzers/virtualservice/redirectRewrite';
import { unreachableRules } from './analyzers/virtualservice/unreachableRules';
import { schemaValidation } from './schema/validate';

export const ANALYZERS: readonly Analyzer[] = [
  schemaValidation,
  // Istio's admission validation
  virtualServiceHosts, httpActions, httpMatches, routeDestinations, httpPolicies, redirectRewrite, gatewayNames, l4Routes, unreachableRules,
  destinationRuleHostAndSubsets, destinationRuleTrafficPolicy, gatewayServers, serviceEntryValidation, sidecarValidation, exportTo,
];
