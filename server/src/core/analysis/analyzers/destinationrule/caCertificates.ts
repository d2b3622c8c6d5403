/** A DestinationRule that originates TLS (mode SIMPLE or MUTUAL, top level or per port) without
 *  `caCertificates` does not verify the server's certificate, unless a credentialName is used by a rule
 *  with a workloadSelector (subsets are not checked, as in istioctl).
 *  Mirrors istioctl analyze destinationrule/ca-certificates.go: IST0128 and IST0129. */
import { arr, num, obj, str, type Obj } from '../../../model/coerce';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

function unverified(tls: Obj | undefined, hasSelector: boolean): string | undefined {
  const mode = str(tls?.mode);
  if (mode !== 'SIMPLE' && mode !== 'MUTUAL') return undefined;
  if (str(tls?.caCertificates) || (str(tls?.credentialName) && hasSelector)) return undefined;
  return mode;
}

export const caCertificates: Analyzer = {
  name: 'destinationrule.caCertificates',
  reads: ['DestinationRule'],
  scope: 'self',
  run(ctx) {
    for (const dr of checkable(ctx, 'DestinationRule')) {
      const spec = obj(dr.meta.raw.spec) ?? {};
      const tp = obj(spec.trafficPolicy);
      const hasSelector = spec.workloadSelector !== undefined && spec.workloadSelector !== null;
      const who = `DestinationRule ${dr.meta.namespace}/${dr.meta.name}`;
      const mode = unverified(obj(tp?.tls), hasSelector);
      if (mode) {
        ctx.report(message(T.noServerCertVerification, `${who} has TLS mode ${mode} but no caCertificates: the certificate of ${dr.host} is not verified`), dr.meta, ['spec', 'trafficPolicy', 'tls', 'mode']);
      }
      arr(tp?.portLevelSettings).forEach((p, i) => {
        const po = obj(p);
        const m = unverified(obj(po?.tls), hasSelector);
        if (!m) return;
        const port = num(obj(po?.port)?.number);
        ctx.report(message(T.noServerCertVerificationPort, `${who} has TLS mode ${m} but no caCertificates for port ${port ?? '?'}: the certificate of ${dr.host} is not verified`), dr.meta, ['spec', 'trafficPolicy', 'portLevelSettings', i, 'tls', 'mode']);
      });
    }
  },
};
