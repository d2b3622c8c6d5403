/** One editor session against one server and one big file, as a user lives it: open the file,
 *  ask for completion and hover in the middle, make one-character edits, type 100 keystrokes,
 *  then reopen fresh copies of the file. Every figure is wall-clock time seen by the client. */
import { median, rawParseMs } from '../floor';
import type { BenchFile, Spot } from '../workspaces';
import { TimeoutError, type LspClient } from './client';
import { isPublishFor, reflectsEdit, showsPlanted } from './diagnostics';
import { editAndUndo, MEANING_EDITS, type MeaningEdit, type TrackedDoc } from './meaningEdits';
import { startServer, type ServerSpec } from './servers';

export interface EditorFigures {
  server: string;
  documents: number;
  bytes: number;
  /** Open → publish that includes the planted error (samples: the file, then fresh variants). */
  openMs: number[];
  /** Open → first publish of any kind for the file. */
  firstPublishMs: number[];
  /** The raw `yaml` parse of the same text measured in this process just before each open (paired
   *  with `openMs`, so that both see the same load on a shared machine). */
  rawMs: number[];
  editMs: number[];
  completionMs: number[];
  hoverMs: number[];
  /** Completion sent right after an edit, while the server re-analyses. */
  completionAfterEditMs: number[];
  completionItems: number;
  hoverFound: boolean;
  rssBeforeTypingMb: number;
  rssAfterTypingMb: number;
  /** Keystrokes → publish that reflects the last one. */
  typingSettleMs: number;
  peakMb: number;
  /** Open → 3 completions → a subset edit (v1 → v9): that edit's diagnostics, then its undo's. */
  firstEditMs: number[];
  /** Per kind of meaning-changing edit (meaningEdits.ts): each edit and each undo. */
  meaningMs: Partial<Record<MeaningEdit, number[]>>;
  /** The file closed and opened again, `reopens` times: each open, its first edit (after 3
   *  completions) and the RSS after each close and a pause. */
  reopenMs: number[];
  reopenFirstEditMs: number[];
  reopenRssMb: number[];
  /** RSS after a pause before and after `longEdits` keystrokes 20 ms apart. */
  longEdits: number;
  rssBeforeLongMb: number;
  rssAfterLongMb: number;
  notes: string[];
}

export interface SessionOptions {
  warmup: BenchFile;
  /** Files with the same shape and new text, opened after the main one for more open samples. */
  variants: BenchFile[];
  /** Wall-clock budget for the waited edits and for each kind of request (a slow server does fewer, at least `min`). */
  budgetMs: number;
  timeoutMs: number;
  /** Called with the running client for extra measurements (simulate over LSP) before the edits. */
  extra?: (client: LspClient, file: BenchFile) => Promise<void>;
  /** Rounds of each meaning-changing edit (an edit and its undo each); 0 skips them. */
  meaningRounds?: number;
  /** Sessions of close and open again; 0 skips them. */
  reopens?: number;
  /** Keystrokes of the long typing session whose RSS growth is measured; 0 skips it. */
  longEdits?: number;
}

interface OpenDoc extends TrackedDoc {
  file: BenchFile;
  version: number;
  broken: Set<number>;
  lineStarts: number[];
  text: string;
}

