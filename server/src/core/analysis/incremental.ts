/** Analysis of a sequence of snapshots (an editor session): after an edit, an analyzer that declares
 *  its `scope` runs again only on the YAML documents that changed (changes.ts), and keeps its findings
 *  on the others (moved with their document when an edit above shifted it). The result equals
 *  `analyze(snapshot, options)`; test/analysis/incremental.test.ts holds the two equal over edits.
 *
 *  An analyzer without a scope runs again in full when a resource of a kind it read changed (or it
 *  read everything); otherwise it keeps its findings, moved with their documents.
 *
 *  A finding belongs to the document its span starts in; one whose spans (related places, fix edits)
 *  cannot all be followed to unchanged documents makes its analyzer run again in full, as does any
 *  change of options. */
import { onKindsChanged, kindDescriptors, type Resource, type ResourceKind } from '../model/kinds';
import type { Snapshot } from '../workspace/snapshot';
import { AnalysisContext, resourcesOfKind, type Analyzer } from './analyzer';
import { Change, DocumentMap, workloadKinds } from './changes';
import { yamlFindings } from './analyzers/file/yamlProblems';
import { identityOf } from '../workspace/copies';
import { finishFindings } from './index';
import { ANALYZERS } from './registry';
import type { AnalyzeOptions, Finding } from './types';

/** An analysis context over a watched snapshot (see Inputs): the resources it hands out by kind count
 *  as inputs of those kinds. */
class WatchedContext extends AnalysisContext {
  constructor(protected readonly real: Snapshot, protected readonly inputs: Inputs, options: AnalyzeOptions) {
    super(inputs.watch(real), options);
  }

  override resources(): readonly Resource[] {
    this.inputs.anything = true;
    this.inputs.everyResource = true;
    return this.real.resources;
  }

  override all<K extends ResourceKind>(kind: K): readonly Extract<Resource, { kind: K }>[] {
    this.inputs.addAsked(kind);
    return resourcesOfKind(this.real, kind);
  }
}

/** A watched context whose resources are only those of changed documents (of every kind for a
 *  `self` analyzer, of its own kind for a `resource` one). */
class ChangedContext extends WatchedContext {
  constructor(real: Snapshot, inputs: Inputs, options: AnalyzeOptions, private readonly changed: Set<Resource>, private readonly only?: ResourceKind) {
    super(real, inputs, options);
  }

  override resources(): readonly Resource[] {
    return this.only ? super.resources() : [...this.changed];
  }

  override all<K extends ResourceKind>(kind: K): readonly Extract<Resource, { kind: K }>[] {
    if (this.only && this.only !== kind) return super.all(kind);
    this.inputs.addAsked(kind);
    return [...this.changed].filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
  }
}

/** What each part of a Snapshot is made of, from the registry of kinds (each descriptor's `parts`);
 *  any other part (its files, every resource, a memo whose value another analyzer may have computed)
 *  could depend on anything. Through the workload parts, analyzers read a workload's lowered fields
 *  (changes.ts workloadView), never its YAML. `ofKind(kind)` is the part of that one kind. */
let snapshotParts: Map<string, ResourceKind[]> | undefined;
onKindsChanged(() => (snapshotParts = undefined));

function partsTable(): Map<string, ResourceKind[]> {
  if (snapshotParts) return snapshotParts;
  const table = new Map<string, ResourceKind[]>([['options', []]]);
  for (const d of kindDescriptors()) {
    for (const part of d.parts) table.set(part, [...(table.get(part) ?? []), d.id as ResourceKind]);
  }
  return (snapshotParts = table);
}

/** Parts read from the documents that have no resources (Change.otherDocumentChanged): the mesh config
 *  comes from ConfigMaps and IstioOperators, which the model does not lower. */
const UNLOWERED_PARTS = new Set<string>(['mesh']);

/** The inputs an analyzer was seen reading (its declared `reads` document them; what counts is what
 *  it read, on the paths its run took): a 'resource' analyzer runs in full again when one changed. */
class Inputs {
  /** Kinds of the snapshot parts it read: all their resources, those of its own kind included. */
  readonly parts = new Set<ResourceKind>(['Namespace']);
  /** Kinds it asked its context for (ctx.all): after an edit, it is handed only the changed resources of its own kind. */
  readonly asked = new Set<ResourceKind>();
  /** It read documents that have no resources. */
  unlowered = false;
  anything = false;
  /** It asked for every resource (AnalysisContext.resources). */
  everyResource = false;

  addAsked(kind: ResourceKind): void {
    add(this.asked, [kind]);
  }

  /** May an analyzer without a scope, which reports on anything it read, report otherwise after this
   *  change? Only when some resource of a kind it read changed: through the workload parts an
   *  analyzer of no scope may read more of a workload than what the parts compare (its YAML). */
  readChanged(change: Change): boolean {
    if (this.anything || (this.unlowered && change.otherDocumentChanged)) return true;
    for (const k of change.changedKinds) if (this.parts.has(k) || this.asked.has(k)) return true;
    return false;
  }

