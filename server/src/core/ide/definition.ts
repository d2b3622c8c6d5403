import type { Resource } from '../model/lower';
import { spanAt } from '../model/resource';
import type { RegistryService, Snapshot } from '../workspace/snapshot';
import { pathEndsWith, pathIs, resourceAt } from './context';
import type { FileSpan } from './types';
import { destinationRulesFor, findGateway, fqdnOf } from './workspaceFacts';

/** Go to definition: a host → its Service or ServiceEntry; a subset → the DestinationRule subset;
 *  a `gateways` entry → the Gateway; a delegate → the delegate VirtualService. */

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

function valueBeside(r: Resource, path: (string | number)[], key: string): string {
  let v: unknown = r.meta.raw;
  for (const seg of [...path.slice(0, -1), key]) v = (v as Record<string | number, unknown> | undefined)?.[seg];
  return typeof v === 'string' ? v : '';
}

export function definition(snap: Snapshot, file: string, offset: number): FileSpan[] {
  const at = resourceAt(snap, file, offset);
  if (!at?.resource || at.cursor.role !== 'value' || at.cursor.text === undefined) return [];
  const { resource: r, path } = at;
  const text = at.cursor.text;
  const ns = r.meta.namespace;
  const host = (h: string) => snap.servicesByHost(fqdnOf(snap, h, ns)).map((s) => serviceLocation(snap, s));
  if (r.kind === 'VirtualService') {
    if (pathEndsWith(path, 'destination.host') || pathEndsWith(path, 'mirror.host') || pathIs(path, 'spec.hosts.*')) return host(text);
    if (pathEndsWith(path, 'destination.subset') || pathEndsWith(path, 'mirror.subset')) {
      const fqdn = fqdnOf(snap, valueBeside(r, path, 'host'), ns);
      return destinationRulesFor(snap, fqdn).flatMap((dr) => dr.subsets.filter((s) => s.name === text)
        .map((s) => ({ file: dr.meta.file, span: spanAt(dr.meta, ['spec', 'subsets', s.index, 'name']) })));
    }
    if (pathIs(path, 'spec.gateways.*') || pathEndsWith(path, 'match.*.gateways.*')) {
      const gw = findGateway(snap, text, ns);
      return gw ? [nameLocation(gw)] : [];
    }
    if (pathEndsWith(path, 'delegate.name')) {
      const dns = valueBeside(r, path, 'namespace') || ns;
      return snap.virtualServices.filter((v) => v.meta.name === text && v.meta.namespace === dns).map(nameLocation);
    }
  }
  if (r.kind === 'DestinationRule' && pathIs(path, 'spec.host')) return host(text);
  if (r.kind === 'Sidecar' && pathEndsWith(path, 'hosts.*')) return host(text.includes('/') ? text.slice(text.indexOf('/') + 1) : text);
  return [];
}
