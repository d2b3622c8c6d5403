import { existsSync } from 'node:fs';
import { analyze, type Severity } from '../core/analysis';
import { Positions } from '../core/workspace/positions';
import { checkJson, checkText, summary } from './renderCheck';
import { loadWorkspace, UsageError, type WorkspaceFlags } from './workspace';

export interface CheckFlags extends WorkspaceFlags {
  json?: boolean;
  minSeverity?: string;
  suppress?: string[];
  completeWorkspace?: boolean;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

/** `istio-lens check`: every diagnostic of the YAML under the paths; exit 1 when there is an error. */
export function runCheck(paths: string[], flags: CheckFlags): number {
  const min = (flags.minSeverity ?? 'info').toLowerCase() as Severity;
  if (!SEVERITIES.includes(min)) throw new UsageError(`--min-severity must be error, warning, info or hint, not "${flags.minSeverity}"`);
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  const snap = loadWorkspace(paths, flags);
  const suppress = (flags.suppress ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const findings = analyze(snap, { minSeverity: min, suppress, completeWorkspace: !!flags.completeWorkspace });
  const pos = new Positions(snap);
  if (flags.json) process.stdout.write(JSON.stringify(checkJson(findings, pos), null, 2) + '\n');
  else {
    const text = checkText(findings, pos);
    if (text) process.stdout.write(text + '\n');
    process.stderr.write(`${summary(findings, snap.files.size)}\n`);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
