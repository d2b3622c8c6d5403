/** Workloads by label, for Snapshot.selectWorkloads. An index holds positions in the snapshot's list of
 *  workloads, so it is kept for the next snapshot while that list holds the same lowerings in the same
 *  order: most edits change no workload (and one above a workload only moves it), while each edit makes
 *  a new snapshot. */
import type { Workload } from '../model/workload';
import { labelsMatch } from './hosts';

/** The last one built (one workspace per thread). */
let last: WorkloadIndex | undefined;

export class WorkloadIndex {
  /** Positions of the workloads carrying each `key\0value` label. */
  private byLabel?: Map<string, number[]>;
  /** By namespace (`*` for all), then by selector: positions of the selected workloads. */
  private readonly selections = new Map<string, Map<string, number[]>>();

  private constructor(private readonly lowerings: readonly object[]) {}

  /** The last index when these workloads are its lowerings, else a new one. */
  static of(workloads: readonly Workload[]): WorkloadIndex {
    const kept = last && last.lowerings.length === workloads.length && workloads.every((w, i) => last!.lowerings[i] === w.meta.raw);
    return kept ? last! : (last = new WorkloadIndex(workloads.map((w) => w.meta.raw)));
  }

  /** Positions in `workloads` (the list the index was made for, or one of the same lowerings) of those
   *  of a namespace (of all namespaces when undefined) whose labels include every selector label. */
  select(workloads: readonly Workload[], namespace: string | undefined, selector: Record<string, string>): readonly number[] {
    // Two levels rather than one concatenated key: the selector's key is a string kept per selector
    // object, whose hash V8 computes once (analyzers ask for thousands of selectors per snapshot).
    const ns = namespace ?? '*';
    let selections = this.selections.get(ns);
    if (!selections) this.selections.set(ns, (selections = new Map()));
    const key = selectorKey(selector);
    let found = selections.get(key);
    if (!found) {
      // Only the workloads carrying the selector's rarest label are candidates (in workspace order).
      let pool: readonly number[] | undefined;
      for (const [k, v] of Object.entries(selector)) {
        const list = this.labelIndex(workloads).get(`${k}\0${v}`) ?? [];
        if (!pool || list.length < pool.length) pool = list;
      }
      found = [];
      if (pool) {
        for (const i of pool) if (selects(workloads[i], namespace, selector)) found.push(i);
      } else {
        workloads.forEach((w, i) => selects(w, namespace, selector) && found!.push(i));
      }
      selections.set(key, found);
    }
    return found;
  }

  private labelIndex(workloads: readonly Workload[]): Map<string, number[]> {
    if (this.byLabel) return this.byLabel;
    const out = new Map<string, number[]>();
    workloads.forEach((w, i) => {
      for (const key of labelKeys(w)) {
        const list = out.get(key);
        if (list) list.push(i);
        else out.set(key, [i]);
      }
    });
    return (this.byLabel = out);
  }
}

function selects(w: Workload, namespace: string | undefined, selector: Record<string, string>): boolean {
  return (namespace === undefined || w.namespace === namespace) && labelsMatch(selector, w.labels);
}

/** Per labels object: those of an unchanged document are kept in the next snapshot, even when it moved. */
const labelKeysOf = new WeakMap<Record<string, string>, string[]>();

function labelKeys(w: Workload): string[] {
  let keys = labelKeysOf.get(w.labels);
  if (!keys) labelKeysOf.set(w.labels, (keys = Object.entries(w.labels).map(([k, v]) => `${k}\0${v}`)));
  return keys;
}

/** Per selector object: those of resources are never changed, and an unchanged document keeps them. */
const selectorKeys = new WeakMap<Record<string, string>, string>();

function selectorKey(selector: Record<string, string>): string {
  let key = selectorKeys.get(selector);
  if (key === undefined) selectorKeys.set(selector, (key = JSON.stringify(selector)));
  return key;
}
