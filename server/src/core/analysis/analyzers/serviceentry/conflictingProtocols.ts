/** ServiceEntries visible in a common namespace that declare the same host and port with different
 *  protocols: the proxy builds one listener for the port and one of the protocols wins.
 *  Mirrors istioctl analyze serviceentry/conflictingserviceentries.go: IST0177. */
import type { ServiceEntry } from '../../../model/serviceEntry';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

function overlap(a: ServiceEntry, b: ServiceEntry): boolean {
  const scope = (s: ServiceEntry) => (s.exportTo.length === 0 || s.exportTo.includes('*') ? ['*'] : s.exportTo.map((e) => (e === '.' ? s.meta.namespace : e)));
  const sa = scope(a);
  const sb = scope(b);
  return sa.includes('*') || sb.includes('*') ? !sa.includes('~') && !sb.includes('~') : sa.some((x) => sb.includes(x));
}

/** The protocols the entries give the port, each once: compared as the check compares them (upper
 *  case; an empty and an absent protocol are the same, "(none)"), sorted as istioctl sorts them
 *  (conflictingserviceentries.go Analyze). */
function protocolsOf(entries: ServiceEntry[], port: number): string[] {
  const out = new Set<string>();
  for (const s of entries) for (const q of s.ports) if (q.port === port) out.add((q.protocol ?? '').toUpperCase() || '(none)');
  return [...out].sort();
}

export const serviceEntryConflictingProtocols: Analyzer = {
  name: 'serviceentry.conflictingProtocols',
  reads: ['ServiceEntry'],
  run(ctx) {
    const ses = checkable(ctx, 'ServiceEntry');
    for (const se of ses) {
      for (const h of se.hosts) {
        for (const p of se.ports) {
          const proto = (p.protocol ?? '').toUpperCase();
          const others = ses.filter((o) => (o.meta.namespace !== se.meta.namespace || o.meta.name !== se.meta.name) && overlap(se, o) && o.hosts.includes(h) && o.ports.some((q) => q.port === p.port && (q.protocol ?? '').toUpperCase() !== proto));
          if (!others.length) continue;
          const names = [se, ...others].map((s) => `${s.meta.namespace}/${s.meta.name}`).sort();
          const protos = protocolsOf([se, ...others], p.port);
          ctx.report(message(T.conflictingServiceEntryProtocol, `ServiceEntries ${names.join(', ')} define host "${h}" port ${p.port} with conflicting protocols (${protos.join(', ')})`), se.meta, ['spec', 'ports', p.index, 'protocol'], {
            related: others.map((o) => ctx.related(o.meta, ['spec', 'ports', o.ports.find((q) => q.port === p.port)!.index], `ServiceEntry ${o.meta.namespace}/${o.meta.name} port ${p.port}`)),
          });
        }
      }
    }
  },
};
