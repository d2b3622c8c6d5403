/** Istio's host name rules: pkg/config/host/name.go and pilot/pkg/model/config.go. */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isWildcard(h: string): boolean {
  return h.startsWith('*');
}

export function isIP(h: string): boolean {
  return IPV4.test(h) || h.includes(':');
}

/** ResolveShortnameToFQDN: a name without a dot is expanded in the namespace of the config that
 *  names it; anything with a dot, `*` and IPs are taken literally. */
export function resolveShortname(name: string, namespace: string, domain: string): string {
  const h = name.trim().toLowerCase();
  if (!h || h === '*' || h.includes('.') || isIP(h)) return h;
  return serviceHostname(h, namespace, domain);
}

/** The cluster DNS name of the Kubernetes Service `name` in `namespace`: `<service>.<ns>.svc.<zone>`
 *  (Kubernetes DNS-Based Service Discovery specification, 2.3.1 A records), the host Istio's
 *  registry gives it (pilot/pkg/serviceregistry/kube/conversion.go ServiceHostname). */
export function serviceHostname(name: string, namespace: string, domain: string): string {
  return `${name}.${namespace}.svc.${domain}`;
}

/** A host as written in a config of `namespace`, as the FQDN it stands for in the workspace's
 *  cluster domain (resolveShortname with the snapshot's options). */
export function fqdnOf(snap: { options: { clusterDomain: string } }, host: string, namespace: string): string {
  return resolveShortname(host, namespace, snap.options.clusterDomain);
}

/** host.Name.Matches: wildcards match by suffix (`*.foo.com` does not match `foo.com`; `*` matches all). */
export function hostMatches(a: string, b: string): boolean {
  const aw = isWildcard(a);
  const bw = isWildcard(b);
  if (aw && bw) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** host.MoreSpecific as a sort order: exact names first, then longer wildcards, then by name. */
export function compareSpecificity(a: string, b: string): number {
  const aw = isWildcard(a);
  const bw = isWildcard(b);
  if (aw !== bw) return aw ? 1 : -1;
  if (aw && a.length !== b.length) return b.length - a.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** config.go resolveGatewayName: `name` and `./name` → `<ns>/name`, legacy `name.ns[.svc…]` → `ns/name`. */
export function resolveGatewayName(gw: string, namespace: string): string {
  if (gw === 'mesh') return gw;
  const slash = gw.indexOf('/');
  if (slash >= 0) return gw.slice(0, slash) === '.' ? `${namespace}/${gw.slice(slash + 1)}` : gw;
  const dot = gw.indexOf('.');
  if (dot < 0) return `${namespace}/${gw}`;
  const rest = gw.slice(dot + 1);
  const nsEnd = rest.indexOf('.');
  return `${nsEnd < 0 ? rest : rest.slice(0, nsEnd)}/${gw.slice(0, dot)}`;
}

/** exportTo visibility (pkg/config/visibility): empty = the mesh default (`*`), `.` = own namespace, `~` = nobody. */
const EVERYWHERE: readonly string[] = ['*'];

export function isVisible(exportTo: readonly string[], ownNamespace: string, clientNamespace: string, defaultExportTo: readonly string[] = EVERYWHERE): boolean {
  const list = exportTo.length ? exportTo : defaultExportTo;
  if (list.includes('*')) return true;
  if (list.includes('~')) return false;
  return list.some((e) => (e === '.' ? ownNamespace === clientNamespace : e === clientNamespace));
}

export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  // for…in rather than Object.entries: no arrays for a check made thousands of times per analysis.
  for (const k in selector) if (Object.hasOwn(selector, k) && labels[k] !== selector[k]) return false;
  return true;
}

/** Orders configs as Istio does (configCompareByCreationTime): oldest first, then name, then namespace. */
export function compareByCreation(a: { creationTimestamp?: string; name: string; namespace: string }, b: typeof a): number {
  const ta = a.creationTimestamp ? Date.parse(a.creationTimestamp) : NaN;
  const tb = b.creationTimestamp ? Date.parse(b.creationTimestamp) : NaN;
  const va = Number.isNaN(ta) ? 0 : ta;
  const vb = Number.isNaN(tb) ? 0 : tb;
  if (va !== vb) return va - vb;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}
