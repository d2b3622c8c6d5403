/** A value derived from a list of the snapshot (its DestinationRules, its VirtualServices), computed
 *  once and kept for the next snapshot's list while that holds the same items in the same order:
 *  each edit makes a new snapshot with new lists, which mostly hold the same resources. The list is
 *  read through the snapshot by the caller, so incremental analysis notes it. */
export class KeptIndex<T, V> {
  private last?: { list: readonly T[]; key: string; value: V };

  /** `build` may depend on the list and on `key` (the cluster domain, say), nothing else. Items are the
   *  same when `identity` gives the same object: by default the item itself (a value holding items
   *  must hold those of the current list); a value that holds positions only may compare lowerings
   *  (`meta.raw`), which a document keeps when an edit above it only moves it. */
  constructor(private readonly build: (list: readonly T[], key: string) => V, private readonly identity: (item: T) => unknown = (item) => item) {}

  get(list: readonly T[], key = ''): V {
    const last = this.last;
    if (last && last.key === key && (last.list === list || sameItems(last.list, list, this.identity))) {
      if (last.list !== list) this.last = { list, key, value: last.value };
      return last.value;
    }
    const value = this.build(list, key);
    this.last = { list, key, value };
    return value;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[], identity: (item: T) => unknown): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && identity(a[i]) !== identity(b[i])) return false;
  return true;
}
