import type { BackendObjectRef } from '../gatewayapi/types';
import { spanAt } from '../model/resource';
import type { Snapshot } from '../workspace/snapshot';
import { destinationRulesNamingHost } from '../workspace/destinationRulesForHost';
import { resolveGatewayName } from '../workspace/hosts';
import { pathIs, resourceAt } from './context';
import { definitionOf } from './definition';
import { listenerReferences, parentReferences, serviceParentReferences } from './gatewayApiUses';
import { referenceAt, siteIn } from './referenceTable';
import type { FileSpan } from './types';
import { destinationUses, gatewayUses } from './uses';
import { fqdnOf } from './workspaceFacts';

/** Find references: from a Service (or a host naming it), a subset or a Gateway to every route,
 *  DestinationRule and binding that uses it; from a Gateway API Gateway or listener to the parentRefs
 *  that name it. */
export function references(snap: Snapshot, file: string, offset: number, includeDeclaration: boolean): FileSpan[] {
  const at = resourceAt(snap, file, offset);
  if (!at?.resource || at.cursor.role !== 'value' || at.cursor.text === undefined) return [];
  const { resource: r, path } = at;
  const ref = referenceAt(siteIn(r, path, at.cursor.text));
  let found: FileSpan[];
  switch (ref?.to) {
    case 'host':
      found = hostReferences(snap, fqdnOf(snap, ref.host, ref.namespace));
      break;
    case 'subset':
      found = subsetReferences(snap, fqdnOf(snap, ref.host, ref.namespace), ref.subset);
      break;
    case 'gateway':
      found = gatewayUses(snap, resolveGatewayName(ref.written, ref.namespace)).map((u) => ({ file: u.vs.meta.file, span: spanAt(u.vs.meta, u.path) }));
      break;
    case 'parent':
      found = parentReferences(snap, ref);
      break;
    case 'listener':
      found = listenerReferences(snap, ref);
      break;
    default:
      return [];
  }
  // The value is the declaration itself: a resource's name, or a Gateway listener's.
  const isName = pathIs(path, 'metadata.name') || (ref.to === 'listener' && ref.declaration);
  if (includeDeclaration) found = [...definitionOf(snap, ref), ...(isName ? [{ file: r.meta.file, span: spanAt(r.meta, path) }] : []), ...found];
  return dedupe(found);
}

function hostReferences(snap: Snapshot, fqdn: string): FileSpan[] {
  const routes = destinationUses(snap, fqdn).map((u) => ({ file: u.vs.meta.file, span: spanAt(u.vs.meta, [...u.path, 'host']) }));
  const rules = destinationRulesNamingHost(snap, fqdn).map((d) => ({ file: d.meta.file, span: spanAt(d.meta, ['spec', 'host']) }));
  const hosts = snap.virtualServices.flatMap((vs) => vs.hosts.flatMap((h, i) => (fqdnOf(snap, h, vs.meta.namespace) === fqdn ? [{ file: vs.meta.file, span: spanAt(vs.meta, ['spec', 'hosts', i]) }] : [])));
  return [...hosts, ...routes, ...rules, ...backendRefUses(snap, fqdn), ...serviceParentReferences(snap, fqdn)];
}

/** Gateway API backendRefs (and mirror targets) of the core Service kind that name the Service `fqdn`. */
function backendRefUses(snap: Snapshot, fqdn: string): FileSpan[] {
  const out: FileSpan[] = [];
  for (const route of [...snap.httpRoutes, ...snap.grpcRoutes, ...snap.tcpRoutes, ...snap.tlsRoutes]) {
    for (const rule of route.rules) {
      const refs: BackendObjectRef[] = [...rule.backendRefs];
      if ('filters' in rule) for (const f of rule.filters) if (f.requestMirror) refs.push(f.requestMirror.backendRef);
      for (const b of refs) {
        if (b.group === '' && b.kind === 'Service' && b.name && fqdnOf(snap, b.name, b.namespace) === fqdn) out.push({ file: route.meta.file, span: spanAt(route.meta, [...b.path, 'name']) });
      }
    }
  }
  return out;
}

function subsetReferences(snap: Snapshot, fqdn: string, subset: string): FileSpan[] {
  return destinationUses(snap, fqdn).filter((u) => u.subset === subset).map((u) => ({ file: u.vs.meta.file, span: spanAt(u.vs.meta, [...u.path, 'subset']) }));
}

function dedupe(list: FileSpan[]): FileSpan[] {
  const seen = new Set<string>();
  return list.filter((l) => {
    const k = `${l.file}|${l.span.start}|${l.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
