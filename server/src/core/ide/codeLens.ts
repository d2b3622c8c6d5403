import { keySpanAt } from '../model/resource';
import type { Snapshot } from '../workspace/snapshot';
import { requestForRoute } from './routeRequest';
import { lensTitle, routeRows } from './routeSummary';
import type { CodeLens } from './types';

/** Above each http route: where it sends traffic (`/v2* → svc-hello-v2 100%`) and a Simulate action
 *  with a request built from its match conditions. */
export function codeLenses(snap: Snapshot, file: string): CodeLens[] {
  const f = snap.files.get(file);
  if (!f) return [];
  const out: CodeLens[] = [];
  for (const vs of f.resources) {
    if (vs.kind !== 'VirtualService') continue;
    for (const row of routeRows(snap, vs)) {
      if (row.protocol !== 'http') continue;
      const span = keySpanAt(vs.meta, ['spec', 'http', row.index]);
      const lineSpan = { start: span.start, end: span.start };
      out.push({ span: lineSpan, title: lensTitle(snap, vs, row) });
      const req = row.unreachable ? undefined : requestForRoute(snap, vs, row.index);
      if (req) out.push({ span: lineSpan, title: req.matches ? '▶ Simulate' : '▶ Simulate (edit the request to match)', simulate: { commandLine: req.commandLine } });
    }
  }
  return out;
}
