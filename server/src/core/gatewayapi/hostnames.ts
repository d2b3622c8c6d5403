/** Host name relations Istio uses for Gateway API hostnames (istio/istio pkg/config/host/name.go
 *  Name.Matches, Name.SubsetOf; pkg/config/host/names.go Intersection). */
import { hostMatches, isWildcard } from '../workspace/hosts';

export { hostMatches };

/** host.Name.SubsetOf: every name `a` matches is matched by `b` (`*` is a superset of all). */
export function hostSubsetOf(a: string, b: string): boolean {
  const aw = isWildcard(a);
  const bw = isWildcard(b);
  if (aw && bw) return a.length >= b.length && a.slice(1).endsWith(b.slice(1));
  if (aw) return false;
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** The more specific of two overlapping names, undefined when they do not overlap (names.go
 *  Intersection: listener `*.bar.com` × route `*` gives `*.bar.com`). */
export function intersectHost(a: string, b: string): string | undefined {
  if (hostSubsetOf(a, b)) return a;
  if (hostSubsetOf(b, a)) return b;
  return undefined;
}
