import { DEFAULT_OPTIONS, Snapshot, type FileResult, type WorkspaceOptions } from '../core/workspace/snapshot';
import { isKustomizationFile, kustomizationPatches } from '../core/workspace/kustomize';
import { forgetIndex } from './convert';
import { analyzeFileIncrementally, prepareLowering } from './fileAnalysis';

/** Every YAML file the server knows (open documents over their disk text), analysed per file:
 *  an edit re-analyses that file only (and its parse reuses unchanged documents), then a new
 *  immutable Snapshot is indexed over the per-file results. */
export class WorkspaceState {
  private readonly texts = new Map<string, string>();
  private readonly results = new Map<string, FileResult>();
  private readonly pending = new Set<string>();
  private readonly open = new Set<string>();
  private snap: Snapshot | undefined;
  private warming = false;
  private last: Snapshot | undefined;
  private readonly docVersions = new Map<string, number>();
  /** Bumped on every change; lets the diagnostics loop skip work when nothing changed. */
  version = 0;
  /** Bumped when what an analysis reads changes (texts, options), not when only the editor's version
   *  of a document does (a file opened as it is on disk). */
  textVersion = 0;
  /** Bumped when the files on disk may have changed (read from disk, removed, saved): what reads the
   *  disk itself (kubectl kustomize) runs again only then, not on every keystroke. */
  diskVersion = 0;
  /** Hears every change of text (undefined: removed), e.g. to mirror it into the diagnostics worker. */
  onText: ((uri: string, text: string | undefined, docVersion: number | undefined) => void) | undefined;

  constructor(public options: WorkspaceOptions = DEFAULT_OPTIONS) {}

  setOptions(options: Partial<WorkspaceOptions>): void {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    // Lowered with other options: every file is analysed again (and warmed up again in slices).
    this.results.clear();
    for (const uri of this.texts.keys()) this.pending.add(uri);
    this.invalidate();
  }

  /** The text of a file from disk; ignored while the file is open in the editor. */
  setDiskText(uri: string, text: string): void {
    this.diskVersion++;
    if (!this.open.has(uri)) this.setText(uri, text);
  }

  /** A file changed on disk that this state does not read from there (an open file was saved). */
  diskChanged(): void {
    this.diskVersion++;
  }

  openDocument(uri: string, text: string, docVersion?: number): void {
    if (typeof text !== 'string') return; // see setText
    const wasOpen = this.open.has(uri);
    const before = this.docVersions.get(uri);
    this.open.add(uri);
    if (docVersion !== undefined) this.docVersions.set(uri, docVersion);
    // Compared once: two versions of a 5 MB text that keep its length differ only at the edit, and
    // the comparison reads everything before it.
    if (this.texts.get(uri) === text) {
      if (wasOpen && before === docVersion) return;
      // The text is the one analysed already (a file opened as it is on disk): nothing to analyse
      // again, but the editor waits for the diagnostics of this version, so the change is heard.
      this.version++;
      this.onText?.(uri, text, this.documentVersion(uri));
      return;
    }
    this.store(uri, text);
  }

  /** The editor's version of an open document's current text. */
  documentVersion(uri: string): number | undefined {
    return this.open.has(uri) ? this.docVersions.get(uri) : undefined;
  }

  closeDocument(uri: string, diskText: string | undefined): void {
    this.open.delete(uri);
    this.docVersions.delete(uri);
    if (diskText === undefined) this.remove(uri);
    else this.setText(uri, diskText);
  }

  setText(uri: string, text: string): void {
    // Only strings: a text of another type (a client's JSON null) would break every analysis.
    if (typeof text !== 'string' || this.texts.get(uri) === text) return;
    this.store(uri, text);
  }

  private store(uri: string, text: string): void {
    this.texts.set(uri, text);
    this.pending.add(uri);
    this.invalidate();
    this.onText?.(uri, text, this.documentVersion(uri));
  }

