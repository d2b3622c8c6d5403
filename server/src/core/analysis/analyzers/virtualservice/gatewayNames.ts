/** Gateway names in `gateways` (and in http/tcp/tls `match.gateways`): `mesh`, `name`, or
 *  `namespace/name` with DNS-label parts; the legacy `name.namespace` form still works but is a
 *  warning. Like Istio, checking a list stops after its first entry without a slash.
 *  Mirrors istio/istio pkg/config/validation/validation.go validateGatewayNames (IST0106 / IST0133). */
import { arr, obj, strList } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { fqdnError, isDNS1123Label } from '../../validation/names';
import { message, T } from '../../messages';
import { checkable, invalid } from '../common/istioReport';

function checkNames(ctx: AnalysisContext, meta: ResourceMeta, path: Path, names: string[]): void {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const at = [...path, i];
    const slash = name.indexOf('/');
    if (slash < 0) {
      if (name.includes('.')) {
        const parts = name.split('.');
        const fix = `${parts[1]}/${parts[0]}`;
        const span = ctx.span(meta, at);
        ctx.reportSpan(message(T.schemaWarning, `gateway name "${name}" uses the legacy name.namespace form; write "${fix}"`), meta, span, {
          fix: { title: `Write ${fix}`, edits: [{ file: meta.file, span, newText: fix }] },
        });
      }
      const err = fqdnError(name);
      if (err) invalid(ctx, meta, at, `invalid gateway name: ${err}`);
      return;
    }
    const ns = name.slice(0, slash);
    const gw = name.slice(slash + 1);
    if (!ns || !gw) invalid(ctx, meta, at, 'gateway namespace and name cannot be empty in "namespace/name"');
    if (!isDNS1123Label(ns)) invalid(ctx, meta, at, `invalid namespace "${ns}" in gateway reference "${name}"`);
    if (!isDNS1123Label(gw)) invalid(ctx, meta, at, `invalid gateway name "${gw}" in "${name}"`);
  }
}

export const gatewayNames: Analyzer = {
  name: 'virtualservice.gatewayNames',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      const spec = obj(vs.meta.raw.spec) ?? {};
      checkNames(ctx, vs.meta, ['spec', 'gateways'], strList(spec.gateways));
      for (const proto of ['http', 'tcp', 'tls'] as const) {
        arr(spec[proto]).forEach((r, i) => arr(obj(r)?.match).forEach((m, j) => checkNames(ctx, vs.meta, ['spec', proto, i, 'match', j, 'gateways'], strList(obj(m)?.gateways))));
      }
    }
  },
};
