import { readdirSync, statSync, type Dirent } from 'node:fs';

/** A Helm chart: a folder with `Chart.yaml` and `templates/` (helm/helm pkg/chart/loader, the chart
 *  layout). Its templates are Go templates, not YAML, until `helm template` renders them with
 *  values: checked as they are they would give findings about a resource named `{{ .Values.name }}`
 *  and join cross-references they do not belong to, so they are not read, and the summary says so. */
export interface HelmChart {
  /** The chart's folder, as named on the command line (or below it). */
  root: string;
  /** YAML files under its `templates/`. */
  templates: number;
}

export function chartTemplatesIn(folder: Buffer, name: string, entries: Dirent<Buffer>[]): HelmChart | undefined {
  const has = (n: string, dir: boolean) => entries.some((e) => e.name.toString('latin1') === n && (dir ? e.isDirectory() : e.isFile()));
  if (!has('Chart.yaml', false) || !has('templates', true)) return undefined;
  return { root: name, templates: countTemplates(Buffer.concat([folder, Buffer.from('/templates')])) };
}

/** The summary's sentence about the charts whose templates were not checked, with the command that checks them. */
export function chartsSentence(charts: HelmChart[]): string | undefined {
  const skipped = charts.filter((c) => c.templates > 0);
  if (!skipped.length) return undefined;
  const n = skipped.reduce((s, c) => s + c.templates, 0);
  const roots = skipped.map((c) => c.root);
  return `${n} Helm template${n === 1 ? '' : 's'} not checked in ${roots.join(', ')} (templates are checked once rendered: helm template ${roots[0]} | istio-lens check -)`;
}

const isTemplate = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');

/** YAML files under a path (a template folder, or one template). */
export function countTemplates(p: Buffer): number {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return isTemplate(p.toString('latin1')) ? 1 : 0;
  let n = 0;
  try {
    for (const ent of readdirSync(p, { withFileTypes: true, encoding: 'buffer' })) {
      if (ent.isSymbolicLink()) continue;
      const child = Buffer.concat([p, Buffer.from('/'), ent.name]);
      if (ent.isDirectory()) n += countTemplates(child);
      else if (ent.isFile() && isTemplate(ent.name.toString('latin1'))) n++;
    }
  } catch {
    // An unreadable folder counts as none; the chart is still reported.
  }
  return n;
}