async function open(client: LspClient, file: BenchFile, timeoutMs: number): Promise<{ ms: number; firstMs: number }> {
  const start = performance.now();
  const first = client.waitFor((n) => isPublishFor(n, file.uri), timeoutMs, `first diagnostics for ${file.documents} documents`);
  const full = client.waitFor(showsPlanted(file.uri, file.plantedLine), timeoutMs, `diagnostics of the whole ${file.documents}-document file`);
  first.catch(() => undefined);
  client.notify('textDocument/didOpen', { textDocument: { uri: file.uri, languageId: 'yaml', version: 1, text: file.text } });
  const done = await full;
  const f = await first.catch(() => done);
  return { ms: done.at - start, firstMs: f.at - start };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Sends the one-character edit that flips `spot` and returns the predicate of its diagnostics. */
function flip(client: LspClient, doc: OpenDoc, spot: Spot, fullSync: boolean) {
  const broken = !doc.broken.has(spot.line);
  const ch = broken ? 'x' : spot.original;
  if (broken) doc.broken.add(spot.line);
  else doc.broken.delete(spot.line);
  const offset = doc.lineStarts[spot.line] + spot.character;
  doc.text = doc.text.slice(0, offset) + ch + doc.text.slice(offset + 1);
  doc.version++;
  const range = { start: { line: spot.line, character: spot.character }, end: { line: spot.line, character: spot.character + 1 } };
  const change = fullSync ? { text: doc.text } : { range, text: ch };
  const test = reflectsEdit(doc.file.uri, doc.version, spot.line, broken, doc.file.plantedLine);
  return { test, send: () => client.notify('textDocument/didChange', { textDocument: { uri: doc.file.uri, version: doc.version }, contentChanges: [change] }) };
}

async function timedRequests(client: LspClient, method: string, params: unknown, budgetMs: number, timeoutMs: number, max = 25, min = 20) {
  const times: number[] = [];
  let last: any;
  const start = performance.now();
  while (times.length < max && (times.length < min || performance.now() - start < budgetMs)) {
    const r = await client.request(method, params, timeoutMs);
    times.push(r.ms);
    last = r.result;
    if (times.length >= 5 && performance.now() - start > budgetMs * 3) break;
  }
  return { times, last };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runEditorSession(spec: ServerSpec, file: BenchFile, cwd: string, opts: SessionOptions): Promise<EditorFigures> {
  const fig: EditorFigures = {
    server: spec.name, documents: file.documents, bytes: Buffer.byteLength(file.text), openMs: [], firstPublishMs: [], rawMs: [], editMs: [],
    completionMs: [], hoverMs: [], completionAfterEditMs: [], completionItems: 0, hoverFound: false,
    rssBeforeTypingMb: NaN, rssAfterTypingMb: NaN, typingSettleMs: NaN, peakMb: NaN, firstEditMs: [], meaningMs: {},
    reopenMs: [], reopenFirstEditMs: [], reopenRssMb: [], longEdits: 0, rssBeforeLongMb: NaN, rssAfterLongMb: NaN, notes: [],
  };
  const completion = (td: { uri: string }) => client.request('textDocument/completion', { textDocument: td, position: file.completionAt, context: { triggerKind: 1 } }, opts.timeoutMs);
  const client = await startServer(spec, cwd);
  try {
    const init = await open(client, opts.warmup, opts.timeoutMs).catch((e) => {
      fig.notes.push(`warm-up: ${(e as Error).message}`);
      return undefined;
    });
    if (init) client.notify('textDocument/didClose', { textDocument: { uri: opts.warmup.uri } });
    fig.rawMs.push(rawParseMs([file.text], 1));
    const o = await open(client, file, opts.timeoutMs);
    fig.openMs.push(o.ms);
    fig.firstPublishMs.push(o.firstMs);
    const td = { uri: file.uri };
    const doc: OpenDoc = { file, uri: file.uri, version: 1, broken: new Set(), lineStarts: lineStartsOf(file.text), text: file.text };
    if (opts.meaningRounds) {
      // What a user does first: a few completions, then an edit that changes the routing.
      for (let i = 0; i < 3; i++) await completion(td);
      fig.firstEditMs = await editAndUndo(client, doc, 'subset', opts.timeoutMs);
    }
    await sleep(200);

    const c = await timedRequests(client, 'textDocument/completion', { textDocument: td, position: file.completionAt, context: { triggerKind: 1 } }, opts.budgetMs, opts.timeoutMs);
    fig.completionMs = c.times;
    fig.completionItems = Array.isArray(c.last) ? c.last.length : (c.last?.items?.length ?? 0);
    const h = await timedRequests(client, 'textDocument/hover', { textDocument: td, position: file.hoverAt }, opts.budgetMs, opts.timeoutMs);
    fig.hoverMs = h.times;
    fig.hoverFound = !!h.last;
    if (opts.extra) await opts.extra(client, file);
    // Before the one-character edits, which leave some values of the middle of the file broken.
    for (let r = 0; r < (opts.meaningRounds ?? 0); r++) {
      for (const kind of MEANING_EDITS) (fig.meaningMs[kind] ??= []).push(...(await editAndUndo(client, doc, kind, opts.timeoutMs)));
    }

    const fullSync = client.syncKind === 1;
    let spot = 0;
    const editStart = performance.now();
    while (fig.editMs.length < 20 && (fig.editMs.length < 3 || performance.now() - editStart < opts.budgetMs)) {
      const e = flip(client, doc, file.spots[spot++ % file.spots.length], fullSync);
      const wait = client.waitFor(e.test, opts.timeoutMs, 'diagnostics after an edit');
      const t0 = performance.now();
      e.send();
      fig.editMs.push((await wait).at - t0);
    }

    // Completion while the server re-analyses: the edit is sent, the completion right behind it.
    const afterStart = performance.now();
    while (fig.completionAfterEditMs.length < 10 && (fig.completionAfterEditMs.length < 3 || performance.now() - afterStart < opts.budgetMs)) {
      const e = flip(client, doc, file.spots[spot++ % file.spots.length], fullSync);
      const wait = client.waitFor(e.test, opts.timeoutMs, 'diagnostics after an edit');
      wait.catch(() => undefined);
      e.send();
      const r = await client.request('textDocument/completion', { textDocument: td, position: file.completionAt, context: { triggerKind: 1 } }, opts.timeoutMs);
      fig.completionAfterEditMs.push(r.ms);
      await wait;
    }

    // 100 keystrokes at 20 per second, then the publish that reflects the last one. Memory is read
    // after the same 2 s pause before and after (the typist stops; a server may tidy up meanwhile).
    await sleep(2000);
    fig.rssBeforeTypingMb = client.memory().rssMb;
    let last: ReturnType<typeof flip> | undefined;
    for (let k = 0; k < 100; k++) {
      last = flip(client, doc, file.spots[spot++ % file.spots.length], fullSync);
      if (k < 99) {
        last.send();
        await sleep(50);
      }
    }
    const settled = client.waitFor(last!.test, opts.timeoutMs * 2, 'diagnostics after 100 keystrokes');
    const t0 = performance.now();
    last!.send();
    fig.typingSettleMs = (await settled).at - t0;
    await sleep(2000);
    fig.rssAfterTypingMb = client.memory().rssMb;
    fig.peakMb = client.memory().peakMb;

    if (opts.longEdits) {
      fig.longEdits = opts.longEdits;
      fig.rssBeforeLongMb = fig.rssAfterTypingMb;
      for (let k = 0; k < opts.longEdits; k++) {
        last = flip(client, doc, file.spots[spot++ % file.spots.length], fullSync);
        if (k < opts.longEdits - 1) {
          last.send();
          await sleep(20);
        }
      }
      const done = client.waitFor(last!.test, opts.timeoutMs * 2, `diagnostics after ${opts.longEdits} keystrokes`);
      last!.send();
      await done;
      await sleep(2000);
      fig.rssAfterLongMb = client.memory().rssMb;
    }

    // More open samples: fresh text (no cache can answer), same size.
    client.notify('textDocument/didClose', { textDocument: td });
    for (const v of opts.variants) {
      fig.rawMs.push(rawParseMs([v.text], 1));
      const r = await open(client, v, opts.timeoutMs);
      fig.openMs.push(r.ms);
      fig.firstPublishMs.push(r.firstMs);
      client.notify('textDocument/didClose', { textDocument: { uri: v.uri } });
    }

    // A long session: the same file closed and opened again, the first edit after each open.
    for (let i = 0; i < (opts.reopens ?? 0); i++) {
      const r = await open(client, file, opts.timeoutMs);
      fig.reopenMs.push(r.ms);
      const again: TrackedDoc = { uri: file.uri, text: file.text, version: 1 };
      for (let c = 0; c < 3; c++) await completion(td);
      fig.reopenFirstEditMs.push((await editAndUndo(client, again, 'subset', opts.timeoutMs))[0]);
      client.notify('textDocument/didClose', { textDocument: td });
      await sleep(1500);
      fig.reopenRssMb.push(client.memory().rssMb);
    }
    fig.peakMb = client.memory().peakMb;
  } catch (e) {
    fig.notes.push(e instanceof TimeoutError ? e.message : `error: ${(e as Error).message}`);
    if (!Number.isFinite(fig.peakMb)) fig.peakMb = client.memory().peakMb;
  } finally {
    await client.stop();
  }
  return fig;
}

export function summarize(fig: EditorFigures) {
  return {
    open: median(fig.openMs),
    edit: median(fig.editMs),
    completion: median(fig.completionMs),
    hover: median(fig.hoverMs),
    completionAfterEdit: median(fig.completionAfterEditMs),
    growth: fig.rssAfterTypingMb / fig.rssBeforeTypingMb - 1,
  };
}
