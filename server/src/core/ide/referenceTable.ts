import { valueAtPath } from '../model/coerce';
import type { Resource } from '../model/lower';
import { descriptorOf } from '../model/kinds';
import { GATEWAY_API_ROWS } from './gatewayApiReferences';
import { valueBeside, type ValueSite } from './valueSite';

export { valueBeside, type ValueSite };

/** What the value at a YAML path refers to: one table, read by go to definition, find references,
 *  hover and completion. A row names the resource kinds it applies to, the path of the value, and
 *  what that value is; each feature then says what it does with each kind of target (definition.ts,
 *  references.ts, hover.ts, completionReferences.ts). A new routing API adds rows here. */

/** What a value refers to. `declaration`: the value is the thing's own name (a Service's name, a
 *  DestinationRule's subset), not a use of it. */
export type Reference =
  /** A host name as written in a config of `namespace` (short names expand in that namespace). */
  | { to: 'host'; host: string; namespace: string; wildcards: boolean; inRoute?: boolean; declaration?: boolean;
      /** Written as a Kubernetes Service name (a Gateway API backendRef), never a host name. */
      serviceName?: boolean }
  /** A subset of the DestinationRules for `host`; `index` is the subset's own place when declared. */
  | { to: 'subset'; host: string; subset: string; namespace: string; declaration?: { index: number } }
  /** A gateway as written in a VirtualService of `namespace` (`name`, `ns/name`, `mesh`). */
  | { to: 'gateway'; written: string; namespace: string; declaration?: boolean }
  /** A delegate VirtualService. */
  | { to: 'delegate'; name: string; namespace: string }
  /** A port of the service `host`. */
  | { to: 'port'; hosts: string[]; namespace: string }
  /** A namespace; `special` values come first (`.` and `*` for exportTo). */
  | { to: 'namespace'; special: string[] }
  /** A label key (or its value) of a labels map, of the pods of a service (`of.host`) or of the
   *  workloads that could be clients. */
  | { to: 'labels'; key: string; namespace: string; of: { host: string } | 'clients' }
  /** The resource itself (its name): hover describes it. */
  | { to: 'resource' }
  /** The parent a Gateway API parentRef names: a Gateway API Gateway or, for GAMMA, a Service. */
  | { to: 'parent'; kind: 'Gateway' | 'Service'; name: string; namespace: string; declaration?: boolean }
  /** A listener of a Gateway API Gateway (`gateway` is `namespace/name`), by name or by port. */
  | { to: 'listener'; gateway: string; name: string; by: 'name' | 'port'; declaration?: boolean }
  /** A port of the Kubernetes Service `namespace/service` a GAMMA parentRef names, by name or number. */
  | { to: 'servicePort'; service: string; namespace: string; name: string; by: 'name' | 'port' }
  /** A route hostname: the hostnames of the listeners its parentRefs name. */
  | { to: 'routeHostname'; parents: { name: string; namespace: string; sectionName?: string; port?: number }[] }
  /** A filter `type`: those Istio converts, the rest of the API's values (which drop the route). */
  | { to: 'filterType'; supported: readonly string[] };

export interface ReferenceRow {
  /** Resource kinds the row applies to (a list, every kind, or a test on the kind's descriptor). */
  kinds: readonly string[] | 'any' | ((kind: string) => boolean);
  /** Path of the value, dot-separated: `*` any list index, `+` any map key, and a leading `**.`
   *  for "ends with" (the value may sit anywhere above it). */
  at: string;
  /** What the value refers to, or nothing (a value that cannot refer). */
  target(site: ValueSite): Reference | undefined;
  /** False where completion offers nothing from the workspace (a name being declared). */
  complete?: false;
}

const host = (wildcards: boolean, extra: { inRoute?: boolean; declaration?: boolean } = {}) =>
  (s: ValueSite): Reference => ({ to: 'host', host: s.text, namespace: s.namespace, wildcards, ...extra });
const subset = (s: ValueSite): Reference => ({ to: 'subset', host: valueBeside(s, 'host'), subset: s.text, namespace: s.namespace });
const gateway = (s: ValueSite): Reference => ({ to: 'gateway', written: s.text, namespace: s.namespace });
const name = (): Reference => ({ to: 'resource' });
const labels = (ofHost: boolean) => (s: ValueSite): Reference =>
  ({ to: 'labels', key: String(s.path.at(-1)), namespace: s.namespace, of: ofHost ? { host: stringAt(s.raw, ['spec', 'host']) } : 'clients' });
const port = (s: ValueSite): Reference => ({ to: 'port', hosts: [valueBeside({ raw: s.raw, path: s.path.slice(0, -1) }, 'host')], namespace: s.namespace });
const VS = ['VirtualService'];
const DR = ['DestinationRule'];

