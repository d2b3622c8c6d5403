/** "Did you mean" for hosts that resolve to nothing, from indexes of the service registry built on
 *  the first miss and kept while the registry stays the same: Kubernetes Services by short name and
 *  by namespace, registry hostnames by length. A repository where no host resolves (a kustomize `namePrefix`, a renamed
 *  Service) asks for one suggestion per destination; scanning every Service for each made `check`
 *  of such a repository several times slower than of a clean one.
 *
 *  The answers are those of `nearest` over the same candidates in the same order. The index reads
 *  the snapshot it is given (the watched one during incremental analysis), so an analyzer using it
 *  is seen reading the registry and the Services. */
import { boundedEditDistance } from '../../../text/editDistance';
import type { Service } from '../../../model/service';
import { KeptIndex } from '../../../workspace/keptIndex';
import type { RegistryService, Snapshot } from '../../../workspace/snapshot';
import { nearestForm, nearestLimit } from '../../schema/describe';

/** `nearest(word, candidates)` with its default limit, for many words against one list. */
export class NearestIndex {
  private readonly lower: string[];
  /** Candidates by their nearestForm (a distance of 0), in order. */
  private readonly byForm = new Map<string, number[]>();
  /** Candidates by the length of their lower-case spelling (an edit distance is at least the difference). */
  private readonly byLength = new Map<number, number[]>();
  private readonly answers = new Map<string, string | undefined>();

  constructor(private readonly candidates: readonly string[]) {
    this.lower = candidates.map((c) => c.toLowerCase());
    candidates.forEach((c, i) => {
      push(this.byForm, nearestForm(c), i);
      push(this.byLength, this.lower[i].length, i);
    });
  }

  nearest(word: string): string | undefined {
    if (this.answers.has(word)) return this.answers.get(word);
    const answer = this.compute(word);
    this.answers.set(word, answer);
    return answer;
  }

  private compute(word: string): string | undefined {
    // nearest stops at the first candidate of the same form; before it, every other had a distance above 0.
    const same = this.byForm.get(nearestForm(word))?.find((i) => this.candidates[i] !== word);
    if (same !== undefined) return this.candidates[same];
    const limit = nearestLimit(word);
    const w = word.toLowerCase();
    const near: number[] = [];
    for (let len = w.length - limit; len <= w.length + limit; len++) for (const i of this.byLength.get(len) ?? []) near.push(i);
    near.sort((a, b) => a - b);
    let best: number | undefined;
    let bestD = limit + 1;
    for (const i of near) {
      if (this.candidates[i] === word) continue;
      const d = distanceWithin(w, this.lower[i], Math.min(limit, bestD - 1));
      if (d < bestD) {
        best = i;
        bestD = d;
      }
    }
    return best === undefined ? undefined : this.candidates[best];
  }
}

/** boundedEditDistance without the common start and end, which never change an edit distance (hosts
 *  of one cluster share `.svc.cluster.local`). */
function distanceWithin(a: string, b: string, limit: number): number {
  let s = 0;
  while (s < a.length && s < b.length && a.charCodeAt(s) === b.charCodeAt(s)) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  return boundedEditDistance(a.slice(s, ea), b.slice(s, eb), limit);
}

function push<K>(m: Map<K, number[]>, k: K, i: number): void {
  const list = m.get(k);
  if (list) list.push(i);
  else m.set(k, [i]);
}

/** A Service's name and namespace as `RegistryNames.named` answers them. */
export interface NamedService {
  hostname: string;
  namespace: string;
}

/** Look-ups over one snapshot's registry (allRegistryServices order) and Services. They hold names
 *  only, never resources, so that the next snapshot with the same registry (an edit of anything
 *  else, or one that only moved the Services) uses them as they are. */
export class RegistryNames {
  private readonly byName = new Map<string, NamedService[]>();
  private readonly namesIn = new Map<string, string[]>();
  private readonly nearestIn = new Map<string, NearestIndex>();
  private readonly hostnames = new Set<string>();
  private hostIndex?: NearestIndex;

  constructor(registry: readonly RegistryService[], private readonly serviceNamespaces: ReadonlySet<string>) {
    for (const s of registry) {
      this.hostnames.add(s.hostname);
      if (!s.k8sName) continue;
      const named = this.byName.get(s.k8sName);
      const entry = { hostname: s.hostname, namespace: s.namespace };
      if (named) named.push(entry);
      else this.byName.set(s.k8sName, [entry]);
      const names = this.namesIn.get(s.namespace);
      if (names) names.push(s.k8sName);
      else this.namesIn.set(s.namespace, [s.k8sName]);
    }
  }

  /** Kubernetes Services of this short name, in every namespace. */
  named(name: string): readonly NamedService[] {
    return this.byName.get(name) ?? [];
  }

  /** The nearest short name of a Kubernetes Service of the namespace. */
  nearestNameIn(namespace: string, name: string): string | undefined {
    let index = this.nearestIn.get(namespace);
    if (!index) this.nearestIn.set(namespace, (index = new NearestIndex(this.namesIn.get(namespace) ?? [])));
    return index.nearest(name);
  }

  /** Some registry entry (wildcards included) has exactly this hostname. */
  hasHost(hostname: string): boolean {
    return this.hostnames.has(hostname);
  }

  /** The nearest registry hostname, wildcards aside. */
  nearestHost(host: string): string | undefined {
    this.hostIndex ??= new NearestIndex([...this.hostnames].filter((h) => !h.startsWith('*')));
    return this.hostIndex.nearest(host);
  }

  /** A Kubernetes Service of the workspace is in the namespace. */
  hasServiceIn(namespace: string): boolean {
    return this.serviceNamespaces.has(namespace);
  }
}

/** Per snapshot object: the one an analyzer sees (watched or not) reads the registry and the Services
 *  through itself, so that incremental analysis notes them. */
const built = new WeakMap<Snapshot, RegistryNames>();

/** The tables are kept while the registry's entries come from the same lowerings (`meta.raw`, which a
 *  moved document keeps) in the same order: an edit of a VirtualService makes a new snapshot, not a
 *  new registry, and building them again read every Service of a 5,000-document file per edit. */
const tables = new KeptIndex((registry: readonly RegistryService[]) => ({ registry }), (s) => s.source.meta.raw);
const namespaces = new KeptIndex((services: readonly Service[]) => new Set(services.map((svc) => svc.meta.namespace)), (svc) => svc.meta.raw);
const names = new WeakMap<object, { namespaces: ReadonlySet<string>; names: RegistryNames }>();

export function registryNames(snap: Snapshot): RegistryNames {
  let found = built.get(snap);
  if (found) return found;
  const registry = tables.get(snap.allRegistryServices(), snap.options.clusterDomain);
  const inNamespaces = namespaces.get(snap.services);
  const hit = names.get(registry);
  if (hit?.namespaces === inNamespaces) found = hit.names;
  else names.set(registry, { namespaces: inNamespaces, names: (found = new RegistryNames(registry.registry, inNamespaces)) });
  built.set(snap, found);
  return found;
}
