import { spanAt } from '../model/resource';
import type { Snapshot } from '../workspace/snapshot';
import { pathEndsWith, pathIs, resourceAt } from './context';
import { definition, nameLocation } from './definition';
import type { FileSpan } from './types';
import { destinationUses, gatewayUses } from './uses';
import { fqdnOf } from './workspaceFacts';

/** Find references: from a Service (or a host naming it), a subset or a Gateway to every route,
 *  DestinationRule and binding that uses it. */
export function references(snap: Snapshot, file: string, offset: number, includeDeclaration: boolean): FileSpan[] {
  const at = resourceAt(snap, file, offset);
  if (!at?.resource || at.cursor.text === undefined) return [];
  const { resource: r, path } = at;
  const text = at.cursor.text;
  const ns = r.meta.namespace;
  const isName = pathIs(path, 'metadata.name');
  let found: FileSpan[] = [];
  if ((r.kind === 'Service' && isName) || (r.kind === 'ServiceEntry' && pathIs(path, 'spec.hosts.*'))) found = hostReferences(snap, fqdnOf(snap, text, ns));
  else if (r.kind === 'VirtualService' && (pathEndsWith(path, 'destination.host') || pathEndsWith(path, 'mirror.host'))) found = hostReferences(snap, fqdnOf(snap, text, ns));
  else if (r.kind === 'DestinationRule' && pathIs(path, 'spec.host')) found = hostReferences(snap, fqdnOf(snap, text, ns));
  else if (r.kind === 'DestinationRule' && pathIs(path, 'spec.subsets.*.name')) found = subsetReferences(snap, fqdnOf(snap, r.host, ns), text);
  else if (r.kind === 'VirtualService' && (pathEndsWith(path, 'destination.subset') || pathEndsWith(path, 'mirror.subset'))) {
    found = subsetReferences(snap, fqdnOf(snap, String(valueAt(r.meta.raw, [...path.slice(0, -1), 'host']) ?? ''), ns), text);
  } else if (r.kind === 'Gateway' && isName) found = gatewayUses(snap, `${ns}/${r.meta.name}`).map((u) => ({ file: u.vs.meta.file, span: spanAt(u.vs.meta, u.path) }));
  else return [];
  if (includeDeclaration) found = [...definition(snap, file, offset), ...(isName ? [nameLocation(r)] : []), ...found];
  return dedupe(found);
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let v = root;
  for (const seg of path) v = (v as Record<string | number, unknown> | undefined)?.[seg];
  return v;
}

function hostReferences(snap: Snapshot, fqdn: string): FileSpan[] {
  const routes = destinationUses(snap, fqdn).map((u) => ({ file: u.vs.meta.file, span: spanAt(u.vs.meta, [...u.path, 'host']) }));
  const rules = snap.destinationRules.filter((d) => fqdnOf(snap, d.host, d.meta.namespace) === fqdn).map((d) => ({ file: d.meta.file, span: spanAt(d.meta, ['spec', 'host']) }));
  const hosts = snap.virtualServices.flatMap((vs) => vs.hosts.flatMap((h, i) => (fqdnOf(snap, h, vs.meta.namespace) === fqdn ? [{ file: vs.meta.file, span: spanAt(vs.meta, ['spec', 'hosts', i]) }] : [])));
  return [...hosts, ...routes, ...rules];
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
