/** Schema validation: every Istio and Kubernetes resource against its JSON Schema (ajv, compiled once
 *  per kind), with each error mapped to the exact YAML key or value and said in words.
 *  Mirrors the API server's structural schema and strict field validation (`kubectl apply` and
 *  `istioctl validate` reject unknown fields and wrong types; `istioctl analyze` silently drops them). */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Resource, ResourceKind } from '../../model/lower';
import type { Path } from '../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../analyzer';
import { message, T } from '../messages';
import { describePlace, nearest } from './describe';
import { isIstioKind, kindsWithSchema, schemaFor, type JsonSchema } from './schemas';

// Compiled lazily per kind; without code optimisation compiling takes about half the time (it runs in every CLI start).
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { optimize: false } });
ajv.addKeyword({ keyword: 'x-istio', schemaType: 'string' });
const compiled = new Map<JsonSchema, ValidateFunction>();

/** The validator for a resource's kind at its apiVersion, compiled once per schema. */
function validatorFor(kind: string, apiVersion?: string): ValidateFunction | undefined {
  const schema = schemaFor(kind, apiVersion);
  if (!schema) return undefined;
  let v = compiled.get(schema);
  // One schema serves every version that shares it: the version is checked by lowering, not here.
  if (!v) compiled.set(schema, (v = ajv.compile(withAnyVersion(schema))));
  return v;
}

function withAnyVersion(schema: JsonSchema): JsonSchema {
  const props = schema.properties as Record<string, unknown>;
  return { ...schema, $id: undefined, properties: { ...props, apiVersion: { type: 'string' } } };
}

/** `/spec/http/0/route` → ['spec','http',0,'route'], with indexes as numbers where the data is a list. */
function toPath(pointer: string, root: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const seg of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
  return node;
}

function typeName(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  const words: Record<string, string> = { integer: 'a whole number', number: 'a number', string: 'a string', boolean: 'true or false', array: 'a list', object: 'a map of fields' };
  return list.map((x) => words[String(x)] ?? String(x)).join(' or ');
}

