import type { Snapshot } from '../workspace/snapshot';
import { resourceAt } from './context';
import { quote, requestForRoute } from './routeRequest';
import { requestForRule } from './ruleRequest';
import { fqdnOf, serviceFor } from './workspaceFacts';

/** A prefilled Simulate Request command line for the VirtualService (or HTTPRoute, GRPCRoute) under
 *  the cursor: a request matching the http route (or rule) under the cursor, else the first, from a
 *  client of the workspace or through the Gateway the route attached to. */
export function commandLineAt(snap: Snapshot, file: string, offset: number):
  { commandLine: string; virtualService: { namespace: string; name: string }; httpRouteIndex: number | null; route?: { kind: string; namespace: string; name: string; ruleIndex: number } } | undefined {
  const at = resourceAt(snap, file, offset);
  const vs = at?.resource;
  if (vs?.kind === 'HTTPRoute' || vs?.kind === 'GRPCRoute') {
    const rule = at!.path[0] === 'spec' && at!.path[1] === 'rules' && typeof at!.path[2] === 'number' ? at!.path[2] : 0;
    const req = requestForRule(snap, vs, rule);
    const ref = { namespace: vs.meta.namespace, name: vs.meta.name };
    return req && { commandLine: req.commandLine, virtualService: ref, httpRouteIndex: null, route: { kind: vs.kind, ...ref, ruleIndex: rule } };
  }
  if (!vs || vs.kind !== 'VirtualService') return undefined;
  const ref = { namespace: vs.meta.namespace, name: vs.meta.name };
  const index = at.path[0] === 'spec' && at.path[1] === 'http' && typeof at.path[2] === 'number' ? at.path[2] : vs.http.length ? 0 : undefined;
  const req = index === undefined ? undefined : requestForRoute(snap, vs, index);
  if (req) return { commandLine: req.commandLine, virtualService: ref, httpRouteIndex: index! };
  const host = fqdnOf(snap, vs.hosts[0] ?? 'example.com', vs.meta.namespace);
  const port = serviceFor(snap, host, vs.meta.namespace)?.ports[0]?.port ?? 80;
  return { commandLine: `GET ${quote(`http://${host}${port === 80 ? '' : `:${port}`}/`)}`, virtualService: ref, httpRouteIndex: null };
}
