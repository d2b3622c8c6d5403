/** A ServiceEntry without `addresses` whose port has protocol TCP or none: the sidecar cannot tell
 *  its TCP traffic apart from other traffic on that port, unless the mesh config's
 *  `defaultConfig.proxyMetadata` sets ISTIO_META_DNS_CAPTURE and ISTIO_META_DNS_AUTO_ALLOCATE (or
 *  PILOT_ENABLE_IP_AUTOALLOCATE) to "true" (DNS capture with address auto-allocation), as istioctl checks.
 *  Mirrors istioctl analyze serviceentry/protocoladdresses.go: IST0134. */
import { arr, obj, str } from '../../../model/coerce';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

export const serviceEntryAddresses: Analyzer = {
  name: 'serviceentry.addresses',
  reads: ['ServiceEntry'],
  run(ctx) {
    const metadata = ctx.snap.mesh.proxyMetadata.value;
    const allocated = metadata.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || metadata.PILOT_ENABLE_IP_AUTOALLOCATE === 'true';
    if (metadata.ISTIO_META_DNS_CAPTURE === 'true' && allocated) return;
    for (const se of checkable(ctx, 'ServiceEntry')) {
      const spec = obj(se.meta.raw.spec) ?? {};
      if (spec.addresses !== undefined && spec.addresses !== null) continue;
      if (arr(obj(se.meta.raw.status)?.addresses).length) continue;
      arr(spec.ports).forEach((p, i) => {
        const proto = str(obj(p)?.protocol) ?? '';
        if (proto !== '' && proto.toUpperCase() !== 'TCP') return;
        ctx.report(message(T.addressesRequired, `ServiceEntry addresses are required for a ${proto ? 'TCP' : 'protocol-less'} port: add \`addresses\` (a VIP or CIDR), or set the port's protocol (e.g. HTTP, TLS)`), se.meta, ['spec', 'ports', i]);
      });
    }
  },
};
