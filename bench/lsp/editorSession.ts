/** One editor session against one server and one big file, as a user lives it: open the file,
 *  ask for completion and hover in the middle, make one-character edits, type 100 keystrokes,
 *  then reopen fresh copies of the file. Every figure is wall-clock time seen by the client. */
import { median, rawParseMs } from '../floor';
import type { BenchFile, Spot } from '../workspaces';
import { TimeoutError, type LspClient } from './client';
import { isPublishFor, reflectsEdit, showsPlanted } from './diagnostics';
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
}

interface OpenDoc {
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
    rssBeforeTypingMb: NaN, rssAfterTypingMb: NaN, typingSettleMs: NaN, peakMb: NaN, notes: [],
  };
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
    await sleep(200);

    const td = { uri: file.uri };
    const c = await timedRequests(client, 'textDocument/completion', { textDocument: td, position: file.completionAt, context: { triggerKind: 1 } }, opts.budgetMs, opts.timeoutMs);
    fig.completionMs = c.times;
    fig.completionItems = Array.isArray(c.last) ? c.last.length : (c.last?.items?.length ?? 0);
    const h = await timedRequests(client, 'textDocument/hover', { textDocument: td, position: file.hoverAt }, opts.budgetMs, opts.timeoutMs);
    fig.hoverMs = h.times;
    fig.hoverFound = !!h.last;
    if (opts.extra) await opts.extra(client, file);

    const doc: OpenDoc = { file, version: 1, broken: new Set(), lineStarts: lineStartsOf(file.text), text: file.text };
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

    // More open samples: fresh text (no cache can answer), same size.
    client.notify('textDocument/didClose', { textDocument: td });
    for (const v of opts.variants) {
      fig.rawMs.push(rawParseMs([v.text], 1));
      const r = await open(client, v, opts.timeoutMs);
      fig.openMs.push(r.ms);
      fig.firstPublishMs.push(r.firstMs);
      client.notify('textDocument/didClose', { textDocument: { uri: v.uri } });
    }
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