export const REFERENCE_TABLE: readonly ReferenceRow[] = [
  // VirtualService
  { kinds: VS, at: 'spec.hosts.*', target: host(true) },
  { kinds: VS, at: '**.destination.host', target: host(false, { inRoute: true }) },
  { kinds: VS, at: '**.mirror.host', target: host(false, { inRoute: true }) },
  { kinds: VS, at: '**.destination.subset', target: subset },
  { kinds: VS, at: '**.mirror.subset', target: subset },
  { kinds: VS, at: '**.destination.port.number', target: port },
  { kinds: VS, at: '**.mirror.port.number', target: port },
  { kinds: VS, at: 'spec.gateways.*', target: gateway },
  { kinds: VS, at: '**.match.*.gateways.*', target: gateway },
  { kinds: VS, at: '**.match.*.port', target: (s) => ({ to: 'port', hosts: hostsOf(s.raw), namespace: s.namespace }) },
  { kinds: VS, at: '**.delegate.name', target: (s) => ({ to: 'delegate', name: s.text, namespace: valueBeside(s, 'namespace') || s.namespace }) },
  { kinds: VS, at: '**.delegate.namespace', target: () => ({ to: 'namespace', special: [] }) },
  { kinds: VS, at: '**.match.*.sourceNamespace', target: () => ({ to: 'namespace', special: [] }) },
  { kinds: VS, at: '**.match.*.sourceLabels.+', target: labels(false) },
  { kinds: VS, at: 'metadata.name', target: name, complete: false },
  // DestinationRule
  { kinds: DR, at: 'spec.host', target: host(true) },
  { kinds: DR, at: 'spec.subsets.*.name', complete: false, target: (s) => ({ to: 'subset', host: stringAt(s.raw, ['spec', 'host']), subset: s.text, namespace: s.namespace, declaration: { index: s.path[2] as number } }) },
  { kinds: DR, at: 'spec.subsets.*.labels.+', target: labels(true) },
  { kinds: DR, at: 'metadata.name', target: name, complete: false },
  // Services, ServiceEntries, Gateways, Sidecars, workloads
  { kinds: ['Service'], at: 'metadata.name', target: host(false, { declaration: true }), complete: false },
  { kinds: ['Service'], at: 'spec.selector.+', target: labels(false) },
  { kinds: ['ServiceEntry'], at: 'spec.hosts.*', target: host(true, { declaration: true }), complete: false },
  { kinds: ['ServiceEntry'], at: 'metadata.name', complete: false, target: (s) => ({ to: 'host', host: stringAt(s.raw, ['spec', 'hosts', 0]), namespace: s.namespace, wildcards: true, declaration: true }) },
  { kinds: ['Gateway'], at: 'metadata.name', complete: false, target: (s) => ({ to: 'gateway', written: `${s.namespace}/${s.text}`, namespace: s.namespace, declaration: true }) },
  { kinds: ['Gateway'], at: 'spec.selector.+', target: labels(false) },
  // A Sidecar's egress host is `namespace/host`; completion does not offer those yet.
  { kinds: ['Sidecar'], at: '**.hosts.*', complete: false, target: (s) => ({ to: 'host', host: s.text.includes('/') ? s.text.slice(s.text.indexOf('/') + 1) : s.text, namespace: s.namespace, wildcards: true }) },
  { kinds: isWorkloadKind, at: 'metadata.name', target: name, complete: false },
  // Gateway API routes and Gateways (gatewayApiReferences.ts)
  ...GATEWAY_API_ROWS,
  // Any kind
  { kinds: 'any', at: '**.workloadSelector.matchLabels.+', target: labels(false) },
  { kinds: 'any', at: '**.workloadSelector.labels.+', target: labels(false) },
  { kinds: 'any', at: 'spec.exportTo.*', target: () => ({ to: 'namespace', special: ['.', '*'] }) },
  { kinds: 'any', at: 'metadata.namespace', target: () => ({ to: 'namespace', special: [] }) },
];

function stringAt(raw: unknown, path: (string | number)[]): string {
  const v = valueAtPath(raw, path);
  return typeof v === 'string' ? v : '';
}

function hostsOf(raw: unknown): string[] {
  const v = valueAtPath(raw, ['spec', 'hosts']);
  return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : [];
}

/** Does a path match a row's pattern? */
export function pathMatches(path: readonly (string | number)[], pattern: string): boolean {
  const ends = pattern.startsWith('**.');
  const parts = (ends ? pattern.slice(3) : pattern).split('.');
  if (ends ? parts.length > path.length : parts.length !== path.length) return false;
  const tail = path.slice(path.length - parts.length);
  return parts.every((p, i) => (p === '*' ? typeof tail[i] === 'number' : p === '+' ? typeof tail[i] === 'string' : String(tail[i]) === p));
}

function applies(row: ReferenceRow, kind: string): boolean {
  return row.kinds === 'any' || (typeof row.kinds === 'function' ? row.kinds(kind) : row.kinds.includes(kind));
}

/** A Pod, or a controller whose pod template stands for its pods (the registry of kinds says). */
export function isWorkloadKind(kind: string): boolean {
  return descriptorOf(kind)?.workload === true;
}

/** What the value at `site.path` refers to, by the first row that matches. */
export function referenceAt(site: ValueSite): Reference | undefined {
  for (const row of REFERENCE_TABLE) if (applies(row, site.kind) && pathMatches(site.path, row.at)) return row.target(site);
  return undefined;
}

/** Can completion offer workspace values for the value at `path` (of a resource of `kind`)? */
export function refersAt(kind: string, path: readonly (string | number)[]): boolean {
  return REFERENCE_TABLE.some((row) => row.complete !== false && applies(row, kind) && pathMatches(path, row.at));
}

/** Can it for the entries of the list or map at `path` (a `hosts:` list, a `labels:` map, a
 *  destination's `port:`)? */
export function refersInside(kind: string, path: readonly (string | number)[]): boolean {
  return REFERENCE_TABLE.some((row) => {
    if (row.complete === false || !applies(row, kind)) return false;
    const last = row.at.slice(row.at.lastIndexOf('.') + 1);
    return pathMatches([...path, last === '*' ? 0 : last === '+' ? 'key' : last], row.at);
  });
}

/** The site of a value inside a lowered resource. */
export function siteIn(resource: Resource, path: readonly (string | number)[], text: string): ValueSite {
  return { kind: resource.kind, namespace: resource.meta.namespace, path, text, raw: resource.meta.raw, resource };
}
