/** Drives one fuzz case through every stage a keystroke reaches — parse → model → snapshot →
 *  analyze → simulate (and the editor features once they exist) — and records what went wrong:
 *  an exception that escaped, a call over the time limit, or a span outside its file. */
import { analyze, ANALYZERS } from '../../../server/src/core/analysis';
import { runAnalyzers } from '../../../server/src/core/analysis/analyzer';
import { IncrementalAnalysis } from '../../../server/src/core/analysis/incremental';
import type { Finding } from '../../../server/src/core/analysis';
import { codeLenses } from '../../../server/src/core/ide/codeLens';
import { complete } from '../../../server/src/core/ide/completion';
import { definition } from '../../../server/src/core/ide/definition';
import { hover } from '../../../server/src/core/ide/hover';
import { inlayHints } from '../../../server/src/core/ide/inlayHints';
import { references } from '../../../server/src/core/ide/references';
import { parseCommandLine } from '../../../server/src/core/ide/simulate';
import { commandLineAt } from '../../../server/src/core/ide/simulateCommandLine';
import { documentSymbols, workspaceSymbols } from '../../../server/src/core/ide/symbols';
import type { SymbolNode } from '../../../server/src/core/ide/types';
import { spanAt } from '../../../server/src/core/model/resource';
import { parseRequest, RequestError, type RequestInput } from '../../../server/src/core/routing/request';
import { simulate } from '../../../server/src/core/routing/simulate';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import type { Span } from '../../../server/src/core/text/span';
import { buildSnapshot, type Snapshot } from '../../../server/src/core/workspace/snapshot';
import { forgetParsedDocuments, parseFile } from '../../../server/src/core/yaml/parse';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** No call may take longer (docs/robustness.md). */
export const CALL_LIMIT_MS = 200;

export interface Failure {
  stage: string;
  kind: 'threw' | 'slow' | 'span' | 'mismatch';
  message: string;
}

export interface CallTime {
  stage: string;
  wallMs: number;
  cpuMs: number;
}

export interface CaseReport {
  failures: Failure[];
  calls: number;
  slowest: CallTime;
  /** Wall-clock milliseconds spent per stage. */
  totals: Map<string, number>;
  /** Calls over the limit on the first run of the case that were not over it on a later run on a
   *  collected heap (see runCaseConfirmed). */
  pauses?: number;
}

export interface FuzzCase {
  files: [string, string][];
  requests: RequestInput[];
  /** Offsets (taken modulo each file's length + 1) where positions are converted. */
  offsets: number[];
  /** The mutated file: the editor features run on it, at the offsets. */
  focus?: string;
  /** A line typed into Simulate Request. */
  commandLine?: string;
}

class Recorder {
  readonly failures: Failure[] = [];
  calls = 0;
  slowest: CallTime = { stage: '', wallMs: 0, cpuMs: 0 };
  readonly totals = new Map<string, number>();

  /** Runs one call. It is too slow only when both its wall-clock and its CPU time exceed the limit:
   *  the CPU time does not count the moments another process on the shared CI machine held the core. */
  call<T>(stage: string, fn: () => T): T | undefined {
    this.calls++;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let out: T | undefined;
    try {
      out = fn();
    } catch (e) {
      this.fail(stage, 'threw', `threw ${(e as Error)?.stack ?? String(e)}`);
    }
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(cpu0);
    const cpuMs = (c.user + c.system) / 1000;
    this.totals.set(stage, (this.totals.get(stage) ?? 0) + wallMs);
    if (Math.min(wallMs, cpuMs) > Math.min(this.slowest.wallMs, this.slowest.cpuMs)) this.slowest = { stage, wallMs, cpuMs };
    if (wallMs > CALL_LIMIT_MS && cpuMs > CALL_LIMIT_MS) this.fail(stage, 'slow', `took ${wallMs.toFixed(0)} ms (cpu ${cpuMs.toFixed(0)} ms)`);
    return out;
  }

  fail(stage: string, kind: Failure['kind'], message: string): void {
    this.failures.push({ stage, kind, message });
  }

