import { nodeCertificates } from '../certificates';
import { analyze, type Finding, type Severity } from '../core/analysis';
import { SEVERITY_RANK } from '../core/analysis/types';
import { isKubernetesFile } from '../core/workspace/kubernetesFile';
import { Positions } from '../core/workspace/positions';
import { checkGithub } from './formats/github';
import { checkJunit } from './formats/junit';
import { checkSarif } from './formats/sarif';
import { chartsSentence } from './helmCharts';
import { checkJson, checkText, summary } from './renderCheck';
import { renderKustomizations } from './kustomize';
import { isSuppressed, parseSuppressions } from './suppress';
import { safe } from './terminal';
import { loadWorkspace, requireExisting, UsageError, type ConfiguredFlags } from './workspace';

export interface CheckFlags extends ConfiguredFlags {
  json?: boolean;
  format?: string;
  failOn?: string;
  minSeverity?: string;
  suppress?: string[];
  completeWorkspace?: boolean;
  kustomize?: boolean;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];
const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON: Severity[] = ['error', 'warning', 'info'];

/** `istio-lens check`: every diagnostic of the YAML under the paths; exit 1 when one is at or above
 *  `--fail-on` (an error by default).
 *  YAML that is not Kubernetes (no document with `apiVersion` or `kind`: CloudFormation, Ansible,
 *  Helm values) gets no diagnostics, as in the editor. */
export function runCheck(paths: string[], flags: CheckFlags): number {
  const min = (flags.minSeverity ?? 'info').toLowerCase() as Severity;
  if (!SEVERITIES.includes(min)) throw new UsageError(`--min-severity must be error, warning, info or hint, not "${safe(flags.minSeverity ?? '')}"`);
  const format = (flags.json ? 'json' : (flags.format ?? 'text').toLowerCase()) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, not "${safe(flags.format ?? '')}"`);
  const failOn = (flags.failOn ?? 'error').toLowerCase() as Severity;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info, not "${safe(flags.failOn ?? '')}"`);
  const fails = (f: Finding) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn];
  requireExisting(paths);
  const suppressions = parseSuppressions(flags.suppress ?? []);
  for (const w of suppressions.warnings) process.stderr.write(`istio-lens: warning: ${safe(w)}\n`);
  const { snap, charts } = loadWorkspace(paths, flags, flags.collect, flags.kustomize ? renderKustomizations : undefined);
  const findings = overrideSeverities(analyze(snap, { suppress: suppressions.codes, completeWorkspace: !!flags.completeWorkspace, certificates: nodeCertificates() }), flags.severityOverrides)
    .filter((f) => isKubernetes(snap, f) && !isSuppressed(f, suppressions) && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[min]);
  const pos = new Positions(snap);
  const files = [...snap.files.values()].filter(isKubernetesFile);
  const skippedTemplates = charts.filter((c) => c.templates > 0).map((c) => ({ chart: c.root, templates: c.templates }));
  switch (format) {
    case 'json':
      process.stdout.write(JSON.stringify({ ...checkJson(findings, pos), ...(skippedTemplates.length ? { skippedTemplates } : {}) }, null, 2) + '\n');
      break;
    case 'sarif':
      process.stdout.write(JSON.stringify(checkSarif(findings, pos), null, 2) + '\n');
      break;
    case 'junit':
      process.stdout.write(checkJunit(findings, files.map((f) => f.source.path), pos, fails));
      break;
    case 'github':
    case 'text': {
      const text = format === 'github' ? checkGithub(findings, pos) : checkText(findings, pos);
      if (text) process.stdout.write(text + '\n');
      process.stderr.write(`${summary(findings, files.length)}\n`);
    }
  }
  const skipped = chartsSentence(charts);
  if (skipped) process.stderr.write(`istio-lens: ${safe(skipped)}\n`);
  return findings.some(fails) ? 1 : 0;
}

function isKubernetes(snap: ReturnType<typeof loadWorkspace>['snap'], f: Finding): boolean {
  const file = snap.files.get(f.file);
  return !file || isKubernetesFile(file);
}

/** `severityOverrides` of .istio-lens.yaml, as the editor applies the setting: another level, or `off`. */
function overrideSeverities(findings: Finding[], overrides: CheckFlags['severityOverrides']): Finding[] {
  if (!overrides || !Object.keys(overrides).length) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = Object.prototype.hasOwnProperty.call(overrides, f.code) ? overrides[f.code] : undefined;
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}
