import type { Finding } from '../../core/analysis';
import type { Positions } from '../../core/workspace/positions';

/** `check --format github`: GitHub Actions workflow commands, one annotation per finding
 *  (`::error file=F,line=L,col=C,endLine=…,endColumn=…,title=T::message`), shown on the pull
 *  request's diff. Property values escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR, LF
 *  (the escaping of actions/toolkit packages/core/src/command.ts, escapeProperty and escapeData). */
const COMMAND: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function checkGithub(findings: Finding[], pos: Positions): string {
  return findings.map((f) => {
    const idx = pos.index(f.file);
    const start = idx?.positionAt(f.span.start) ?? { line: 0, character: 0 };
    const end = idx?.positionAt(f.span.end) ?? start;
    const props: [string, string | number][] = [['file', f.file], ['line', start.line + 1], ['col', start.character + 1], ['endLine', end.line + 1], ['endColumn', end.character + 1], ['title', `${f.code}${f.resource.kind ? ` ${f.resource.kind} ${f.resource.namespace}/${f.resource.name}` : ''}`]];
    return `::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(f.message)}`;
  }).join('\n');
}
