import { keySpanAt } from '../model/resource';
import type { VirtualService } from '../model/virtualService';
import type { Snapshot } from '../workspace/snapshot';
import { requestForRoute, type RouteRequest } from './routeRequest';
import { httpRouteRow, lensTitle } from './routeSummary';
import { requestForRule, type RuleRoute } from './ruleRequest';
import { ruleLensTitle } from './ruleSummary';
import type { CodeLens } from './types';

/** Above each http route of a VirtualService, and each rule of an HTTPRoute or GRPCRoute: where it
 *  sends traffic (`/v2* → svc-hello-v2 100%`) and a Simulate action with a request built from its
 *  match conditions. Placing lenses is cheap; their titles and
 *  requests are worked out only for the lenses the editor shows (`resolveCodeLens`). */
export interface LensPlace {
  span: CodeLens['span'];
  /** Index of the VirtualService (or Gateway API route) among the file's resources. */
  resource: number;
  /** The http route's index, or the rule's. */
  route: number;
  which: 'summary' | 'simulate';
}

export function codeLensPlaces(snap: Snapshot, file: string): LensPlace[] {
  const f = snap.files.get(file);
  if (!f) return [];
  const out: LensPlace[] = [];
  f.resources.forEach((vs, resource) => {
    if (vs.kind === 'HTTPRoute' || vs.kind === 'GRPCRoute') {
      // A defaulted rule (none written) has no line of its own.
      for (const r of vs.rules.filter((x) => !x.defaulted)) {
        const at = keySpanAt(vs.meta, ['spec', 'rules', r.index]).start;
        const span = { start: at, end: at };
        out.push({ span, resource, route: r.index, which: 'summary' }, { span, resource, route: r.index, which: 'simulate' });
      }
      return;
    }
    if (vs.kind !== 'VirtualService') return;
    for (const r of vs.http) {
      const at = keySpanAt(vs.meta, ['spec', 'http', r.index]).start;
      const span = { start: at, end: at };
      out.push({ span, resource, route: r.index, which: 'summary' }, { span, resource, route: r.index, which: 'simulate' });
    }
  });
  return out;
}

/** The lens at a place, or undefined when the file changed so that the place is gone. */
export function resolveCodeLens(snap: Snapshot, file: string, place: LensPlace): CodeLens | undefined {
  const vs = snap.files.get(file)?.resources[place.resource];
  if ((vs?.kind === 'HTTPRoute' || vs?.kind === 'GRPCRoute') && vs.rules[place.route]) return ruleLensFor(snap, vs, place.route, place.which, place.span);
  if (!vs || vs.kind !== 'VirtualService' || !vs.http[place.route]) return undefined;
  return lensFor(snap, vs, place.route, place.which, place.span);
}

function simulateLens(span: CodeLens['span'], req: RouteRequest): CodeLens {
  if (req.matches) return { span, title: '▶ Simulate', simulate: { commandLine: req.commandLine } };
  return { span, title: '▶ Simulate (edit the request to match)', simulate: { commandLine: req.commandLine, prompt: true } };
}

function ruleLensFor(snap: Snapshot, route: RuleRoute, rule: number, which: LensPlace['which'], span: CodeLens['span']): CodeLens | undefined {
  if (which === 'summary') return { span, title: ruleLensTitle(snap, route, rule) };
  const req = requestForRule(snap, route, rule);
  return req ? simulateLens(span, req) : { span, title: 'not attached to any parent: nothing to simulate' };
}

function lensFor(snap: Snapshot, vs: VirtualService, route: number, which: LensPlace['which'], span: CodeLens['span']): CodeLens | undefined {
  const row = httpRouteRow(snap, vs, route);
  if (!row) return undefined;
  if (which === 'summary') return { span, title: lensTitle(snap, vs, row) };
  const req = row.unreachable ? undefined : requestForRoute(snap, vs, route);
  if (!req) return { span, title: row.unreachable ? 'unreachable: nothing to simulate' : '' };
  return simulateLens(span, req);
}

/** Every lens of a file, resolved (tests, small files). */
export function codeLenses(snap: Snapshot, file: string): CodeLens[] {
  return codeLensPlaces(snap, file).flatMap((p) => {
    const lens = resolveCodeLens(snap, file, p);
    return lens && lens.title ? [lens] : [];
  });
}