function describeValue(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

/** Errors under a failed `oneOf` (its branches) only say why each branch failed; the oneOf error says it all. */
function dropBranchErrors(errors: ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  return errors.filter((e) => e.keyword !== 'not' && !oneOfs.some((o) => o !== e && e.instancePath === o.instancePath && e.schemaPath.startsWith(`${o.schemaPath}/`)));
}

function fieldName(path: Path): string {
  const last = [...path].reverse().find((s) => typeof s === 'string');
  return last === undefined ? 'the value' : `\`${String(last)}\``;
}

function reportError(ctx: AnalysisContext, r: Resource, e: ErrorObject): void {
  const root = r.meta.raw;
  const path = toPath(e.instancePath, root);
  const meta = r.meta;
  const place = describePlace(path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(((e.parentSchema as JsonSchema)?.properties as object) ?? {});
      const guess = nearest(field, known);
      const at = [...path, field];
      const text = `unknown field \`${field}\` in ${place}` + (guess ? ` — did you mean \`${guess}\`?` : known.length ? `; known fields: ${known.map((k) => `\`${k}\``).join(', ')}` : '');
      const keySpan = ctx.span(meta, at, 'key');
      ctx.reportSpan(message(T.unknownField, text), meta, keySpan, {
        fix: guess ? { title: `Rename \`${field}\` to \`${guess}\``, edits: [{ file: meta.file, span: keySpan, newText: guess }] } : undefined,
      });
      return;
    }
    case 'type': {
      const v = valueAt(root, path);
      if (v === null) return; // the API server prunes nulls; lowering reads them as absent
      const want = (e.params as { type: unknown }).type;
      const wants = Array.isArray(want) ? want : [want];
      const numeric = typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));
      if ((numeric && (wants.includes('integer') || wants.includes('number'))) || ((v === 'true' || v === 'false') && wants.includes('boolean'))) {
        ctx.report(message(T.quotedScalar, `${fieldName(path)} is written as a string (${JSON.stringify(v)}); Istio reads it, but the Kubernetes API server expects ${typeName(want)}: remove the quotes`), meta, path);
        return;
      }
      if ((e.parentSchema as JsonSchema | undefined)?.['x-istio'] === 'duration' && typeof v === 'number') {
        const span = ctx.span(meta, path);
        ctx.reportSpan(message(T.wrongType, `${fieldName(path)} must be a duration written with its unit, such as "${v}s" or "${v}ms", not the number ${v}`), meta, span, {
          fix: { title: `Write ${v}s`, edits: [{ file: meta.file, span, newText: `${v}s` }] },
        });
        return;
      }
      const quote = wants.includes('string') && (typeof v === 'number' || typeof v === 'boolean');
      const span = ctx.span(meta, path);
      ctx.reportSpan(message(T.wrongType, `${fieldName(path)} in ${describePlace(path.slice(0, -1))} must be ${typeName(want)}, not ${describeValue(v)}` + (quote ? ` — write it in quotes: "${String(v)}"` : '')), meta, span, {
        fix: quote ? { title: `Quote ${String(v)}`, edits: [{ file: meta.file, span, newText: JSON.stringify(String(v)) }] } : undefined,
      });
      return;
    }
    case 'enum': {
      const v = valueAt(root, path);
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const guess = typeof v === 'string' ? nearest(v, allowed) : undefined;
      const span = ctx.span(meta, path);
      ctx.reportSpan(message(T.badEnum, `${fieldName(path)} must be one of ${allowed.join(', ')}, not ${JSON.stringify(v)}` + (guess ? ` — did you mean ${guess}?` : '')), meta, span, {
        fix: guess ? { title: `Replace with ${guess}`, edits: [{ file: meta.file, span, newText: guess }] } : undefined,
      });
      return;
    }
    case 'required': {
      const field = String((e.params as { missingProperty: string }).missingProperty);
      // Underline the object's key (`destination:`), or its first key when it is a list item (`- weight:`).
      const v = valueAt(root, path);
      const first = typeof path[path.length - 1] === 'number' && v && typeof v === 'object' ? Object.keys(v)[0] : undefined;
      const at = first !== undefined ? [...path, first] : path.length ? path : ['kind'];
      // Every field Istio's CRDs require is also required by Istio's validation: istioctl calls it IST0106.
      const type = isIstioKind(r.kind) && path.length > 0 ? T.schemaValidation : T.missingField;
      ctx.report(message(type, `${place} needs \`${field}\``), meta, at, { at: path.length ? 'key' : 'value' });
      return;
    }
    case 'oneOf': {
      const v = valueAt(root, path) as Record<string, unknown> | undefined;
      const branches = ((e.schema as JsonSchema[]) ?? []).flatMap((b) => ((b as { required?: string[] }).required ?? []));
      const set = branches.filter((f) => v && typeof v === 'object' && f in v);
      if (set.length < 2) return;
      ctx.report(message(T.oneOfConflict, `${place} sets ${set.map((f) => `\`${f}\``).join(' and ')}; only one of ${branches.map((f) => `\`${f}\``).join(', ')} may be set`), meta, [...path, set[1]], { at: 'key' });
      return;
    }
    case 'minimum': case 'maximum': case 'minItems': case 'maxItems': case 'maxProperties': {
      const limit = (e.params as { limit: number }).limit;
      const words: Record<string, string> = {
        minimum: `must be at least ${limit}`, maximum: `must be at most ${limit}`, minItems: `needs at least ${limit} entr${limit === 1 ? 'y' : 'ies'}`,
        maxItems: `takes at most ${limit} entries`, maxProperties: `takes at most ${limit} entries`,
      };
      // Istio's validation checks these bounds too (hosts, warm-up): istioctl reports them as IST0106.
      const istio = isIstioKind(r.kind) && (path.includes('warmup') || (path.length === 2 && path[1] === 'hosts'));
      ctx.report(message(istio ? T.schemaValidation : T.outOfRange, `${fieldName(path)} ${words[e.keyword]} (in ${describePlace(path.slice(0, -1))})`), meta, path);
      return;
    }
    default:
      return;
  }
}

export const schemaValidation: Analyzer = {
  name: 'schema.validation',
  scope: 'self',
  // Every kind the registry (model/kinds.ts) gives a schema.
  reads: kindsWithSchema().map((k) => k.id as ResourceKind),
  run(ctx) {
    for (const r of ctx.resources()) {
      if (r.meta.origin.document.isTemplate) continue;
      const validate = validatorFor(r.meta.kind, r.meta.apiVersion);
      if (!validate || validate(r.meta.raw)) continue;
      for (const e of dropBranchErrors(validate.errors ?? [])) reportError(ctx, r, e);
    }
  },
};

/** One step per kind with a schema, each compiling that kind's validator unless it is compiled
 *  (tens of milliseconds each, about half a second in all): the language server's diagnostics worker
 *  runs them one at a time while idle after its first analysis, which compiles those it needs. */
export function validatorPreparations(): (() => void)[] {
  return kindsWithSchema().map(({ kind, apiVersion }) => () => void validatorFor(kind, apiVersion));
}
