/** The same host and subset (and port) twice among one route's destinations: Envoy's weighted
 *  clusters then name one cluster twice, which splits nothing and is almost always a copy-paste slip
 *  (a subset left unchanged). Our check, after Kiali's KIA1105 (business/checkers/virtualservices/
 *  route_checker.go, repeated host+subset in a route: warning); istioctl analyze has no equivalent. */
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { resolvedDestinations } from '../common/destinations';
import { checkable } from '../common/istioReport';

export const repeatedDestinations: Analyzer = {
  name: 'virtualservice.repeatedDestinations',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const seen = new Map<string, readonly (string | number)[]>();
      for (const d of resolvedDestinations(ctx.snap, vs)) {
        if (d.kind !== 'route') continue;
        // The route is the path up to its `route` list: spec.<http|tcp|tls>[i].route.
        const key = `${d.path.slice(0, 4).join('.')}|${d.fqdn}|${d.subset ?? ''}|${d.port ?? ''}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, d.path);
          continue;
        }
        const what = `${d.host}${d.subset ? ` subset ${d.subset}` : ''}${d.port ? ` port ${d.port}` : ''}`;
        ctx.report(message(T.repeatedDestination, `${what} is already a destination of this route: the same cluster twice splits nothing (did you mean another subset?)`), vs.meta, [...d.path, d.subset ? 'subset' : 'host'], {
          related: [ctx.related(vs.meta, first, 'first listed here')],
        });
      }
    }
  },
};