  checkSpan(stage: string, what: string, span: Span | undefined, text: string | undefined): void {
    if (!span || text === undefined) return;
    if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      this.fail(stage, 'span', `${what}: span ${JSON.stringify(span)} is outside its file (length ${text.length})`);
    }
  }
}

function textOf(snap: Snapshot, file: string): string | undefined {
  return snap.files.get(file)?.source.text;
}

export function runCase(c: FuzzCase): CaseReport {
  const rec = new Recorder();
  for (const [name, text] of c.files) {
    rec.call('parseFile', () => parseFile(name, text));
    const idx = rec.call('lineIndex', () => new LineIndex(text));
    for (const o of c.offsets) {
      const offset = o % (text.length + 1);
      const back = idx && rec.call('lineIndex', () => idx.offsetAt(idx.positionAt(offset)));
      // Between the \r and \n of a CRLF there is no LSP position: it maps to the line's end (as
      // vscode-languageserver-textdocument does), one before.
      const expected = text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
      if (idx && back !== expected) rec.fail('lineIndex', 'span', `offset ${offset} → ${JSON.stringify(idx.positionAt(offset))} → ${back}`);
    }
  }
  const snap = rec.call('buildSnapshot', () => buildSnapshot(c.files));
  if (!snap) return rec;
  for (const p of snap.problems()) rec.checkSpan('parse', `problem "${p.message}"`, p.span, textOf(snap, p.file));
  for (const r of snap.resources) {
    for (const path of [['metadata', 'name'], ['spec'], ['spec', 'http', 0, 'route', 0, 'destination', 'host']]) {
      const span = rec.call('spanAt', () => spanAt(r.meta, path));
      rec.checkSpan('spanAt', `${r.kind} ${path.join('.')}`, span, textOf(snap, r.meta.file));
    }
  }
  // analyze() drops an analyzer that throws (the others still report): run them with a listener to see it.
  rec.call('analyzers', () => runAnalyzers(snap, ANALYZERS, {}, (name, e) => rec.fail(`analyzer ${name}`, 'threw', `threw ${(e as Error)?.stack ?? String(e)}`)));
  const findings = rec.call('analyze', () => analyze(snap)) ?? [];
  // The language server analyses incrementally, one snapshot after the other (each case edits a file
  // and restores the one the previous case edited): it must find what a full analysis finds.
  const incremental = rec.call('incrementalAnalysis', () => session.analyze(snap));
  if (incremental && !sameFindings(incremental, findings)) rec.fail('incrementalAnalysis', 'mismatch', describeMismatch(incremental, findings));
  for (const f of findings) {
    rec.checkSpan('analyze', `finding ${f.code}`, f.span, textOf(snap, f.file));
    for (const e of f.fix?.edits ?? []) rec.checkSpan('analyze', `fix of ${f.code}`, e.span, textOf(snap, e.file));
  }
  if (c.focus !== undefined) runEditorFeatures(rec, snap, c.focus, c.offsets);
  if (c.commandLine !== undefined) rec.call('parseCommandLine', () => parseCommandLine(c.commandLine!));
  for (const input of c.requests) {
    let req;
    try {
      req = parseRequest(input);
    } catch (e) {
      if (!(e instanceof RequestError)) rec.fail('parseRequest', 'threw', `threw ${(e as Error)?.stack ?? String(e)}`);
      continue;
    }
    const res = rec.call('simulate', () => simulate(snap, req));
    for (const s of res?.trace ?? []) if (s.file) rec.checkSpan('simulate', `trace step "${s.message}"`, s.span, textOf(snap, s.file));
  }
  return rec;
}

/** Runs a case; while a call is over the time limit, drops the parse cache, collects the heap and
 *  runs the case again, up to RETRIES times, and keeps only the slow calls of the last run: a call
 *  fails the case when it was over the limit on every run. In a long run the heap fills with the
 *  parsed documents of earlier cases up to the parse cache's bound, and a collection of that heap
 *  lands in whichever call runs next; on a shared machine another process's burst does the same. A
 *  call whose own work is over the limit (a quadratic loop, a regex that backtracks) is over it on
 *  every run. Every other failure of the first run is kept. */
