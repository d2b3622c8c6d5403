/** Whole numbers outside the 32-bit type istio/api declares for their field (model/protoRanges.ts):
 *  a weight of 4294967296 or 1e308 passes the CRD schema's `type: integer`, but Istio cannot read it
 *  into the `int32 weight` of networking/v1alpha3/virtual_service.proto and rejects the resource.
 *  Istio's own range checks (istio/istio pkg/config/validation/validation.go validateWeight: weight
 *  ≥ 0; validateHTTPRetry: attempts ≥ 0) never see such a value. Reported only for the fields no
 *  other check bounds from above (ports, status codes and percentages have their own ranges). */
import { virtualServiceOutOfRange } from '../../../model/protoRanges';
import type { Analyzer } from '../../analyzer';
import { checkable, invalid } from '../common/istioReport';

const UNBOUNDED = new Set(['weight', 'attempts', 'percent']);

export const integerRanges: Analyzer = {
  name: 'virtualservice.integerRanges',
  reads: ['VirtualService'],
  scope: 'self',
  run(ctx) {
    for (const vs of checkable(ctx, 'VirtualService')) {
      for (const f of virtualServiceOutOfRange(vs.meta.raw)) {
        const field = String(f.path[f.path.length - 1]);
        // A fraction is the schema's finding (`type: integer`): said once.
        if (!UNBOUNDED.has(field) || (Number.isFinite(f.value) && !Number.isInteger(f.value))) continue;
        invalid(ctx, vs.meta, f.path, `\`${field}\` ${f.reason}: Istio cannot read this VirtualService and rejects it, so none of its routes is used`);
      }
    }
  },
};
