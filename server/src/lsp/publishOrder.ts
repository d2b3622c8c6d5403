import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';

/** VS Code keeps at most this many diagnostics of one file (the extension host's per-file cap,
 *  `_maxDiagnosticsPerFile` in microsoft/vscode src/vs/workbench/api/common/extHostDiagnostics.ts);
 *  what is past it gets no squiggle and no Problems entry. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** A severity left out reads as an error (the LSP leaves it to the client; VS Code shows an error). */
function rank(d: Diagnostic): number {
  return d.severity ?? DiagnosticSeverity.Error;
}

/** A file's diagnostics as published: errors, then warnings, then information, then hints (each
 *  group in document order), and never more than the editor keeps. When there are more, the least
 *  severe go first and one information at the top of the file says how many are left out, so an
 *  error just typed always shows, whatever number of notes the file has. */
export function forPublishing(diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const ordered = diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
  if (ordered.length <= max) return ordered;
  const kept = ordered.slice(0, max - 1);
  const left = ordered.slice(max - 1);
  const count = (s: DiagnosticSeverity) => left.filter((d) => rank(d) === s).length;
  const parts = [
    [count(DiagnosticSeverity.Error), 'error'], [count(DiagnosticSeverity.Warning), 'warning'],
    [count(DiagnosticSeverity.Information), 'information'], [count(DiagnosticSeverity.Hint), 'hint'],
  ].filter(([n]) => n).map(([n, what]) => `${n} ${what}${n === 1 || what === 'information' ? '' : 's'}`);
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: kept[0]?.source ?? 'istio-lens',
    message: `Not shown: ${parts.join(', ')} (the editor keeps ${max} diagnostics per file; the most severe are shown). \`istio-lens check\` lists them all.`,
  });
  return kept;
}
