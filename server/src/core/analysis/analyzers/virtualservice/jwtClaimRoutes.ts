/** A VirtualService bound to a Gateway that matches on JWT claims (`@request.auth.claims.<name>` or
 *  `@request.auth.claims[<name>]` in `headers` or `withoutHeaders`) needs a RequestAuthentication for
 *  each gateway pod: without one the JWT is never validated, the claims are never set, and the
 *  match never holds. A RequestAuthentication counts in istio-system or in the pod's namespace, when its
 *  `selector.matchLabels` (none: every pod) select the pod.
 *  Mirrors istioctl analyze virtualservice/jwtclaimroute.go JWTClaimRouteAnalyzer (IST0149; the key
 *  syntax of pkg/jwt/routing.go ToRoutingClaim). Gateways are `name` in the VirtualService's namespace
 *  or `namespace/name`; a missing one is gateway analysis's to report. When the files hold no pod of
 *  the default ingress gateway it is assumed in istio-system, as istioctl's dummy pod is. */
import { arr, obj } from '../../../model/coerce';
import type { RequestAuthentication } from '../../../model/security';
import type { VirtualService } from '../../../model/virtualService';
import { formatLabels } from '../../../routing/destinations';
import { labelsMatch } from '../../../workspace/hosts';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

const CLAIMS = '@request.auth.claims';
const DEFAULT_INGRESS = { labels: { istio: 'ingressgateway' }, namespace: 'istio-system' };

function isClaimKey(key: string): boolean {
  if (!key.toLowerCase().startsWith(CLAIMS)) return false;
  const rest = key.slice(CLAIMS.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

/** The first claim key of the http matches, with its path. */
function claimKey(vs: VirtualService): { key: string; path: (string | number)[] } | undefined {
  const http = arr(obj(vs.meta.raw.spec)?.http);
  for (let i = 0; i < http.length; i++) {
    const matches = arr(obj(http[i])?.match);
    for (let j = 0; j < matches.length; j++) {
      for (const field of ['headers', 'withoutHeaders']) {
        const key = Object.keys(obj(obj(matches[j])?.[field]) ?? {}).find(isClaimKey);
        if (key !== undefined) return { key, path: ['spec', 'http', i, 'match', j, field, key] };
      }
    }
  }
  return undefined;
}

export const jwtClaimRoutes: Analyzer = {
  name: 'virtualservice.jwtClaimRoutes',
  reads: ['VirtualService', 'Gateway', 'RequestAuthentication', 'Pod', 'Deployment'],
  scope: 'resource',
  run(ctx) {
    const gateways = new Map(ctx.all('Gateway').map((g) => [`${g.meta.namespace}/${g.meta.name}`, g]));
    const authns = ctx.all('RequestAuthentication');
    const appliesTo = (ra: RequestAuthentication, namespace: string, labels: Record<string, string>) =>
      (ra.meta.namespace === DEFAULT_INGRESS.namespace || ra.meta.namespace === namespace) && labelsMatch(ra.selector, labels);
    for (const vs of checkable(ctx, 'VirtualService')) {
      const claim = claimKey(vs);
      if (!claim) continue;
      for (const name of vs.gateways) {
        if (name === 'mesh') continue;
        const full = name.includes('/') ? name : `${vs.meta.namespace}/${name}`;
        const gw = gateways.get(full);
        if (!gw) continue;
        let pods = ctx.snap.workloads.filter((w) => labelsMatch(gw.selector, w.labels)).map((w) => ({ name: `${w.kind} ${w.namespace}/${w.name}`, namespace: w.namespace, labels: w.labels }));
        if (!pods.length && labelsMatch(gw.selector, DEFAULT_INGRESS.labels) && !ctx.snap.workloads.some((w) => labelsMatch(DEFAULT_INGRESS.labels, w.labels))) {
          pods = [{ name: `the default ingress gateway (${formatLabels(DEFAULT_INGRESS.labels)} in ${DEFAULT_INGRESS.namespace}, assumed installed)`, ...DEFAULT_INGRESS }];
        }
        for (const pod of pods) {
          if (authns.some((ra) => appliesTo(ra, pod.namespace, pod.labels))) continue;
          ctx.report(message(T.jwtClaimRouteWithoutRequestAuthn, `This VirtualService routes on the JWT claim ${claim.key}, but no RequestAuthentication applies to the pods of Gateway ${full}: ${pod.name} (none in ${pod.namespace === DEFAULT_INGRESS.namespace ? pod.namespace : `istio-system or ${pod.namespace}`} selects it). Without one the token is not validated and the claims never match`), vs.meta, claim.path, { at: 'key' });
        }
      }
    }
  },
};
