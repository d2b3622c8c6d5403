/** The results table (Markdown, readable on a terminal too): each figure, its floor, its ratios and
 *  the issue's target. */
import { cpus, loadavg, totalmem } from 'node:os';
import { execSync } from 'node:child_process';
import { checkRatio, type CheckFigures } from './check';
import { median, percentile } from './floor';
import { MEANING_EDITS } from './lsp/meaningEdits';
import type { EditorFigures } from './lsp/editorSession';
import type { IndexFigures } from './lsp/indexing';
import type { LspSimulateFigures } from './lsp/simulate';
import type { SimulateFigures } from './simulate.bench';

export interface SizeResult {
  documents: number;
  bytes: number;
  rawParseMs: number;
  ours?: EditorFigures;
  yamlLs?: EditorFigures;
}

export interface Results {
  date: string;
  sizes: SizeResult[];
  workspace?: { rawParseMs: number; ours: IndexFigures }[];
  simulate?: SimulateFigures;
  lspSimulate?: LspSimulateFigures;
  check?: CheckFigures;
  seconds: number;
}

const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms' : '—');
const mb = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} MB` : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');
const n = (xs: number[]) => (xs.length ? ` (n=${xs.length})` : '');

function verdict(ok: boolean | undefined): string {
  return ok === undefined ? '' : ok ? 'met' : '**missed**';
}

export function machine(): string {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const mem = sh('free -h').split('\n').find((l) => l.startsWith('Mem:'))?.split(/\s+/).slice(1, 3).join(' total, ') ?? `${(totalmem() / 2 ** 30).toFixed(0)}Gi`;
  const load = loadavg().map((x) => x.toFixed(1)).join(', ');
  return `${sh('nproc') || cpus().length} cores (\`nproc\`), ${cpus()[0]?.model ?? 'unknown CPU'}; memory (\`free -h\`): ${mem} used; Node ${process.version}; ${sh('uname -sr')}; load average at the end ${load} (other jobs share the machine)`;
}

function sizeRows(s: SizeResult): string[] {
  const o = s.ours;
  const y = s.yamlLs;
  const om = (f: (e: EditorFigures) => number[]) => (o ? median(f(o)) : NaN);
  const ym = (f: (e: EditorFigures) => number[]) => (y ? median(f(y)) : NaN);
  const growth = (e?: EditorFigures) => (e ? e.rssAfterTypingMb / e.rssBeforeTypingMb - 1 : NaN);
  const open = om((e) => e.openMs);
  const yopen = ym((e) => e.openMs);
  // Each open over the raw parse of the same text timed just before it (the same load on a shared machine).
  const paired = (e?: EditorFigures) => (e && e.rawMs.length === e.openMs.length ? median(e.openMs.map((x, i) => x / e.rawMs[i])) : NaN);
  const openVsRaw = Number.isFinite(paired(o)) ? paired(o) : open / s.rawParseMs;
  const is5k = s.documents >= 5000;
  const rows: [string, string, string, string, string, string, string][] = [
    [`open → diagnostics${n(o?.openMs ?? [])}`, ms(open), ms(yopen), `${ratio(openVsRaw, 1)} raw (paired), ${ratio(open, yopen)} yaml-ls`,
      is5k ? '≤ 1.5× raw, ≤ 0.5× yaml-ls' : '', is5k ? verdict(openVsRaw <= 1.5 && open <= 0.5 * yopen) : '', `raw parse just before each open: ${o?.rawMs.map((x) => x.toFixed(0)).join(', ')} ms`],
    [`open → first publish`, ms(om((e) => e.firstPublishMs)), ms(ym((e) => e.firstPublishMs)), ratio(om((e) => e.firstPublishMs), s.rawParseMs) + ' raw', '', '', ''],
    [`one-char edit → diagnostics${n(o?.editMs ?? [])}`, ms(om((e) => e.editMs)), ms(ym((e) => e.editMs)) + n(y?.editMs ?? []), ratio(om((e) => e.editMs), ym((e) => e.editMs)) + ' yaml-ls', '≤ 50 ms', verdict(om((e) => e.editMs) <= 50), ''],
    [`completion, middle of file${n(o?.completionMs ?? [])}`, ms(om((e) => e.completionMs)), ms(ym((e) => e.completionMs)) + n(y?.completionMs ?? []), ratio(om((e) => e.completionMs), ym((e) => e.completionMs)) + ' yaml-ls', '≤ 20 ms', verdict(om((e) => e.completionMs) <= 20), `${o?.completionItems ?? 0} / ${y?.completionItems ?? 0} items`],
    [`hover, middle of file${n(o?.hoverMs ?? [])}`, ms(om((e) => e.hoverMs)), ms(ym((e) => e.hoverMs)) + n(y?.hoverMs ?? []), ratio(om((e) => e.hoverMs), ym((e) => e.hoverMs)) + ' yaml-ls', '≤ 20 ms', verdict(om((e) => e.hoverMs) <= 20), `hover: ${o?.hoverFound ? 'yes' : 'none'} / ${y?.hoverFound ? 'yes' : 'none'}`],
    [`completion right after an edit${n(o?.completionAfterEditMs ?? [])}`, ms(om((e) => e.completionAfterEditMs)), ms(ym((e) => e.completionAfterEditMs)) + n(y?.completionAfterEditMs ?? []), ratio(om((e) => e.completionAfterEditMs), ym((e) => e.completionAfterEditMs)) + ' yaml-ls', '≤ 20 ms', verdict(om((e) => e.completionAfterEditMs) <= 20), ''],
    ['100 keystrokes (50 ms apart) → last one diagnosed', ms(o?.typingSettleMs ?? NaN), ms(y?.typingSettleMs ?? NaN), '', '', '', ''],
    ['peak RSS (VmHWM)', mb(o?.peakMb ?? NaN), mb(y?.peakMb ?? NaN), ratio(o?.peakMb ?? NaN, y?.peakMb ?? NaN) + ' yaml-ls', is5k ? '≤ 0.5× yaml-ls' : '', is5k ? verdict((o?.peakMb ?? NaN) <= 0.5 * (y?.peakMb ?? NaN)) : '', ''],
    ['RSS before → after 100 keystrokes', o ? `${mb(o.rssBeforeTypingMb)} → ${mb(o.rssAfterTypingMb)} (${pct(growth(o))})` : '—', y ? `${mb(y.rssBeforeTypingMb)} → ${mb(y.rssAfterTypingMb)} (${pct(growth(y))})` : '—', '', '< 10 %', verdict(growth(o) < 0.1), ''],
  ];
  if (!y) return rows.filter((r) => r[1] !== '—').map((r) => `| ${r.join(' | ')} |`);
  return rows.map((r) => `| ${r.join(' | ')} |`);
}

