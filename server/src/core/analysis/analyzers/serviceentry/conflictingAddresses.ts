/** ServiceEntries that claim the same address (VIP or CIDR) and opaque TCP port for different hosts,
 *  visible in a common namespace: the sidecar has one TCP listener for address:port and sends every connection to
 *  one of the hosts. Our check (Kiali KIA1211 flags the same host and port twice). */
import type { ServiceEntry } from '../../../model/serviceEntry';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

const OPAQUE = new Set(['TCP', 'MONGO', 'REDIS', 'MYSQL']);

function scope(s: ServiceEntry): string[] {
  return s.exportTo.length === 0 || s.exportTo.includes('*') ? ['*'] : s.exportTo.map((e) => (e === '.' ? s.meta.namespace : e));
}

function overlap(a: ServiceEntry, b: ServiceEntry): boolean {
  const sa = scope(a);
  const sb = scope(b);
  if (sa.includes('~') || sb.includes('~')) return false;
  return sa.includes('*') || sb.includes('*') || sa.some((x) => sb.includes(x));
}

export const serviceEntryConflictingAddresses: Analyzer = {
  name: 'serviceentry.conflictingAddresses',
  reads: ['ServiceEntry'],
  run(ctx) {
    const ses = checkable(ctx, 'ServiceEntry');
    for (const se of ses) {
      se.addresses.forEach((addr, ai) => {
        for (const p of se.ports) {
          // HTTP is routed by Host header and TLS by SNI; only opaque TCP depends on the address alone.
          if (!OPAQUE.has((p.protocol ?? 'TCP').toUpperCase())) continue;
          const others = ses.filter((o) => (o.meta.namespace !== se.meta.namespace || o.meta.name !== se.meta.name) && overlap(se, o)
            && o.addresses.includes(addr) && o.ports.some((q) => q.port === p.port) && o.hosts.some((h) => !se.hosts.includes(h)));
          if (!others.length) continue;
          const names = others.map((o) => `${o.meta.namespace}/${o.meta.name} (${o.hosts.join(', ')})`).join(', ');
          ctx.report(message(T.conflictingServiceEntryAddress, `Address ${addr} port ${p.port} is also claimed by ServiceEntry ${names}: connections to it reach only one of the hosts`), se.meta, ['spec', 'addresses', ai], {
            related: others.map((o) => ctx.related(o.meta, ['spec', 'addresses', o.addresses.indexOf(addr)], `ServiceEntry ${o.meta.namespace}/${o.meta.name} claims ${addr}`)),
          });
        }
      });
    }
  },
};
