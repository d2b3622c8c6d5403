import type { Finding, Fix } from '../analysis';
import { editDistance } from '../text/editDistance';
import type { Snapshot } from '../workspace/snapshot';
import { complete } from './completion';

/** Codes whose finding underlines a name that refers to nothing (a subset, host, gateway or
 *  delegate): the names that do exist are what completion offers at that place. */
const REFERENCE_CODES = new Set(['IST0101']);
/** A number or boolean written as a string (ISL0106 QuotedScalar): one obvious repair. */
const QUOTED_SCALAR = 'ISL0106';
const MAX_NAMES = 3;

/** The quick fixes of a finding, the likeliest first: for a name that refers to nothing, "change to
 *  `v2`" for the nearest names that exist comes before the analyzer's own repair (adding a subset
 *  trades the missing subset for one that selects no pods); a quoted number loses its quotes.
 *  `text`: the finding's file as it was analysed (the snapshot's copy may be older or newer). */
export function quickFixes(snap: Snapshot, finding: Finding, text = snap.files.get(finding.file)?.source.text): Fix[] {
  const own = finding.fix ? [finding.fix] : [];
  if (text === undefined) return own;
  const written = text.slice(finding.span.start, finding.span.end);
  if (finding.code === QUOTED_SCALAR) {
    const bare = /^(["'])(.*)\1$/s.exec(written)?.[2];
    if (bare === undefined) return own;
    return [{ title: `Remove the quotes: ${bare}`, edits: [{ file: finding.file, span: finding.span, newText: bare }] }, ...own];
  }
  if (!REFERENCE_CODES.has(finding.code)) return own;
  const name = written.replace(/^(["'])(.*)\1$/s, '$2');
  const changes = existingNames(snap, text, finding)
    .filter((n) => n !== name)
    .map((n, i) => ({ n, i, d: editDistance(name.toLowerCase(), n.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, MAX_NAMES)
    .map(({ n }): Fix => ({ title: `Change to \`${n}\``, edits: [{ file: finding.file, span: finding.span, newText: n }] }));
  const offered = new Set(changes.map((f) => f.edits[0].newText));
  // The analyzer's "did you mean" is one of the names already offered.
  const rest = own.filter((f) => !(f.edits.length === 1 && f.edits[0].file === finding.file && offered.has(f.edits[0].newText)));
  return [...changes, ...rest];
}

/** The names completion offers in place of the underlined one. */
function existingNames(snap: Snapshot, text: string, finding: Finding): string[] {
  const items = complete(snap, text, finding.span.end).filter((i) => i.kind === 'reference' && !i.snippet);
  return [...new Set(items.map((i) => i.insertText.trim()).filter((n) => n && !/\s/.test(n)))];
}
