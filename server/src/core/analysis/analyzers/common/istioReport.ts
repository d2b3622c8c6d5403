/** Shared helpers for the checks that mirror Istio's admission validation (IST0106 errors,
 *  IST0133 warnings) over the raw YAML of a resource. */
import type { Resource, ResourceKind } from '../../../model/lower';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, ReportOptions } from '../../analyzer';
import { message, T } from '../../messages';

export function invalid(ctx: AnalysisContext, meta: ResourceMeta, path: Path, text: string, opts?: ReportOptions): void {
  ctx.report(message(T.schemaValidation, text), meta, path, opts);
}

export function warning(ctx: AnalysisContext, meta: ResourceMeta, path: Path, text: string, opts?: ReportOptions): void {
  ctx.report(message(T.schemaWarning, text), meta, path, opts);
}

/** The non-template resources of each list ctx.all handed out (a snapshot's lists never change): some
 *  twenty analyzers ask for the same list of thousands of resources on a newly opened file. */
const withoutTemplates = new WeakMap<readonly Resource[], readonly Resource[]>();

/** Resources of a kind, except Helm/Go templates (their values are not known yet). */
export function checkable<K extends ResourceKind>(ctx: AnalysisContext, kind: K): readonly Extract<Resource, { kind: K }>[] {
  const all = ctx.all(kind);
  let found = withoutTemplates.get(all);
  if (!found) withoutTemplates.set(all, (found = all.filter((r) => !r.meta.origin.document.isTemplate)));
  return found as readonly Extract<Resource, { kind: K }>[];
}

/** Object.keys(o).length > 0 without the array (asked for every subset of the workspace). */
export function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

export function has(o: Record<string, unknown> | undefined, key: string): boolean {
  return !!o && o[key] !== undefined && o[key] !== null;
}

/** Path of an object's first key, so that a report on a whole rule underlines `- match:`, not the rule. */
export function firstKeyPath(raw: unknown, base: (string | number)[]): { path: (string | number)[]; at: 'key' | 'value' } {
  const first = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw)[0] : undefined;
  return first === undefined ? { path: base, at: 'value' } : { path: [...base, first], at: 'key' };
}
