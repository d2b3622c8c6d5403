/** TCP and TLS rules: each needs a `route`; a TLS rule needs a match with `sniHosts`, and every SNI
 *  host must be covered by the VirtualService hosts (an IP is only a warning); destination subnets are
 *  IPs or CIDRs; match ports are 1..65535; sourceLabels are valid labels.
 *  Mirrors istio/istio pkg/config/validation/validation.go validateTLSRoute, validateTLSMatch,
 *  validateSniHost, validateTCPRoute and validateTCPMatch (IST0106 / IST0133). */
import { arr, num, obj, strList, type Obj } from '../../../model/coerce';
import { hostMatches, isWildcard } from '../../../workspace/hosts';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { ipSubnetError, isIPAddress, labelsErrors, portError, wildcardDomainError } from '../../validation/names';
import { checkable, firstKeyPath, invalid, warning } from '../common/istioReport';

function reportOnRule(ctx: AnalysisContext, meta: ResourceMeta, base: Path, rule: Obj, text: string): void {
  const at = firstKeyPath(rule, [...base]);
  invalid(ctx, meta, at.path, text, { at: at.at });
}

/** host.Name.SubsetOf: every name `a` matches is also matched by `b`. */
function subsetOf(a: string, b: string): boolean {
  if (isWildcard(b)) return isWildcard(a) ? a.slice(1).endsWith(b.slice(1)) : hostMatches(b, a);
  return !isWildcard(a) && a === b;
}

function checkL4Match(ctx: AnalysisContext, meta: ResourceMeta, path: Path, m: Obj): void {
  strList(m.destinationSubnets).forEach((s, k) => {
    const err = ipSubnetError(s);
    if (err) invalid(ctx, meta, [...path, 'destinationSubnets', k], err);
  });
  const port = num(m.port);
  if (port !== undefined && port !== 0) {
    const err = portError(port);
    if (err) invalid(ctx, meta, [...path, 'port'], err);
  }
  for (const e of labelsErrors(obj(m.sourceLabels) ?? {})) invalid(ctx, meta, [...path, 'sourceLabels'], e);
}

export const l4Routes: Analyzer = {
  name: 'virtualservice.l4Routes',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const spec = obj(vs.meta.raw.spec) ?? {};
      const hosts = strList(spec.hosts);
      arr(spec.tcp).forEach((raw, i) => {
        const r = obj(raw);
        if (!r) return;
        arr(r.match).forEach((m, j) => { const o = obj(m); if (o) checkL4Match(ctx, vs.meta, ['spec', 'tcp', i, 'match', j], o); });
        if (!arr(r.route).length) reportOnRule(ctx, vs.meta, ['spec', 'tcp', i], r, 'a tcp rule needs a `route`');
      });
      arr(spec.tls).forEach((raw, i) => {
        const r = obj(raw);
        if (!r) return;
        arr(r.match).forEach((m, j) => {
          const o = obj(m);
          if (!o) return;
          const path: Path = ['spec', 'tls', i, 'match', j];
          const sni = strList(o.sniHosts);
          if (!sni.length && o.sniHosts !== undefined) invalid(ctx, vs.meta, [...path, 'sniHosts'], 'a tls match needs at least one SNI host in `sniHosts`');
          sni.forEach((h, k) => {
            const at = [...path, 'sniHosts', k];
            if (wildcardDomainError(h)) {
              if (isIPAddress(h)) warning(ctx, vs.meta, at, `SNI host "${h}" is an IP address; the SNI specification forbids it and most clients never send one`);
              else invalid(ctx, vs.meta, at, wildcardDomainError(h)!);
              return;
            }
            if (!hosts.some((vh) => subsetOf(h, vh))) invalid(ctx, vs.meta, at, `SNI host "${h}" is not covered by any host of this VirtualService (${hosts.join(', ')})`);
          });
          checkL4Match(ctx, vs.meta, path, o);
        });
        if (!arr(r.route).length) reportOnRule(ctx, vs.meta, ['spec', 'tls', i], r, 'a tls rule needs a `route`');
      });
    }
  },
};
