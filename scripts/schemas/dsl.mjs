// Small builders for JSON Schema (draft-07) so that each Istio type reads like its reference page.
// `x-istio` marks values that Istio's validation checks beyond their JSON type (durations, hosts).

export const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
export const int = (description, extra = {}) => ({ type: 'integer', description, ...extra });
export const u32 = (description, extra = {}) => int(description, { minimum: 0, maximum: 4294967295, ...extra });
export const port = (description) => int(description, { minimum: 0, maximum: 4294967295, 'x-istio': 'port' });
export const num = (description, extra = {}) => ({ type: 'number', description, ...extra });
export const bool = (description) => ({ type: 'boolean', description });
export const duration = (description) => str(description, { 'x-istio': 'duration', examples: ['1s', '250ms'] });
export const list = (description, items, extra = {}) => ({ type: 'array', description, items, ...extra });
export const strings = (description, extra = {}) => list(description, { type: 'string' }, extra);
export const map = (description, values, extra = {}) => ({ type: 'object', description, additionalProperties: values, ...extra });
export const labels = (description) => map(description, { type: 'string' });
export const oneOfStr = (description, values) => ({ type: 'string', description, enum: values });
export const ref = (name, description) => (description ? { $ref: `#/$defs/${name}`, description } : { $ref: `#/$defs/${name}` });
export const intOrString = (description) => ({ type: ['integer', 'string'], description });

/** Exactly one branch passes: none of the fields set, or exactly one of them (protobuf `oneof`). */
export function atMostOne(fields) {
  return { oneOf: [{ not: { anyOf: fields.map((f) => ({ required: [f] })) } }, ...fields.map((f) => ({ required: [f] }))] };
}

/** A closed object: an unknown field is an error, as with the API server's strict field validation. */
export function obj(description, properties, opts = {}) {
  const out = { type: 'object', description, properties, additionalProperties: opts.open ?? false };
  if (opts.required) out.required = opts.required;
  const groups = (opts.oneOf ?? []).map(atMostOne);
  if (groups.length === 1) Object.assign(out, groups[0]);
  else if (groups.length > 1) out.allOf = groups;
  return out;
}
