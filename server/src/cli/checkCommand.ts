import { analyze, type Finding, type Severity } from '../core/analysis';
import { isKubernetesFile } from '../core/workspace/kubernetesFile';
import { Positions } from '../core/workspace/positions';
import { chartsSentence } from './helmCharts';
import { checkJson, checkText, summary } from './renderCheck';
import { renderKustomizations } from './kustomize';
import { isSuppressed, parseSuppressions } from './suppress';
import { safe } from './terminal';
import { loadWorkspace, requireExisting, UsageError, type WorkspaceFlags } from './workspace';

export interface CheckFlags extends WorkspaceFlags {
  json?: boolean;
  minSeverity?: string;
  suppress?: string[];
  completeWorkspace?: boolean;
  kustomize?: boolean;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

/** `istio-lens check`: every diagnostic of the YAML under the paths; exit 1 when there is an error.
 *  YAML that is not Kubernetes (no document with `apiVersion` or `kind`: CloudFormation, Ansible,
 *  Helm values) gets no diagnostics, as in the editor. */
export function runCheck(paths: string[], flags: CheckFlags): number {
  const min = (flags.minSeverity ?? 'info').toLowerCase() as Severity;
  if (!SEVERITIES.includes(min)) throw new UsageError(`--min-severity must be error, warning, info or hint, not "${safe(flags.minSeverity ?? '')}"`);
  requireExisting(paths);
  const suppressions = parseSuppressions(flags.suppress ?? []);
  for (const w of suppressions.warnings) process.stderr.write(`istio-lens: warning: ${safe(w)}\n`);
  const { snap, charts } = loadWorkspace(paths, flags, {}, flags.kustomize ? renderKustomizations : undefined);
  const findings = analyze(snap, { minSeverity: min, suppress: suppressions.codes, completeWorkspace: !!flags.completeWorkspace })
    .filter((f) => isKubernetes(snap, f) && !isSuppressed(f, suppressions));
  const pos = new Positions(snap);
  if (flags.json) {
    const skippedTemplates = charts.filter((c) => c.templates > 0).map((c) => ({ chart: c.root, templates: c.templates }));
    process.stdout.write(JSON.stringify({ ...checkJson(findings, pos), ...(skippedTemplates.length ? { skippedTemplates } : {}) }, null, 2) + '\n');
  }
  else {
    const text = checkText(findings, pos);
    if (text) process.stdout.write(text + '\n');
    const files = [...snap.files.values()].filter(isKubernetesFile).length;
    process.stderr.write(`${summary(findings, files)}\n`);
  }
  const skipped = chartsSentence(charts);
  if (skipped) process.stderr.write(`istio-lens: ${safe(skipped)}\n`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function isKubernetes(snap: ReturnType<typeof loadWorkspace>['snap'], f: Finding): boolean {
  const file = snap.files.get(f.file);
  return !file || isKubernetesFile(file);
}
