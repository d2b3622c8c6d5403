/** Two Gateways on the same workloads (same selector, or selectors matching a common pod) must not
 *  serve the same port with the same host and bind address: the proxy keeps only one server.
 *  Mirrors istioctl analyze gateway/conflictinggateway.go (model.CheckDuplicates): IST0145. */
import type { Gateway } from '../../../model/gateway';
import { formatLabels } from '../../../routing/destinations';
import { labelsMatch } from '../../../workspace/hosts';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { checkable } from '../common/istioReport';

function sameWorkloads(ctx: AnalysisContext, a: Gateway, b: Gateway): boolean {
  if (formatLabels(a.selector) === formatLabels(b.selector)) return true;
  return ctx.snap.workloads.some((w) => labelsMatch(a.selector, w.labels) && labelsMatch(b.selector, w.labels));
}

export const gatewayConflicts: Analyzer = {
  name: 'gateway.conflicts',
  reads: ['Gateway', 'Pod'],
  run(ctx) {
    const gws = checkable(ctx, 'Gateway');
    for (const gw of gws) {
      for (const s of gw.servers) {
        const clashes: { other: Gateway; index: number; host: string }[] = [];
        for (const other of gws) {
          const same = other.meta.namespace === gw.meta.namespace && other.meta.name === gw.meta.name;
          if (same || !sameWorkloads(ctx, gw, other)) continue;
          for (const o of other.servers) {
            if (o.port.number !== s.port.number) continue;
            const host = s.hosts.find((h) => o.hosts.includes(h) && (o.bind ?? '') === (s.bind ?? ''));
            if (host !== undefined) clashes.push({ other, index: o.index, host });
          }
        }
        if (!clashes.length) continue;
        const names = [...new Set(clashes.map((c) => `${c.other.meta.namespace}/${c.other.meta.name}`))].sort();
        ctx.report(message(T.conflictingGateways, `Conflicts with Gateway ${names.join(', ')}: same workloads (${formatLabels(gw.selector)}), port ${s.port.number} and host ${clashes[0].host}; only one of the servers is used`), gw.meta, ['spec', 'servers', s.index, 'hosts'], {
          at: 'key',
          related: clashes.map((c) => ctx.related(c.other.meta, ['spec', 'servers', c.index, 'hosts'], `Gateway ${c.other.meta.namespace}/${c.other.meta.name} serves ${c.host} on port ${s.port.number}`)),
        });
      }
    }
  },
};