const p50p90 = (xs: number[]) => `${ms(median(xs))} / ${ms(percentile(xs, 90))}`;

/** What a user does over a session (ours, largest file): the first edit after open, edits that change
 *  the meaning, re-opens, a long typing session. Medians and p90s. */
function sessionRows(e: EditorFigures): string[] {
  const rows: string[][] = [];
  const edits = (label: string, xs: number[], target: string, ok: boolean, notes = '') => {
    if (xs.length) rows.push([`${label} (n=${xs.length})`, p50p90(xs), target, verdict(ok), notes]);
  };
  if (e.firstEditMs.length) {
    rows.push(['open → 3 completions → first edit (subset v1 → v9) → diagnostics', ms(e.firstEditMs[0]), '≤ 150 ms', verdict(e.firstEditMs[0] <= 150), `its undo: ${ms(e.firstEditMs[1])}`]);
  }
  const within = (xs: number[]) => median(xs) <= 50 && percentile(xs, 90) <= 100;
  const labels: Record<string, string> = {
    subset: 'subset v1 → v9 → v1 (a new IST0101 each time)', host: 'destination host renamed and back', weight: 'weight 90 → 80 and back',
    match: 'match value (uri prefix) changed and back', route: 'new first route (the others unreachable) and its removal', document: 'DestinationRule deleted and put back',
  };
  for (const kind of MEANING_EDITS) edits(`edit → diagnostics: ${labels[kind]}`, e.meaningMs[kind] ?? [], 'p50 ≤ 50 ms, p90 ≤ 100 ms', within(e.meaningMs[kind] ?? []));
  if (e.reopenMs.length) {
    const rss = e.reopenRssMb;
    const growth = rss[rss.length - 1] / rss[0] - 1;
    edits('re-open → diagnostics', e.reopenMs, '', true);
    rows[rows.length - 1][3] = '';
    edits('re-open → 3 completions → first edit → diagnostics', e.reopenFirstEditMs, 'p50, p90 ≤ 150 ms', percentile(e.reopenFirstEditMs, 90) <= 150);
    rows.push([`RSS after each of ${rss.length} re-opens, first → last`, `${mb(rss[0])} → ${mb(rss[rss.length - 1])} (${pct(growth)}); peak ${mb(e.peakMb)}`, 'no growth (< 5 %)', verdict(growth < 0.05), rss.map((x) => x.toFixed(0)).join(', ')]);
  }
  if (e.longEdits) {
    const growth = e.rssAfterLongMb / e.rssBeforeLongMb - 1;
    rows.push([`RSS before → after ${e.longEdits.toLocaleString('en-US')} keystrokes (20 ms apart)`, `${mb(e.rssBeforeLongMb)} → ${mb(e.rssAfterLongMb)} (${pct(growth)})`, '< 10 %', verdict(growth < 0.1), '']);
  }
  if (!rows.length) return [];
  return ['| figure (istio-lens) | median / p90 | target | | notes |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

function checkRows(c: CheckFigures): string[] {
  const m = (runs: CheckFigures['clean'], k: keyof CheckFigures['clean'][number]) => median(runs.map((r) => r[k]));
  const r = checkRatio(c);
  const ratioOf = Number.isFinite(r.cpu) ? r.cpu : r.wall;
  const line = (label: string, runs: CheckFigures['clean'], extra: string) =>
    `| ${label} | ${ms(m(runs, 'wallMs'))} | ${ms(m(runs, 'cpuMs'))} | ${mb(m(runs, 'peakMb'))} | ${m(runs, 'findings')} | ${extra} |`;
  return [
    `**\`istio-lens check\` on a repository of ${c.files.toLocaleString('en-US')} files, ${c.documents.toLocaleString('en-US')} documents** (medians of ${c.clean.length} alternating runs; CPU time of the process, less noisy than wall time on a shared machine)`, '',
    '| run | wall | CPU | peak RSS | findings | unresolved ÷ clean (CPU; wall) — target ≤ 1.5× |', '|---|---|---|---|---|---|',
    line('every destination host resolves', c.clean, ''),
    line('no destination host resolves (every Service renamed)', c.unresolved, `${ratio(r.cpu, 1)}; ${ratio(r.wall, 1)} — ${verdict(ratioOf <= 1.5)}`),
    '', ...c.notes.map((n) => `- ${n}`),
  ];
}

export function renderTable(r: Results): string {
  const out: string[] = [];
  out.push(`Run ${r.date} on ${machine()}. Whole run: ${r.seconds.toFixed(0)} s.`, '');
  for (const s of r.sizes) {
    out.push(`**One file, ${s.documents.toLocaleString('en-US')} documents (${(s.bytes / 1e6).toFixed(2)} MB)** — raw \`parseAllDocuments\`: ${ms(s.rawParseMs)}`, '');
    out.push('| figure (median) | istio-lens | yaml-language-server | ratio | target | | notes |', '|---|---|---|---|---|---|---|');
    out.push(...sizeRows(s), '');
    if (s.ours) out.push(...sessionRows(s.ours));
    for (const e of [s.ours, s.yamlLs]) for (const note of e?.notes ?? []) out.push(`- ${e!.server}: ${note}`);
    if ((s.ours?.notes.length ?? 0) + (s.yamlLs?.notes.length ?? 0)) out.push('');
  }
  for (const ws of r.workspace ?? []) {
    const w = ws.ours;
    const big = w.documents >= 50_000;
    const t = Number.isFinite(w.allDiagnosedMs) ? w.allDiagnosedMs : w.progressEndMs;
    out.push(`**Workspace folder, ${w.documents.toLocaleString('en-US')} documents in ${w.files.toLocaleString('en-US')} files** — raw \`parseAllDocuments\` of every file: ${ms(ws.rawParseMs)}`, '');
    out.push('| figure | istio-lens | ratio to raw parse | target | |', '|---|---|---|---|---|');
    out.push(`| spawn → every file analysed and published | ${ms(w.allDiagnosedMs)} (${w.filesDiagnosed}/${w.files} files) | ${ratio(w.allDiagnosedMs, ws.rawParseMs)} | ≤ 2× | ${verdict(t <= 2 * ws.rawParseMs)} |`);
    out.push(`| spawn → work-done progress end${w.progressTitle ? ` ("${w.progressTitle}")` : ''} | ${ms(w.progressEndMs)} | ${ratio(w.progressEndMs, ws.rawParseMs)} | | |`);
    out.push(`| peak RSS / RSS after indexing | ${mb(w.peakMb)} / ${mb(w.rssMb)} | | ${big ? '≤ 2 GB peak' : ''} | ${big ? verdict(w.peakMb <= 2048) : ''} |`, '');
    out.push('yaml-language-server validates open documents only; it has no workspace indexing to compare.', '');
    for (const note of w.notes) out.push(`- ${w.server}: ${note}`);
  }
  if (r.check) out.push(...checkRows(r.check), '');
  if (!r.simulate) return out.join('\n');
  out.push(`**Simulate**`, '', '| figure | value | target | |', '|---|---|---|---|');
  out.push(`| core engine, in process, indexed ${r.simulate.documents.toLocaleString('en-US')}-document workspace (index ${ms(r.simulate.indexMs)}) | ${r.simulate.requestsPerSecond.toLocaleString('en-US')} requests/s (${r.simulate.requests.toLocaleString('en-US')} requests) | ≥ 20,000/s | ${verdict(r.simulate.requestsPerSecond >= 20000)} |`);
  const l = r.lspSimulate;
  if (l) out.push(`| \`istioLens/simulate\` over LSP stdio, 16 in flight, 5,000-document file open | ${l.error ? `n/a (${l.error.slice(0, 80)})` : `${l.requestsPerSecond.toLocaleString('en-US')} requests/s, median ${ms(l.medianMs)} each`} | | |`);
  return out.join('\n');
}
