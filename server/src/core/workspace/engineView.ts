/** The workspace as the routing engine sees it: one copy of each resource (copies.ts), so that an
 *  answer never depends on which file was opened first, and none that Istio cannot read
 *  (model/protoRanges.ts: it rejects them whole). Analysis keeps every copy: each is checked. */
import type { Resource } from '../model/lower';
import { virtualServiceOutOfRange } from '../model/protoRanges';
import type { ResourceMeta } from '../model/resource';
import { chooseCopy, describeCopy, duplicatedResources, identityOf, type CopyChoice } from './copies';
import { Snapshot } from './snapshot';

export interface EngineView {
  snap: Snapshot;
  /** The choice made for an identity defined more than once; undefined for a resource defined once. */
  choiceFor(meta: ResourceMeta): CopyChoice | undefined;
  /** Resources left out because Istio rejects them, with the first reason. */
  rejected: readonly Rejected[];
}

export interface Rejected {
  resource: Resource;
  path: (string | number)[];
  reason: string;
}

function rejectedResources(resources: readonly Resource[]): Rejected[] {
  const out: Rejected[] = [];
  for (const r of resources) {
    if (r.kind !== 'VirtualService' || r.meta.origin.document.isTemplate) continue;
    const [first] = virtualServiceOutOfRange(r.meta.raw);
    if (first) out.push({ resource: r, path: first.path, reason: `\`${String(first.path[first.path.length - 1])}\` ${first.reason}` });
  }
  return out;
}

/** The engine's view of `snap`, preferring the copies in `preferFile` (a simulation started from a file). */
export function engineView(snap: Snapshot, preferFile?: string): EngineView {
  const dups = snap.memo('copies.duplicated', () => duplicatedResources(snap.resources));
  const rejected = snap.memo('engine.rejected', () => rejectedResources(snap.resources));
  if (!dups.size && !rejected.length) return { snap, choiceFor: () => undefined, rejected };
  const inPreferred = preferFile !== undefined && [...dups.values()].some((copies) => copies.some((c) => c.meta.file === preferFile));
  const key = inPreferred ? preferFile! : '';
  return snap.memo(`copies.view\0${key}`, () => buildView(snap, dups, rejected, inPreferred ? preferFile : undefined));
}

function buildView(snap: Snapshot, dups: Map<string, Resource[]>, rejected: readonly Rejected[], preferFile: string | undefined): EngineView {
  const choices = new Map<string, CopyChoice>();
  for (const [id, copies] of dups) choices.set(id, chooseCopy(copies, preferFile));
  const left = new Set(rejected.map((r) => r.resource));
  const kept = snap.resources.filter((r) => {
    if (left.has(r)) return false;
    const c = r.meta.name ? choices.get(identityOf(r.meta)) : undefined;
    return !c || c.chosen === r;
  });
  return { snap: new Snapshot(snap.files, snap.options, kept), choiceFor: (meta) => (meta.name ? choices.get(identityOf(meta)) : undefined), rejected };
}

/** One sentence for the trace: which copy of a duplicated resource is used, and why. */
export function copyNote(choice: CopyChoice): string {
  const m = choice.chosen.meta;
  const others = choice.copies.filter((c) => c !== choice.chosen).map((c) => describeCopy(c, choice.copies));
  const why = choice.reason === 'preferred file'
    ? 'the simulation was started from that file'
    : 'the last copy in path order, as kubectl apply -R or istioctl analyze -R over the folder would keep';
  return `${m.kind} ${m.namespace}/${m.name} is defined ${choice.copies.length} times; this uses the copy in ${describeCopy(choice.chosen, choice.copies)} (${why}); the others: ${others.join(', ')}`;
}
