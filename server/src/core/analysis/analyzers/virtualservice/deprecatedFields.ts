/** Deprecated fields that still parse but should be replaced: `fault.delay.percent` (use
 *  `percentage`) in VirtualServices, and a Sidecar's `outboundTrafficPolicy.egressProxy` (ignored).
 *  Mirrors istioctl analyze deprecation/deprecation.go: IST0002. */
import { arr, num, obj } from '../../../model/coerce';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable, has } from '../common/istioReport';

export const deprecatedFields: Analyzer = {
  name: 'virtualservice.deprecatedFields',
  reads: ['VirtualService', 'Sidecar'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      arr(obj(vs.meta.raw.spec)?.http).forEach((r, i) => {
        const delay = obj(obj(obj(r)?.fault)?.delay);
        if ((num(delay?.percent) ?? 0) > 0) {
          ctx.report(message(T.deprecated, '`fault.delay.percent` is deprecated: use `percentage: {value: …}`'), vs.meta, ['spec', 'http', i, 'fault', 'delay', 'percent'], { at: 'key' });
        }
      });
    }
    for (const sc of checkable(ctx, 'Sidecar')) {
      if (has(obj(obj(sc.meta.raw.spec)?.outboundTrafficPolicy), 'egressProxy')) {
        ctx.report(message(T.deprecated, '`outboundTrafficPolicy.egressProxy` is ignored by Istio'), sc.meta, ['spec', 'outboundTrafficPolicy', 'egressProxy'], { at: 'key' });
      }
    }
  },
};
