/** How a weighted route shares traffic among its backends, as Istio writes the weights for Envoy
 *  (istio/istio pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination): a single backend
 *  takes all traffic whatever its weight; among several, a weight of 0 (or none) drops the backend
 *  and the others share weight / total, in percent rounded to two decimals. The engine, the hovers,
 *  the references and the inlay hints all read this one function. */
export function backendShares(weights: readonly (number | undefined)[]): number[] {
  if (weights.length === 1) return [100];
  const total = weights.reduce<number>((s, w) => s + Math.max(0, w ?? 0), 0);
  return weights.map((w) => (total > 0 && (w ?? 0) > 0 ? Math.round(((w ?? 0) / total) * 10000) / 100 : 0));
}
