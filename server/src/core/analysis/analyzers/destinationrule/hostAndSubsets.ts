/** DestinationRule host and subsets: the host is a (wildcard-prefixed) DNS name; subset names are
 *  unique DNS labels; subset labels are valid Kubernetes labels; a workloadSelector has labels (else a
 *  warning) without empty keys or wildcards.
 *  Mirrors istio/istio pkg/config/validation/validation.go ValidateDestinationRule, validateSubset and
 *  validateWorkloadSelector (IST0106 / IST0133). */
import { arr, obj, str } from '../../../model/coerce';
import type { Analyzer } from '../../analyzer';
import { isDNS1123Label, labelsErrors, wildcardDomainError } from '../../validation/names';
import { checkable, invalid, warning } from '../common/istioReport';

export const destinationRuleHostAndSubsets: Analyzer = {
  name: 'destinationrule.hostAndSubsets',
  reads: ['DestinationRule'],
  scope: 'self',
  run(ctx) {
    for (const dr of checkable(ctx, 'DestinationRule')) {
      const spec = obj(dr.meta.raw.spec) ?? {};
      const host = str(spec.host);
      if (host !== undefined) {
        const err = wildcardDomainError(host);
        if (err) invalid(ctx, dr.meta, ['spec', 'host'], `invalid host: ${err}`);
      }
      const names = new Map<string, number>();
      arr(spec.subsets).forEach((raw, i) => {
        const s = obj(raw);
        if (!s) return;
        const name = str(s.name);
        if (name !== undefined) {
          const prev = names.get(name);
          if (prev !== undefined) {
            invalid(ctx, dr.meta, ['spec', 'subsets', i, 'name'], `duplicate subset name "${name}": only the first definition is used`, {
              related: [ctx.related(dr.meta, ['spec', 'subsets', prev, 'name'], 'first defined here')],
            });
          } else names.set(name, i);
          if (name === '') invalid(ctx, dr.meta, ['spec', 'subsets', i, 'name'], 'subset name cannot be empty');
          else if (!isDNS1123Label(name)) invalid(ctx, dr.meta, ['spec', 'subsets', i, 'name'], `subset name "${name}" is invalid: use letters, digits and '-' (a DNS label)`);
        }
        for (const e of labelsErrors(obj(s.labels) ?? {})) invalid(ctx, dr.meta, ['spec', 'subsets', i, 'labels'], e);
      });
      const ws = obj(spec.workloadSelector);
      if (ws) {
        const labels = obj(ws.matchLabels) ?? {};
        for (const [k, v] of Object.entries(labels)) {
          if (k === '') invalid(ctx, dr.meta, ['spec', 'workloadSelector', 'matchLabels'], 'a selector label key cannot be empty');
          if (k.includes('*') || String(v).includes('*')) invalid(ctx, dr.meta, ['spec', 'workloadSelector', 'matchLabels', k], `wildcards are not supported in selectors ("${k}=${String(v)}")`, { at: 'key' });
        }
        if (!Object.keys(labels).length) warning(ctx, dr.meta, ['spec', 'workloadSelector'], 'the workloadSelector has no labels', { at: 'key' });
      }
    }
  },
};