  /** Must it run in full after this change? */
  dependsOn(change: Change, own: ResourceKind): boolean {
    if (this.anything || (this.unlowered && change.otherDocumentChanged)) return true;
    for (const k of change.changedParts) if (this.parts.has(k)) return true;
    for (const k of change.changedKinds) if (k !== own && this.asked.has(k)) return true;
    return false;
  }

  /** The snapshot as the analyzer sees it: every part it touches is noted. A snapshot never changes, so
   *  each part is noted and looked up once (an analyzer reads some thousands of times per run). */
  watch(snap: Snapshot): Snapshot {
    const seen = new Map<string | symbol, unknown>();
    return new Proxy(snap, {
      get: (target, prop) => {
        if (prop === 'ofKind') return (kind: ResourceKind) => (add(this.parts, [kind]), target.ofKind(kind));
        if (seen.has(prop)) return seen.get(prop);
        this.note(prop);
        let v = Reflect.get(target, prop, target) as unknown;
        if (typeof v === 'function') v = (v as (...a: unknown[]) => unknown).bind(target);
        seen.set(prop, v);
        return v;
      },
    });
  }

  /** Every snapshot member it read, by name. */
  readonly members = new Set<string>();

  private note(prop: string | symbol): void {
    if (typeof prop === 'string') this.members.add(prop);
    const kinds = typeof prop === 'string' ? partsTable().get(prop) : undefined;
    if (kinds) add(this.parts, kinds);
    else if (typeof prop === 'string' && UNLOWERED_PARTS.has(prop)) this.unlowered = true;
    else this.anything = true;
  }
}

/** What an analyzer read when it ran on `snap`, as incremental analysis watches it: the kinds of the
 *  resources and snapshot parts it read, the snapshot members it read by name (`files`: the YAML
 *  documents themselves), and whether it read every resource at once (`resources()`). The catalogue's
 *  meta-test holds an analyzer's declared `reads` to it. */
export function observedInputs(a: Analyzer, snap: Snapshot, options: AnalyzeOptions = {}): { kinds: ResourceKind[]; members: string[]; everyResource: boolean } {
  const inputs = new Inputs();
  inputs.parts.clear();
  runWatched(a, snap, options, inputs);
  return { kinds: [...new Set([...inputs.parts, ...inputs.asked])], members: [...inputs.members], everyResource: inputs.everyResource };
}

/** One workload kind stands for all: a Deployment may replace a Pod. */
function add(set: Set<ResourceKind>, kinds: readonly ResourceKind[]): void {
  for (const k of kinds) set.add(k);
  const workloads = workloadKinds();
  if (kinds.some((k) => workloads.includes(k))) for (const k of workloads) set.add(k);
}

/** Runs one analyzer, as runAnalyzers does (one that throws reports nothing), noting its inputs. */
function runWatched(a: Analyzer, snap: Snapshot, options: AnalyzeOptions, inputs: Inputs, ctx?: AnalysisContext): Finding[] | undefined {
  const c = ctx ?? new WatchedContext(snap, inputs, options);
  try {
    a.run(c);
  } catch (e) {
    options.onError?.(a.name, e);
    return undefined;
  }
  return c.findings;
}

interface Previous {
  snap: Snapshot;
  docs: DocumentMap;
  optionsKey: string;
  byAnalyzer: Map<string, Finding[]>;
}



export class IncrementalAnalysis {
  private previous: Previous | undefined;
  private readonly inputs = new Map<string, Inputs>();

  constructor(private readonly analyzers: readonly Analyzer[] = ANALYZERS) {}

  /** `checkpoint` is called before each analyzer and before the result is kept: when it throws (a
   *  newer edit has come), the analysis stops there and this object stays as it was before the call. */
  analyze(snap: Snapshot, options: AnalyzeOptions = {}, checkpoint?: () => void): Finding[] {
    const optionsKey = JSON.stringify([options, snap.options]);
    const prev = this.previous && this.previous.optionsKey === optionsKey ? this.previous : undefined;
    const change = prev && prev.snap !== snap ? new Change(prev.docs, snap, prev.snap) : undefined;
    const byAnalyzer = new Map<string, Finding[]>();
    // Inputs seen in full runs replace the previous ones only with the findings they go with.
    const seen = new Map<string, Inputs>();
    for (const a of this.analyzers) {
      checkpoint?.();
      const before = prev?.byAnalyzer.get(a.name);
      let found: Finding[] | undefined;
      if (before && prev!.snap === snap) found = before;
      else if (before && change) found = this.rerunChanged(a, snap, options, change, before);
      if (!found) {
        const inputs = new Inputs();
        seen.set(a.name, inputs);
        found = runWatched(a, snap, options, inputs) ?? [];
      }
      byAnalyzer.set(a.name, found);
    }
    checkpoint?.();
    for (const [name, inputs] of seen) this.inputs.set(name, inputs);
    this.previous = { snap, docs: change?.docs ?? (prev?.snap === snap ? prev.docs : new DocumentMap(snap, prev?.docs)), optionsKey, byAnalyzer };
    const all = [...yamlFindings(snap)];
    for (const list of byAnalyzer.values()) for (const f of list) all.push(f);
    return finishFindings(all, snap, options);
  }