export function runCaseConfirmed(c: FuzzCase, run: (c: FuzzCase) => CaseReport = runCase): CaseReport {
  const first = run(c);
  const slowFirst = first.failures.filter((f) => f.kind === 'slow').length;
  let slow = first.failures.filter((f) => f.kind === 'slow');
  for (let i = 0; i < RETRIES && slow.length; i++) {
    forgetParsedDocuments();
    collect();
    slow = run(c).failures.filter((f) => f.kind === 'slow');
  }
  first.failures = [...first.failures.filter((f) => f.kind !== 'slow'), ...slow];
  first.pauses = Math.max(0, slowFirst - slow.length);
  return first;
}

/** How many times a case with a slow call runs again (the fastest run is the input's own cost). */
export const RETRIES = 2;

let gc: (() => void) | undefined;
/** A full garbage collection, without starting Node with --expose-gc. */
function collect(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** What the language server asks on every keystroke and cursor move (core/ide), at the offsets. */
function runEditorFeatures(rec: Recorder, snap: Snapshot, file: string, offsets: number[]): void {
  const text = textOf(snap, file);
  if (text === undefined) return;
  const inFile = (stage: string, what: string, span: Span | undefined, f = file) => rec.checkSpan(stage, what, span, textOf(snap, f));
  for (const o of offsets) {
    const offset = o % (text.length + 1);
    for (const item of rec.call('complete', () => complete(snap, text, offset)) ?? []) inFile('complete', `item ${item.label}`, item.replace);
    inFile('hover', 'hover', rec.call('hover', () => hover(snap, file, offset))?.span);
    for (const d of rec.call('definition', () => definition(snap, file, offset)) ?? []) inFile('definition', 'target', d.span, d.file);
    for (const r of rec.call('references', () => references(snap, file, offset, true)) ?? []) inFile('references', 'reference', r.span, r.file);
    const line = rec.call('commandLineAt', () => commandLineAt(snap, file, offset));
    if (line) {
      const parsed = rec.call('parseCommandLine', () => parseCommandLine(line.commandLine));
      if (parsed && 'error' in parsed) rec.fail('commandLineAt', 'threw', `its own command line does not parse: ${line.commandLine} → ${parsed.error}`);
    }
  }
  for (const l of rec.call('codeLenses', () => codeLenses(snap, file)) ?? []) inFile('codeLenses', l.title, l.span);
  const walk = (n: SymbolNode) => {
    inFile('documentSymbols', n.name, n.span);
    inFile('documentSymbols', n.name, n.selectionSpan);
    n.children.forEach(walk);
  };
  (rec.call('documentSymbols', () => documentSymbols(snap, file)) ?? []).forEach(walk);
  for (const h of rec.call('inlayHints', () => inlayHints(snap, file, { start: 0, end: text.length })) ?? []) inFile('inlayHints', h.label, { start: h.offset, end: h.offset });
  for (const w of rec.call('workspaceSymbols', () => workspaceSymbols(snap, 'hello')) ?? []) rec.checkSpan('workspaceSymbols', w.name, w.location.span, textOf(snap, w.location.file));
}

/** One incremental analysis across the cases of a run, as the language server keeps one. */
const session = new IncrementalAnalysis();

function findingKey(f: Finding): string {
  return `${f.file}:${f.span.start}-${f.span.end} ${f.code} ${f.message}`;
}

function sameFindings(a: Finding[], b: Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => findingKey(f) === findingKey(b[i]));
}

function describeMismatch(incremental: Finding[], full: Finding[]): string {
  const inc = new Set(incremental.map(findingKey));
  const all = new Set(full.map(findingKey));
  const missing = [...all].filter((k) => !inc.has(k)).slice(0, 3);
  const extra = [...inc].filter((k) => !all.has(k)).slice(0, 3);
  return `incremental analysis differs from a full one: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`;
}

export function describeFailures(r: CaseReport): string {
  return r.failures.map((f) => `[${f.stage}] ${f.message}`).join('\n');
}
