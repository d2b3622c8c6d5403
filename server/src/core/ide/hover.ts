import type { Resource } from '../model/lower';
import { resolveGatewayName } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import { pathEndsWith, pathIs, resourceAt } from './context';
import { destinationRuleHover, gatewayHover, serviceHover, subsetHover, workloadHover } from './hoverTargets';
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
  const ns = r.meta.namespace;
  const isName = pathIs(path, 'metadata.name');
  switch (r.kind) {
    case 'VirtualService': {
      if (isName || pathIs(path, 'spec.hosts.*')) return routePreview(snap, r);
      if (pathEndsWith(path, 'destination.host') || pathEndsWith(path, 'mirror.host')) {
        const svc = serviceFor(snap, text, ns);
        return svc ? serviceHover(snap, svc, false) : `\`${fqdnOf(snap, text, ns)}\` ⚠ is not a Service or ServiceEntry in the workspace`;
      }
      if (pathEndsWith(path, 'destination.subset') || pathEndsWith(path, 'mirror.subset')) {
        const host = String(path.length >= 2 ? hostBeside(r, path) : '');
        const fqdn = fqdnOf(snap, host, ns);
        const found = destinationRulesFor(snap, fqdn).flatMap((dr) => dr.subsets.filter((s) => s.name === text).map((s) => ({ dr, s })))[0];
        return found ? subsetHover(snap, found.dr, found.s, snap.serviceByHost(fqdn)) : `subset \`${text}\` ⚠ is not defined by a DestinationRule for \`${fqdn}\``;
      }
      if (pathIs(path, 'spec.gateways.*') || pathEndsWith(path, 'match.*.gateways.*')) {
        if (text === 'mesh') return '`mesh`: every sidecar of the mesh';
        const [gns, gname] = resolveGatewayName(text, ns).split('/');
        return gatewayHover(snap, gns, gname);
      }
      return undefined;
    }
    case 'DestinationRule': {
      if (isName) return destinationRuleHover(snap, r);
      if (pathIs(path, 'spec.host')) {
        const svc = serviceFor(snap, text, ns);
        return svc ? serviceHover(snap, svc, true) : `\`${fqdnOf(snap, text, ns)}\` ⚠ is not a Service or ServiceEntry in the workspace`;
      }
      if (pathIs(path, 'spec.subsets.*.name')) {
        const s = r.subsets[path[2] as number];
        return s ? subsetHover(snap, r, s, serviceFor(snap, r.host, ns)) : undefined;
      }
      return undefined;
    }
    case 'Service': {
      if (!isName) return undefined;
      const svc = snap.serviceByHost(fqdnOf(snap, r.meta.name, ns));
      return svc ? serviceHover(snap, svc, true) : undefined;
    }
    case 'ServiceEntry': {
      if (!pathIs(path, 'spec.hosts.*') && !isName) return undefined;
      const svc = snap.serviceByHost(fqdnOf(snap, isName ? r.hosts[0] ?? '' : text, ns));
      return svc ? serviceHover(snap, svc, true) : undefined;
    }
    case 'Gateway':
      return isName ? gatewayHover(snap, ns, r.meta.name) : undefined;
    case 'Sidecar':
    case 'Namespace':
    case 'GatewayClass': case 'KubernetesGateway': case 'HTTPRoute': case 'GRPCRoute': case 'TCPRoute': case 'TLSRoute': case 'ReferenceGrant':
      return undefined;
    default:
      return isName ? workloadHover(snap, r) : undefined;
  }
}

/** Hovering the keys of an http route (`- match:`, `- route:`, a `destination`) previews that route. */
function routeKeyHover(snap: Snapshot, r: Resource, path: (string | number)[]): string | undefined {
  if (r.kind !== 'VirtualService' || path[0] !== 'spec' || path[1] !== 'http' || typeof path[2] !== 'number') return undefined;
  const rest = path.slice(3);
  const onRouteKey = rest.length === 1 && (rest[0] === 'match' || rest[0] === 'route');
  const onDestination = rest.length === 3 && rest[0] === 'route' && typeof rest[1] === 'number' && rest[2] === 'destination';
  return onRouteKey || onDestination ? httpRoutePreview(snap, r, path[2]) : undefined;
}

/** The `host` next to a `subset` (destination.subset → destination.host) in the raw resource. */
function hostBeside(r: Resource, path: (string | number)[]): string {
  let v: unknown = r.meta.raw;
  for (const seg of [...path.slice(0, -1), 'host']) v = (v as Record<string | number, unknown> | undefined)?.[seg];
  return typeof v === 'string' ? v : '';
}