  /** The analyzer's findings on unchanged documents, carried over, plus a run on the changed ones;
   *  undefined when it must run in full. */
  private rerunChanged(a: Analyzer, snap: Snapshot, options: AnalyzeOptions, change: Change, before: Finding[]): Finding[] | undefined {
    const own = a.reads[0];
    const inputs = this.inputs.get(a.name);
    if (!inputs) return undefined;
    // Nothing it read changed: the same findings, moved with their documents.
    if (!a.scope) return inputs.readChanged(change) ? undefined : carryAll(change, before);
    if (a.scope === 'identity') return identityKept(change, snap, this.previous!.snap, before) ? carryAll(change, before) : undefined;
    // Resources of its own kind in unchanged documents that it checks again (Analyzer.affected), by reference.
    let again: Set<string> | undefined;
    let toCheck = change.changedResources;
    if (a.scope === 'resource' && inputs.dependsOn(change, own)) {
      const reported = new Set(before.map((f) => refKey(f.resource)));
      const affected = a.affected?.(snap, [...change.changedBefore, ...change.changedResources, ...change.movedResources], (r) => reported.has(refKey(r.meta)));
      if (!affected) return undefined;
      again = new Set();
      for (const r of affected) if (r.kind === own) again.add(refKey(r.meta));
      // Every resource of a reference checked again is checked (a copy in another file shares its findings' reference).
      if (again.size) {
        toCheck = new Set(change.changedResources);
        for (const r of snap.ofKind(own)) if (again.has(refKey(r.meta))) toCheck.add(r);
      }
    }
    const kept: Finding[] = [];
    for (const f of before) {
      if (again?.has(refKey(f.resource))) continue; // checked again below
      const status = change.statusBefore(f);
      if (status === 'unknown') return undefined;
      if (status === 'changed') continue; // the run below reports on its document again
      const carried = change.carry(f);
      if (!carried) return undefined;
      kept.push(carried);
    }
    if (!toCheck.size) return kept;
    const ctx = new ChangedContext(snap, inputs, options, toCheck, a.scope === 'resource' ? own : undefined);
    // One that throws runs in full, which reports the failure the way analyze() does.
    const fresh = runWatched(a, snap, options, inputs, ctx);
    if (!fresh || !fresh.every((f) => change.isOnChanged(f) || again?.has(refKey(f.resource)))) return undefined;
    return [...kept, ...fresh];
  }
}

function refKey(r: { kind: string; namespace: string; name: string }): string {
  return `${r.kind}/${r.namespace}/${r.name}`;
}

/** May an analyzer of scope 'identity' keep its findings? When no resource the edit changed has
 *  another copy (the same identity) before or after it, and no finding is in a file whose documents
 *  were renumbered (a message may name a copy by its document's number). */
function identityKept(change: Change, snap: Snapshot, prevSnap: Snapshot, before: Finding[]): boolean {
  for (const f of before) {
    if (change.renumbered(f.file) || f.related?.some((r) => change.renumbered(r.file))) return false;
  }
  let single = singleCopies.get(change);
  if (single === undefined) {
    single = [...change.changedBefore, ...change.changedResources].every((r) => copiesIn(prevSnap, r) <= 1 && copiesIn(snap, r) <= 1);
    singleCopies.set(change, single);
  }
  return single;
}

/** Per change, for every analyzer of scope 'identity': no resource it changed has another copy. */
const singleCopies = new WeakMap<Change, boolean>();

/** How many resources of a snapshot have the identity of `r` (r itself included when it is one of them). */
function copiesIn(snap: Snapshot, r: Resource): number {
  const id = identityOf(r.meta);
  let n = 0;
  for (const o of snap.ofKind(r.kind)) if (o.meta.name === r.meta.name && o.meta.namespace === r.meta.namespace && identityOf(o.meta) === id) n++;
  return n;
}

/** Every finding moved with its documents, or undefined when one of its places changed. */
function carryAll(change: Change, findings: Finding[]): Finding[] | undefined {
  const out: Finding[] = [];
  for (const f of findings) {
    const carried = change.carry(f);
    if (!carried) return undefined;
    out.push(carried);
  }
  return out;
}
