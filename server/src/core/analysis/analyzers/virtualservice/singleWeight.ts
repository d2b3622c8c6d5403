/** A lone route destination with a weight below 100 still gets all the traffic: weights are relative
 *  shares (Istio dropped the "sum to 100" rule in 1.15, istio/istio#39544), so the number suggests a
 *  split that does not happen. Our check (Kiali's KIA1104 says the same); information only. */
import { arr, num, obj } from '../../../model/coerce';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

export const singleWeight: Analyzer = {
  name: 'virtualservice.singleWeight',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const spec = obj(vs.meta.raw.spec) ?? {};
      for (const proto of ['http', 'tcp', 'tls'] as const) {
        arr(spec[proto]).forEach((r, i) => {
          const routes = arr(obj(r)?.route);
          const w = num(obj(routes[0])?.weight);
          if (routes.length !== 1 || w === undefined || w <= 0 || w >= 100) return;
          ctx.report(message(T.singleWeight, `weight ${w} on the only destination: it still receives 100% of the traffic (weights are shares between destinations)`), vs.meta, ['spec', proto, i, 'route', 0, 'weight']);
        });
      }
    }
  },
};
