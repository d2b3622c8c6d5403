import type { Resource } from '../model/lower';
import type { Workload } from '../model/workload';
import { isWildcard, resolveGatewayName } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import { pathIs, resourceAt } from './context';
import { gatewayRoutePreview, gatewayRulePreview, parentLines } from './gatewayApiPreview';
import { gatewayStatusPreview } from './gatewayApiStatusPreview';
import { destinationRuleHover, gatewayHover, serviceHover, subsetHover, workloadHover } from './hoverTargets';
import { isWorkloadKind, referenceAt, siteIn } from './referenceTable';
import { httpRoutePreview, routePreview } from './routePreview';
import { schemaAt } from './schema';
import type { Hover } from './types';
import { destinationRulesFor, fqdnOf, serviceFor } from './workspaceFacts';

/** `liveText`: the editor's text when the snapshot may be older (see resourceAt).
 *  Hover: a route preview on a VirtualService's name or hosts; what a destination, subset, gateway,
 *  DestinationRule, Service or Pod stands for and which routes reach it; else the key's schema docs. */
export function hover(snap: Snapshot, file: string, offset: number, liveText?: string): Hover | undefined {
  const at = resourceAt(snap, file, offset, liveText);
  if (!at?.resource || !at.cursor.span) return undefined;
  const { resource, path, cursor } = at;
  const span = cursor.span;
  const contents = cursor.role === 'value' ? valueHover(snap, resource, path, cursor.text ?? '') : routeKeyHover(snap, resource, path);
  if (contents) return { contents, span };
  const schema = schemaAt(resource.kind, path);
  if (cursor.role === 'key' && schema?.description) return { contents: `**${String(path.at(-1))}**${schema.type ? ` *${schema.type}*` : ''}\n\n${schema.description}`, span };
  return undefined;
}

function valueHover(snap: Snapshot, r: Resource, path: (string | number)[], text: string): string | undefined {
  // On a VirtualService's name or hosts, the preview of its routes.
  if (r.kind === 'VirtualService' && (pathIs(path, 'metadata.name') || pathIs(path, 'spec.hosts.*'))) return routePreview(snap, r);
  // On an HTTPRoute's or GRPCRoute's name, where it attached and its rules.
  if ((r.kind === 'HTTPRoute' || r.kind === 'GRPCRoute') && pathIs(path, 'metadata.name')) return gatewayRoutePreview(snap, r);
  // On a Gateway API Gateway's name, the status Istio would write on it and its listeners.
  if (r.kind === 'KubernetesGateway' && pathIs(path, 'metadata.name')) return gatewayStatusPreview(snap, r);
  const ref = referenceAt(siteIn(r, path, text));
  switch (ref?.to) {
    case 'host': {
      const fqdn = fqdnOf(snap, ref.host, ref.namespace);
      const svc = ref.host ? snap.serviceByHost(fqdn) : undefined;
      if (svc) return serviceHover(snap, svc, !ref.inRoute);
      return ref.declaration || (ref.wildcards && isWildcard(fqdn)) ? undefined : `\`${fqdn}\` ⚠ is not a Service or ServiceEntry in the workspace`;
    }
    case 'subset': {
      if (ref.declaration && r.kind === 'DestinationRule') {
        const s = r.subsets[ref.declaration.index];
        return s ? subsetHover(snap, r, s, serviceFor(snap, r.host, r.meta.namespace)) : undefined;
      }
      const fqdn = fqdnOf(snap, ref.host, ref.namespace);
      const found = destinationRulesFor(snap, fqdn).flatMap((dr) => dr.subsets.filter((s) => s.name === ref.subset).map((s) => ({ dr, s })))[0];
      return found ? subsetHover(snap, found.dr, found.s, snap.serviceByHost(fqdn)) : `subset \`${ref.subset}\` ⚠ is not defined by a DestinationRule for \`${fqdn}\``;
    }
    case 'gateway': {
      if (ref.written === 'mesh') return '`mesh`: every sidecar of the mesh';
      const [gns, gname] = resolveGatewayName(ref.written, ref.namespace).split('/');
      return gatewayHover(snap, gns, gname);
    }
    case 'parent': {
      // A route's parentRef: whether it attached there, and to which listeners.
      const i = r.kind === 'HTTPRoute' || r.kind === 'GRPCRoute' || r.kind === 'TCPRoute' || r.kind === 'TLSRoute' ? path[2] : undefined;
      return typeof i === 'number' && !ref.declaration ? parentLines(snap, r as Parameters<typeof parentLines>[1])[i]?.slice(2) : undefined;
    }
    case 'resource':
      if (r.kind === 'DestinationRule') return destinationRuleHover(snap, r);
      return isWorkload(r) ? workloadHover(snap, r) : undefined;
    default:
      return undefined;
  }
}

function isWorkload(r: Resource): r is Workload {
  return isWorkloadKind(r.kind);
}

/** Hovering the keys of an http route (`- match:`, `- route:`, a `destination`) previews that route;
 *  the keys of a Gateway API rule (`- matches:`, `backendRefs:`, `filters:`) preview that rule. */
function routeKeyHover(snap: Snapshot, r: Resource, path: (string | number)[]): string | undefined {
  if ((r.kind === 'HTTPRoute' || r.kind === 'GRPCRoute') && path.length === 4 && pathIs(path.slice(0, 2), 'spec.rules') && typeof path[2] === 'number') {
    return ['matches', 'backendRefs', 'filters', 'name'].includes(String(path[3])) ? gatewayRulePreview(snap, r, path[2]) : undefined;
  }
  if (r.kind !== 'VirtualService' || path[0] !== 'spec' || path[1] !== 'http' || typeof path[2] !== 'number') return undefined;
  const rest = path.slice(3);
  const onRouteKey = rest.length === 1 && (rest[0] === 'match' || rest[0] === 'route');
  const onDestination = rest.length === 3 && rest[0] === 'route' && typeof rest[1] === 'number' && rest[2] === 'destination';
  return onRouteKey || onDestination ? httpRoutePreview(snap, r, path[2]) : undefined;
}
