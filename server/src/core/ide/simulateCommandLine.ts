import type { Snapshot } from '../workspace/snapshot';
import { resourceAt } from './context';
import { quote, requestForRoute } from './routeRequest';
import { fqdnOf, serviceFor } from './workspaceFacts';

/** A prefilled Simulate Request command line for the VirtualService under the cursor: a request
 *  matching the http route under the cursor (else the first), from a client of the workspace. */
export function commandLineAt(snap: Snapshot, file: string, offset: number):
  { commandLine: string; virtualService: { namespace: string; name: string }; httpRouteIndex: number | null } | undefined {
  const at = resourceAt(snap, file, offset);
  const vs = at?.resource;
  if (!vs || vs.kind !== 'VirtualService') return undefined;
  const ref = { namespace: vs.meta.namespace, name: vs.meta.name };
  const index = at.path[0] === 'spec' && at.path[1] === 'http' && typeof at.path[2] === 'number' ? at.path[2] : vs.http.length ? 0 : undefined;
  const req = index === undefined ? undefined : requestForRoute(snap, vs, index);
  if (req) return { commandLine: req.commandLine, virtualService: ref, httpRouteIndex: index! };
  const host = fqdnOf(snap, vs.hosts[0] ?? 'example.com', vs.meta.namespace);
  const port = serviceFor(snap, host, vs.meta.namespace)?.ports[0]?.port ?? 80;
  return { commandLine: `GET ${quote(`http://${host}${port === 80 ? '' : `:${port}`}/`)}`, virtualService: ref, httpRouteIndex: null };
}
