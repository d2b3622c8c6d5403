/** At most one VirtualService bound to the mesh (no `gateways`, or `mesh` among them) per host and
 *  visibility scope: sidecars use only one of them, so the others are silently ignored. Every
 *  VirtualService involved is reported, each pointing at the others. A VirtualService whose own hosts
 *  overlap is not a conflict with itself (istio/istio#42561).
 *  Mirrors istioctl analyze virtualservice/conflictingmeshgatewayhosts.go: IST0109. */
import type { VirtualService } from '../../../model/virtualService';
import { hostMatches, resolveShortname } from '../../../workspace/hosts';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';
import { KeptIndex } from '../../../workspace/keptIndex';

interface Claim {
  vs: VirtualService;
  scope: string;
  host: string;
  index: number;
}

function scopes(vs: VirtualService): string[] {
  const e = vs.exportTo;
  if (e.length === 0 || e.includes('*')) return ['*'];
  return [...new Set(e.map((x) => (x === '.' ? vs.meta.namespace : x)))];
}

/** Per lowering (its raw object, kept while the document is unchanged or only moved) and cluster domain. */
const claimsOf = new WeakMap<object, { domain: string; claims: { key: string; scope: string; host: string; index: number }[] }>();

/** The hosts a mesh-bound VirtualService claims, per visibility scope, keyed `scope/host`. */
function meshClaims(vs: VirtualService, domain: string): { key: string; scope: string; host: string; index: number }[] {
  const hit = claimsOf.get(vs.meta.raw);
  if (hit?.domain === domain) return hit.claims;
  const claims: { key: string; scope: string; host: string; index: number }[] = [];
  if (!vs.gateways.length || vs.gateways.includes('mesh')) {
    for (const scope of scopes(vs)) {
      vs.hosts.forEach((h, index) => {
        const host = resolveShortname(h, vs.meta.namespace, domain);
        claims.push({ key: `${scope}/${host}`, scope, host, index });
      });
    }
  }
  claimsOf.set(vs.meta.raw, { domain, claims });
  return claims;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Public claims by host, and the wildcard ones, so that a namespace-scoped host finds them without a
 *  scan of every claim (built only when some VirtualService is exported to namespaces). */
function indexPublic(claims: Map<string, Claim[]>): { byHost: Map<string, Claim[]>; wildcards: Claim[] } {
  const byHost = new Map<string, Claim[]>();
  const wildcards: Claim[] = [];
  for (const list of claims.values()) {
    for (const c of list) {
      if (c.scope !== '*') continue;
      if (c.host.startsWith('*')) wildcards.push(c);
      else push(byHost, c.host, c);
    }
  }
  return { byHost, wildcards };
}

interface Conflict {
  host: string;
  /** Every claim on the host, in workspace order. */
  all: Claim[];
  /** One claim per VirtualService (namespace/name). */
  distinct: Claim[];
}

/** The conflicts between every VirtualService of the workspace (Helm templates left out). */
function findConflicts(vss: readonly VirtualService[], domain: string): Conflict[] {
  const claims = new Map<string, Claim[]>();
  for (const vs of vss) {
    if (vs.meta.origin.document.isTemplate) continue;
    for (const { key, scope, host, index } of meshClaims(vs, domain)) push(claims, key, { vs, scope, host, index });
  }
  let publicClaims: ReturnType<typeof indexPublic> | undefined;
  const publicMatching = (host: string) => {
    const { byHost, wildcards } = (publicClaims ??= indexPublic(claims));
    return [
      ...(host.startsWith('*') ? [...byHost.values()].flat().filter((c) => hostMatches(host, c.host)) : byHost.get(host) ?? []),
      ...wildcards.filter((c) => hostMatches(host, c.host)),
    ];
  };
  const out: Conflict[] = [];
  for (const [, list] of claims) {
    const { scope, host } = list[0];
    if (scope === '*' && list.length < 2) continue; // one claim: no conflict (the common case, checked cheaply)
    // A namespace-scoped host also conflicts with public VirtualServices whose host matches it.
    const all = scope === '*' ? list : [...list, ...publicMatching(host)];
    // The same VirtualService (namespace/name) in several files is one object in the cluster, not a conflict.
    const distinct = [...new Map(all.map((c) => [`${c.vs.meta.namespace}/${c.vs.meta.name}`, c])).values()];
    if (distinct.length >= 2) out.push({ host, all, distinct });
  }
  return out;
}

/** Kept for the next snapshot while its VirtualServices are the same objects (an edit of anything else). */
const conflicts = new KeptIndex(findConflicts);

export const conflictingMeshHosts: Analyzer = {
  name: 'virtualservice.conflictingMeshHosts',
  reads: ['VirtualService'],
  // It reads every VirtualService through the snapshot: an edit of one runs it in full.
  scope: 'resource',
  run(ctx) {
    const mine = new Set(checkable(ctx, 'VirtualService'));
    if (!mine.size) return;
    const reported = new Set<VirtualService>();
    const sameObject = (a: VirtualService, b: VirtualService) => a.meta.namespace === b.meta.namespace && a.meta.name === b.meta.name;
    for (const { host, all, distinct } of conflicts.get(ctx.snap.virtualServices, ctx.snap.options.clusterDomain)) {
      const names = distinct.map((c) => `${c.vs.meta.namespace}/${c.vs.meta.name}`).sort();
      for (const c of all) {
        if (!mine.has(c.vs) || reported.has(c.vs)) continue;
        reported.add(c.vs);
        const others = distinct.filter((o) => !sameObject(o.vs, c.vs));
        ctx.report(message(T.conflictingMeshHosts, `The VirtualServices ${names.join(', ')} bound to the mesh all define host ${host}: sidecars use only one of them. Merge them into a single VirtualService`), c.vs.meta, ['spec', 'hosts', c.index], {
          related: others.map((o) => ctx.related(o.vs.meta, ['spec', 'hosts', o.index], `VirtualService ${o.vs.meta.namespace}/${o.vs.meta.name} also defines ${host}`)),
        });
      }
    }
  },
};
