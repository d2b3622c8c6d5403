import { valueAtPath } from '../model/coerce';
import { spanAt } from '../model/resource';
import { backendShares } from '../routing/shares';
import type { Snapshot } from '../workspace/snapshot';
import type { Span } from '../text/span';
import type { InlayHint } from './types';
import { shareOf } from './uses';
import { fqdnOf } from './workspaceFacts';

/** Inlay hints: the full name a short host resolves to, and each destination's (or Gateway API
 *  backendRef's) effective share when a route's weights do not sum to 100. */
export function inlayHints(snap: Snapshot, file: string, range: Span): InlayHint[] {
  const f = snap.files.get(file);
  if (!f) return [];
  const out: InlayHint[] = [];
  const inRange = (s: Span) => s.end >= range.start && s.start <= range.end;
  const hostHint = (meta: Parameters<typeof spanAt>[0], path: (string | number)[], host: string) => {
    if (!host || host.includes('.') || host.includes('*')) return;
    const span = spanAt(meta, path);
    if (inRange(span)) out.push({ offset: span.end, label: `→ ${fqdnOf(snap, host, meta.namespace)}`, paddingLeft: true, tooltip: `A short name is read in the namespace of the ${meta.kind} (${meta.namespace}).` });
  };
  for (const r of f.resources) {
    const doc = r.meta.origin.document;
    if (doc.base > range.end || doc.base + doc.text.length < range.start) continue;
    if (r.kind === 'DestinationRule') hostHint(r.meta, ['spec', 'host'], r.host);
    if (r.kind === 'HTTPRoute' || r.kind === 'GRPCRoute' || r.kind === 'TCPRoute' || r.kind === 'TLSRoute') {
      for (const rule of r.rules) {
        // backendRef weights are relative: each gets weight / total (conversion.go buildHTTPDestination).
        const weights = rule.backendRefs.map((b) => b.weight);
        const total = weights.reduce((a, w) => a + w, 0);
        if (rule.backendRefs.length < 2 || total === 100) continue;
        const shares = backendShares(weights);
        rule.backendRefs.forEach((b, i) => {
          const at = spanAt(r.meta, [...b.path, valueAtPath(r.meta.raw, [...b.path, 'weight']) === undefined ? 'name' : 'weight']);
          if (inRange(at)) out.push({ offset: at.end, label: `= ${shares[i]}%`, paddingLeft: true, tooltip: `The weights of this rule sum to ${total}; each backendRef gets weight / ${total}.` });
        });
      }
      continue;
    }
    if (r.kind !== 'VirtualService') continue;
    r.hosts.forEach((h, i) => hostHint(r.meta, ['spec', 'hosts', i], h));
    for (const p of ['http', 'tls', 'tcp'] as const) {
      for (const route of r[p]) {
        const total = route.route.reduce((s, d) => s + (d.weight ?? 0), 0);
        const uneven = route.route.length > 1 && total !== 100;
        for (const d of route.route) {
          hostHint(r.meta, ['spec', p, route.index, 'route', d.index, 'destination', 'host'], d.destination.host);
          if (!uneven) continue;
          const at = d.weight === undefined ? spanAt(r.meta, ['spec', p, route.index, 'route', d.index, 'destination']) : spanAt(r.meta, ['spec', p, route.index, 'route', d.index, 'weight']);
          if (inRange(at)) out.push({ offset: at.end, label: `= ${shareOf(route.route, d)}%`, paddingLeft: true, tooltip: `The weights of this route sum to ${total}; each destination gets weight / ${total}.` });
        }
      }
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
