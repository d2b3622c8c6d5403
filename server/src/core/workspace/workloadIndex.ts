/** Workloads by label, for Snapshot.selectWorkloads. An index is kept for the next snapshot while its
 *  workloads are the same objects in the same order: most edits change no workload, and each edit
 *  makes a new snapshot. */
import type { Workload } from '../model/workload';
import { labelsMatch } from './hosts';

/** The last one built (one workspace per thread). */
let last: WorkloadIndex | undefined;

export class WorkloadIndex {
  /** Workloads by each `key\0value` label they carry. */
  private byLabel?: Map<string, Workload[]>;
  /** By namespace (`*` for all), then by selector. */
  private readonly selections = new Map<string, Map<string, Workload[]>>();

  private constructor(private readonly workloads: readonly Workload[]) {}

  /** The last index when it holds these very workloads, else a new one. */
  static of(workloads: readonly Workload[]): WorkloadIndex {
    const kept = last && last.workloads.length === workloads.length && workloads.every((w, i) => last!.workloads[i] === w);
    return kept ? last! : (last = new WorkloadIndex(workloads));
  }

  /** Workloads of a namespace (of all namespaces when undefined) whose labels include every selector label. */
  select(namespace: string | undefined, selector: Record<string, string>): Workload[] {
    // Two levels rather than one concatenated key: the selector's key is a string kept per selector
    // object, whose hash V8 computes once (analyzers ask for thousands of selectors per snapshot).
    const ns = namespace ?? '*';
    let selections = this.selections.get(ns);
    if (!selections) this.selections.set(ns, (selections = new Map()));
    const key = selectorKey(selector);
    let found = selections.get(key);
    if (!found) {
      // Only the workloads carrying the selector's rarest label are candidates (in workspace order).
      let pool: readonly Workload[] | undefined;
      for (const [k, v] of Object.entries(selector)) {
        const list = this.labelIndex().get(`${k}\0${v}`) ?? [];
        if (!pool || list.length < pool.length) pool = list;
      }
      found = (pool ?? this.workloads).filter((w) => (namespace === undefined || w.namespace === namespace) && labelsMatch(selector, w.labels));
      selections.set(key, found);
    }
    return found;
  }

  private labelIndex(): Map<string, Workload[]> {
    if (this.byLabel) return this.byLabel;
    const out = new Map<string, Workload[]>();
    for (const w of this.workloads) {
      for (const key of labelKeys(w)) {
        const list = out.get(key);
        if (list) list.push(w);
        else out.set(key, [w]);
      }
    }
    return (this.byLabel = out);
  }
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
