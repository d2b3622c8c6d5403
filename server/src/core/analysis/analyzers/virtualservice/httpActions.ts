/** Every http rule has exactly one action: `route`, `redirect`, `directResponse` or `delegate`;
 *  redirect and directResponse exclude fault and rewrite; a rule with `delegate` sets no route or
 *  redirect; a delegate VirtualService's rules cannot delegate again; `mirror` and `mirrors` are exclusive.
 *  Mirrors istio/istio pkg/config/validation/virtualservice.go validateHTTPRouteConflict (IST0106). */
import { arr, obj, strList } from '../../../model/coerce';
import type { Path } from '../../../yaml/locate';
import type { Analyzer } from '../../analyzer';
import { checkable, has, invalid } from '../common/istioReport';

export const httpActions: Analyzer = {
  name: 'virtualservice.httpActions',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const spec = obj(vs.meta.raw.spec) ?? {};
      const isDelegate = strList(spec.hosts).length === 0;
      arr(spec.http).forEach((raw, i) => {
        const r = obj(raw);
        const at = (k: string): Path => ['spec', 'http', i, k];
        if (!r) {
          if (raw === null) invalid(ctx, vs.meta, ['spec', 'http', i], 'an http route may not be empty');
          return;
        }
        const route = arr(r.route).length > 0;
        const report = (key: string, text: string) => invalid(ctx, vs.meta, at(key), text, { at: 'key' });
        if (has(r, 'delegate') && !isDelegate) {
          if (has(r, 'redirect')) report('redirect', 'a rule with `delegate` cannot also set `redirect`: the delegate VirtualService decides');
          if (r.route !== undefined && r.route !== null) report('route', 'a rule with `delegate` cannot also set `route`: the delegate VirtualService decides');
          return;
        }
        if (isDelegate && has(r, 'delegate')) report('delegate', 'a delegate VirtualService cannot delegate again');
        if (has(r, 'redirect')) {
          if (route) report('route', 'an http rule cannot have both `route` and `redirect`: a redirect answers the client itself');
          if (has(r, 'fault')) report('fault', 'an http rule cannot have both `fault` and `redirect`');
          if (has(r, 'rewrite')) report('rewrite', 'an http rule cannot have both `rewrite` and `redirect`');
          if (has(r, 'directResponse')) report('directResponse', 'an http rule cannot have both `directResponse` and `redirect`');
        } else if (has(r, 'directResponse')) {
          if (route) report('route', 'an http rule cannot have both `route` and `directResponse`');
          if (has(r, 'fault')) report('fault', 'an http rule cannot have both `fault` and `directResponse`');
          if (has(r, 'rewrite')) report('rewrite', 'an http rule cannot have both `rewrite` and `directResponse`');
        } else if (!route) {
          // Underline the rule's first key (`- match:`), not the whole rule.
          const first = r.route !== undefined ? 'route' : Object.keys(r)[0];
          invalid(ctx, vs.meta, first ? at(first) : ['spec', 'http', i], 'this http rule has no action: add a `route` (or a `redirect`, `directResponse` or `delegate`)', { at: first ? 'key' : 'value' });
        }
        if (has(r, 'mirror') && arr(r.mirrors).length > 0) report('mirrors', 'an http rule cannot have both `mirror` and `mirrors`: list every mirror under `mirrors`');
      });
    }
  },
};