  remove(uri: string): void {
    if (this.open.has(uri) || !this.texts.has(uri)) return;
    this.diskVersion++;
    this.texts.delete(uri);
    this.results.delete(uri);
    this.pending.delete(uri);
    // Everything the file held goes (in each thread: the worker removes it too): its line index
    // would otherwise keep a copy of its text for the life of the server.
    forgetIndex(uri);
    this.invalidate();
    this.onText?.(uri, undefined, undefined);
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  uris(): string[] {
    return [...this.texts.keys()];
  }

  private invalidate(): void {
    this.snap = undefined;
    this.version++;
    this.textVersion++;
  }

  /** The snapshot of the current texts (re-analysing the files edited since the last one). */
  snapshot(): Snapshot {
    if (this.snap) return this.snap;
    for (const uri of this.pending) this.analyse(uri);
    this.pending.clear();
    const patches = this.kustomizePatches();
    this.snap = new Snapshot(patches.size ? new Map([...this.results].filter(([uri]) => !patches.has(uri))) : new Map(this.results), this.options);
    this.last = this.snap;
    return this.snap;
  }

  /** Files a kustomization names as patches: fragments, not resources (core/workspace/kustomize.ts). */
  private kustomizePatches(): Set<string> {
    const out = new Set<string>();
    for (const [uri, text] of this.texts) {
      if (!isKustomizationFile(uri)) continue;
      for (const rel of kustomizationPatches(text)) {
        try {
          out.add(new URL(rel, uri).href);
        } catch {
          // Not a path a URL can hold: kustomize could not read it either.
        }
      }
    }
    return out;
  }

  /** Analyses a changed file now rather than with the next snapshot (the worker does so as files
   *  arrive at start-up, while the server is still reading the next ones). */
  analyseAhead(uri: string): void {
    if (!this.pending.delete(uri)) return;
    this.analyse(uri);
  }

  private analyse(uri: string): void {
    this.results.set(uri, analyzeFileIncrementally(uri, this.texts.get(uri) ?? '', this.options, this.results.get(uri)?.source));
  }

  /** Brings the snapshot up to date in the background: the pending files' documents are parsed and
   *  lowered in short slices, then one short synchronous step indexes them. Requests come first: the
   *  slices are short, and while requests keep arriving (a burst of completions, hovers) the warm-up
   *  steps aside until they pause. */
  async warm(): Promise<void> {
    if (this.warming || this.snap) return;
    this.warming = true;
    try {
      // A file edited while it was being prepared is prepared again (its documents parsed so far are
      // cached by their text): the snapshot below must not parse the rest of a big file in one go,
      // which held this thread — and the diagnostics of the first edits after an open — for as
      // long as the whole parse.
      const prepared = new Map<string, string>();
      for (let again = true; again; ) {
        again = false;
        for (const uri of [...this.pending]) {
          const text = this.texts.get(uri);
          // A file analysed before is split again only around its edits, at once.
          if (text === undefined || this.results.has(uri) || prepared.get(uri) === text) continue;
          const done = await prepareLowering(uri, text, this.options, async () => {
            await new Promise((r) => setImmediate(r));
            while (performance.now() - this.lastRequestAt < REQUEST_PAUSE_MS || this.stepAside()) await new Promise((r) => setTimeout(r, REQUEST_PAUSE_MS));
            return this.texts.get(uri) === text;
          });
          if (done) prepared.set(uri, text);
          else again = true;
        }
      }
      this.onWarm(this.snapshot().files.size);
    } finally {
      this.warming = false;
    }
  }

  /** Called when a warm-up has brought the snapshot up to date, with its number of files. */
  onWarm: (files: number) => void = () => {};

  private lastRequestAt = -Infinity;

  /** While true, the warm-up waits (the server sets it: while the diagnostics worker analyses an edit,
   *  so that on two cores the two do not share one). */
  stepAside: () => boolean = () => false;

  /** A request is being answered (the warm-up waits for a pause in them). */
  noteRequest(): void {
    this.lastRequestAt = performance.now();
  }

  /** Can this thread answer about `uri` without parsing much: every file but `uri` (when
   *  `exceptUri`, as completion and hover allow) is analysed, or was and is only being edited. */
  isReadyFor(uri: string, exceptUri: boolean): boolean {
    if (this.snap) return true;
    if (exceptUri && this.last?.files.has(uri) && [...this.pending].every((u) => u === uri)) return true;
    return !this.warming && [...this.pending].every((u) => this.results.has(u));
  }

  /** A warm-up is under way (its slices yield to requests): callers that can wait should. */
  get isWarming(): boolean {
    return this.warming;
  }

  /** The latest snapshot without waiting for pending edits (for conversions of its own spans). */
  latestSnapshot(): Snapshot {
    return this.last ?? this.snapshot();
  }

  /** For completion, which reads `uri`'s live text itself: other files are brought up to date,
   *  `uri` may lag behind by the edits of the last moments (re-analysing it would cost the typist). */
  snapshotExcept(uri: string): Snapshot {
    if (this.last && (this.anySnapshot || (this.last.files.has(uri) && [...this.pending].every((u) => u === uri)))) return this.last;
    return this.snapshot();
  }

  private anySnapshot = false;

  /** Runs `fn` with `snapshotExcept` answering from the latest snapshot, however old (when waiting
   *  for a fresh one would mean waiting behind a whole-workspace analysis). */
  withLatestSnapshot<R>(fn: () => R): R {
    this.anySnapshot = true;
    try {
      return fn();
    } finally {
      this.anySnapshot = false;
    }
  }

  /** Is there a snapshot at all (however old)? */
  get hasSnapshot(): boolean {
    return !!this.last;
  }
}

/** How long after a request the warm-up keeps waiting (requests come in bursts). */
const REQUEST_PAUSE_MS = 30;

export { isKubernetesFile } from '../core/workspace/kubernetesFile';

/** Same question for a text being typed: an empty document may become a resource. */
export function mayBeKubernetes(text: string): boolean {
  return !text.trim() || /^(apiVersion|kind)\s*:/m.test(text);
}
