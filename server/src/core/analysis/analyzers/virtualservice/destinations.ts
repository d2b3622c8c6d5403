/** Route destinations: weights are not negative and, with more than one destination, not all zero
 *  (they need NOT sum to 100: Istio dropped that check in 1.15, istio/istio#39544); a destination host
 *  is a DNS name other than `*`; a subset name is a DNS label; ports are 1..65535; mirror percentages
 *  are 0..100; `mirrorPercent` is deprecated (warning).
 *  Mirrors istio/istio pkg/config/validation/validation.go validateHTTPRouteDestinations,
 *  validateRouteDestinations, validateDestination and virtualservice.go (mirrors) — IST0106 / IST0133. */
import { arr, num, obj, str, type Obj } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { isDNS1123Label, portError, wildcardDomainError } from '../../validation/names';
import { checkable, has, invalid, warning } from '../common/istioReport';

export function checkDestination(ctx: AnalysisContext, meta: ResourceMeta, path: Path, raw: unknown): void {
  const d = obj(raw);
  if (!d) return;
  const host = str(d.host);
  if (host !== undefined) {
    if (host === '*') invalid(ctx, meta, [...path, 'host'], 'destination host "*" is invalid: name one service');
    else {
      const err = wildcardDomainError(host);
      if (err) invalid(ctx, meta, [...path, 'host'], `invalid destination host: ${err}`);
    }
  }
  const subset = str(d.subset);
  if (subset !== undefined && d.subset !== null) {
    if (subset === '') invalid(ctx, meta, [...path, 'subset'], 'subset name cannot be empty');
    else if (!isDNS1123Label(subset)) invalid(ctx, meta, [...path, 'subset'], `subset name "${subset}" is invalid: use letters, digits and '-' (a DNS label)`);
  }
  const port = obj(d.port);
  if (port) {
    const err = portError(num(port.number) ?? 0);
    if (err) invalid(ctx, meta, port.number === undefined ? [...path, 'port'] : [...path, 'port', 'number'], err, { at: port.number === undefined ? 'key' : 'value' });
  }
}

function checkWeights(ctx: AnalysisContext, meta: ResourceMeta, path: Path, routes: unknown[]): void {
  let total = 0;
  routes.forEach((rd, k) => {
    const o = obj(rd);
    if (!o) return;
    checkDestination(ctx, meta, [...path, k, 'destination'], o.destination);
    const w = num(o.weight) ?? 0;
    if (w < 0) invalid(ctx, meta, [...path, k, 'weight'], `weight ${w} is negative; weights are relative shares ≥ 0`);
    total += w;
  });
  if (routes.length > 1 && total === 0) {
    invalid(ctx, meta, path, `the weights of these ${routes.length} destinations add up to 0, so no traffic could go anywhere: give at least one a positive weight`, { at: 'key' });
  }
}

function percentOutOfRange(v: number | undefined): boolean {
  return v !== undefined && (v < 0 || v > 100);
}

function checkMirrors(ctx: AnalysisContext, meta: ResourceMeta, path: Path, r: Obj): void {
  checkDestination(ctx, meta, [...path, 'mirror'], r.mirror);
  arr(r.mirrors).forEach((m, k) => {
    const o = obj(m);
    if (!o) return;
    checkDestination(ctx, meta, [...path, 'mirrors', k, 'destination'], o.destination);
    const v = num(obj(o.percentage)?.value);
    if (percentOutOfRange(v)) invalid(ctx, meta, [...path, 'mirrors', k, 'percentage', 'value'], `mirror percentage ${v} must be between 0 and 100`);
  });
  const mp = num(obj(r.mirrorPercentage)?.value);
  if (percentOutOfRange(mp)) invalid(ctx, meta, [...path, 'mirrorPercentage', 'value'], `mirrorPercentage ${mp} must be between 0 and 100`);
  for (const key of ['mirrorPercent', 'mirror_percent']) {
    if (!has(r, key)) continue;
    const v = num(r[key]) ?? num(obj(r[key])?.value);
    if (v !== undefined && v > 100) invalid(ctx, meta, [...path, key], `${key} ${v} must be at most 100`);
    warning(ctx, meta, [...path, key], `\`${key}\` is deprecated: use \`mirrorPercentage: {value: …}\``, { at: 'key' });
  }
}

export const routeDestinations: Analyzer = {
  name: 'virtualservice.destinations',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const spec = obj(vs.meta.raw.spec) ?? {};
      arr(spec.http).forEach((r, i) => {
        const o = obj(r);
        if (!o) return;
        checkWeights(ctx, vs.meta, ['spec', 'http', i, 'route'], arr(o.route));
        checkMirrors(ctx, vs.meta, ['spec', 'http', i], o);
      });
      for (const proto of ['tcp', 'tls'] as const) {
        arr(spec[proto]).forEach((r, i) => {
          const o = obj(r);
          if (o) checkWeights(ctx, vs.meta, ['spec', proto, i, 'route'], arr(o.route));
        });
      }
    }
  },
};
