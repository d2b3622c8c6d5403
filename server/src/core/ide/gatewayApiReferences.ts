import { GRPC_FILTERS, HTTP_FILTERS } from '../gatewayapi/checkRoute';
import { valueAtPath } from '../model/coerce';
import type { Reference, ReferenceRow } from './referenceTable';
import { valueBeside, type ValueSite } from './valueSite';

/** Rows of the reference table (referenceTable.ts) for the Kubernetes Gateway API: what a route's
 *  parentRefs, backendRefs, hostnames and filter types refer to, and the Gateway names and listener
 *  names they point at. Defaults as the CRDs apply them (kubernetes-sigs/gateway-api apis/v1
 *  shared_types.go ParentReference, BackendObjectReference). */

const ROUTES = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'];
const GATEWAY = ['KubernetesGateway'];
const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** Backend-level filters Istio converts (istio/istio pilot/pkg/config/kube/gateway/conversion.go
 *  buildHTTPDestination); any other type drops the route. */
const BACKEND_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier'];

/** The string at `key` beside the value, or undefined when the key is not written (`group: ""` is written). */
function written(s: Pick<ValueSite, 'raw' | 'path'>, key: string): string | undefined {
  const v = valueAtPath(s.raw, [...s.path.slice(0, -1), key]);
  return typeof v === 'string' ? v : undefined;
}

/** A backendRef of the core Service kind (group "" and kind Service are the defaults). */
const isServiceRef = (s: ValueSite) => !valueBeside(s, 'group') && (valueBeside(s, 'kind') || 'Service') === 'Service';
const backendService = (s: ValueSite): Reference | undefined =>
  (isServiceRef(s) ? { to: 'host', host: s.text, namespace: valueBeside(s, 'namespace') || s.namespace, wildcards: false, inRoute: true, serviceName: true } : undefined);
const backendPort = (s: ValueSite): Reference | undefined =>
  (isServiceRef(s) ? { to: 'port', hosts: [valueBeside(s, 'name')], namespace: valueBeside(s, 'namespace') || s.namespace } : undefined);

/** The parent kind of a parentRef: group/kind default to gateway.networking.k8s.io/Gateway; a Service
 *  parent is the core group "" (conversion.go toInternalParentReference). A Service whose group is not
 *  written yet is still taken for one, as the user is typing it. */
function parentKind(s: Pick<ValueSite, 'raw' | 'path'>): 'Gateway' | 'Service' | undefined {
  const kind = written(s, 'kind') ?? 'Gateway';
  const group = written(s, 'group');
  if (kind === 'Gateway' && (group === undefined || group === GATEWAY_GROUP)) return 'Gateway';
  if (kind === 'Service' && !group) return 'Service';
  return undefined;
}

const parentNamespace = (s: ValueSite) => written(s, 'namespace') || s.namespace;

function parentName(s: ValueSite): Reference | undefined {
  const kind = parentKind(s);
  return kind && { to: 'parent', kind, name: s.text, namespace: parentNamespace(s) };
}

/** sectionName and port of a parentRef: a listener of the Gateway; for a Service parent, one of the
 *  Service's ports, by name or number (apis/v1 shared_types.go ParentReference.SectionName). */
function parentSection(by: 'name' | 'port') {
  return (s: ValueSite): Reference | undefined => {
    const kind = parentKind(s);
    const name = valueBeside(s, 'name');
    if (kind === 'Gateway') return { to: 'listener', gateway: `${parentNamespace(s)}/${name}`, name: s.text, by };
    if (kind === 'Service') return { to: 'servicePort', service: name, namespace: parentNamespace(s), name: s.text, by };
    return undefined;
  };
}

/** The Gateway parents a route names (for the hostnames its listeners offer). */
function routeHostname(s: ValueSite): Reference {
  const refs = valueAtPath(s.raw, ['spec', 'parentRefs']);
  const parents = (Array.isArray(refs) ? refs : []).flatMap((_, i) => {
    const at = { raw: s.raw, path: ['spec', 'parentRefs', i, 'name'] };
    const name = written(at, 'name');
    if (!name || parentKind(at) !== 'Gateway') return [];
    const port = valueAtPath(s.raw, ['spec', 'parentRefs', i, 'port']);
    return [{ name, namespace: written(at, 'namespace') || s.namespace, sectionName: written(at, 'sectionName'), port: typeof port === 'number' ? port : undefined }];
  });
  return { to: 'routeHostname', parents };
}

/** Rule-level filters Istio converts (conversion.go convertHTTPRoute, convertGRPCRoute). */
const ruleFilter = (s: ValueSite): Reference => ({ to: 'filterType', supported: s.kind === 'GRPCRoute' ? GRPC_FILTERS : HTTP_FILTERS });

export const GATEWAY_API_ROWS: readonly ReferenceRow[] = [
  // A backendRef (or a mirror's) names a Service in its `namespace` or the route's (buildDestination).
  { kinds: ROUTES, at: '**.backendRefs.*.name', target: backendService },
  { kinds: ROUTES, at: '**.requestMirror.backendRef.name', target: backendService },
  { kinds: ROUTES, at: '**.backendRefs.*.port', target: backendPort },
  { kinds: ROUTES, at: '**.requestMirror.backendRef.port', target: backendPort },
  { kinds: ROUTES, at: '**.backendRefs.*.namespace', target: () => ({ to: 'namespace', special: [] }) },
  { kinds: ROUTES, at: 'spec.parentRefs.*.namespace', target: () => ({ to: 'namespace', special: [] }) },
  // A parentRef names a Gateway and one of its listeners (by name or port), or a Service (GAMMA).
  { kinds: ROUTES, at: 'spec.parentRefs.*.name', target: parentName },
  { kinds: ROUTES, at: 'spec.parentRefs.*.sectionName', target: parentSection('name') },
  { kinds: ROUTES, at: 'spec.parentRefs.*.port', target: parentSection('port') },
  { kinds: ROUTES, at: 'spec.hostnames.*', target: routeHostname },
  { kinds: ROUTES, at: 'spec.rules.*.backendRefs.*.filters.*.type', target: () => ({ to: 'filterType', supported: BACKEND_FILTERS }) },
  { kinds: ROUTES, at: 'spec.rules.*.filters.*.type', target: ruleFilter },
  // A Gateway's name and its listeners' names are what parentRefs name.
  { kinds: GATEWAY, at: 'metadata.name', complete: false, target: (s) => ({ to: 'parent', kind: 'Gateway', name: s.text, namespace: s.namespace, declaration: true }) },
  { kinds: GATEWAY, at: 'spec.listeners.*.name', complete: false, target: (s) => ({ to: 'listener', gateway: `${s.namespace}/${valueAtPath(s.raw, ['metadata', 'name']) ?? ''}`, name: s.text, by: 'name', declaration: true }) },
];
