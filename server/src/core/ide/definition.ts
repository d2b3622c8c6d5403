import type { Resource } from '../model/lower';
import { spanAt } from '../model/resource';
import type { RegistryService, Snapshot } from '../workspace/snapshot';
import { resourceAt } from './context';
import { listenerLocation, parentLocation, servicePortLocation } from './gatewayApiUses';
import { referenceAt, siteIn, type Reference } from './referenceTable';
import type { FileSpan } from './types';
import { destinationRulesFor, findGateway, fqdnOf } from './workspaceFacts';

/** Go to definition: a host → its Service or ServiceEntry; a subset → the DestinationRule subset;
 *  a `gateways` entry → the Gateway; a delegate → the delegate VirtualService; a Gateway API parentRef
 *  → its Gateway (or Service) and listener. */

export function serviceLocation(snap: Snapshot, svc: RegistryService): FileSpan {
  const src = svc.source;
  if (src.kind === 'ServiceEntry') {
    const i = src.hosts.findIndex((h) => fqdnOf(snap, h, src.meta.namespace) === svc.hostname);
    return { file: src.meta.file, span: spanAt(src.meta, i >= 0 ? ['spec', 'hosts', i] : ['metadata', 'name']) };
  }
  return { file: src.meta.file, span: spanAt(src.meta, ['metadata', 'name']) };
}

export function nameLocation(r: Resource): FileSpan {
  return { file: r.meta.file, span: spanAt(r.meta, ['metadata', 'name']) };
}

export function definition(snap: Snapshot, file: string, offset: number): FileSpan[] {
  const at = resourceAt(snap, file, offset);
  if (!at?.resource || at.cursor.role !== 'value' || at.cursor.text === undefined) return [];
  const ref = referenceAt(siteIn(at.resource, at.path, at.cursor.text));
  return ref ? definitionOf(snap, ref) : [];
}

/** Where a referenced thing is declared (nothing for a value that is itself the declaration). */
export function definitionOf(snap: Snapshot, ref: Reference): FileSpan[] {
  switch (ref.to) {
    case 'host':
      return ref.declaration ? [] : snap.servicesByHost(fqdnOf(snap, ref.host, ref.namespace)).map((s) => serviceLocation(snap, s));
    case 'subset':
      if (ref.declaration) return [];
      return destinationRulesFor(snap, fqdnOf(snap, ref.host, ref.namespace)).flatMap((dr) => dr.subsets.filter((s) => s.name === ref.subset)
        .map((s) => ({ file: dr.meta.file, span: spanAt(dr.meta, ['spec', 'subsets', s.index, 'name']) })));
    case 'gateway': {
      const gw = ref.declaration ? undefined : findGateway(snap, ref.written, ref.namespace);
      return gw ? [nameLocation(gw)] : [];
    }
    case 'delegate':
      return snap.virtualServices.filter((v) => v.meta.name === ref.name && v.meta.namespace === ref.namespace).map(nameLocation);
    case 'parent':
      return ref.declaration ? [] : parentLocation(snap, ref);
    case 'listener':
      return ref.declaration ? [] : listenerLocation(snap, ref);
    case 'servicePort':
      return servicePortLocation(snap, ref);
    default:
      return [];
  }
}
