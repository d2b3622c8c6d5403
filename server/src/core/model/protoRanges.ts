/** Whole-number fields of a VirtualService that istio/api declares as 32-bit integers
 *  (networking/v1alpha3/virtual_service.proto: `int32 weight`, `int32 attempts`, `int32 http_status`,
 *  `uint32 redirect_code`, `uint32 number` of a PortSelector, `uint32 port` of a match, ...). Istio
 *  reads a resource into those protobuf types (istio/istio pkg/util/protomarshal ApplyJSON, through
 *  the config conversion of pkg/config/schema): a value outside the type, such as a weight of
 *  4294967296 or 1e308, or a fraction, cannot be read, and Istio rejects the whole resource. The
 *  routing engine therefore never sees such a resource, and `check` reports each such value. */
import { arr, obj } from './coerce';

export type IntType = 'int32' | 'uint32';

export interface OutOfRange {
  path: (string | number)[];
  value: number;
  type: IntType;
  /** Why Istio cannot read it, in words. */
  reason: string;
}

const LIMITS: Record<IntType, [number, number]> = { int32: [-2147483648, 2147483647], uint32: [0, 4294967295] };

/** Fields below a rule (relative paths, `*` for every list item) and their protobuf types. */
const DESTINATION: [string[], IntType][] = [[['destination', 'port', 'number'], 'uint32'], [['weight'], 'int32']];
const HTTP: [string[], IntType][] = [
  ...DESTINATION.map(([p, t]): [string[], IntType] => [['route', '*', ...p], t]),
  [['match', '*', 'port'], 'uint32'],
  [['retries', 'attempts'], 'int32'],
  [['fault', 'abort', 'httpStatus'], 'int32'],
  [['fault', 'delay', 'percent'], 'int32'],
  [['redirect', 'redirectCode'], 'uint32'],
  [['redirect', 'port'], 'uint32'],
  [['directResponse', 'status'], 'uint32'],
  [['mirror', 'port', 'number'], 'uint32'],
  [['mirrors', '*', 'destination', 'port', 'number'], 'uint32'],
  [['mirrorPercent'], 'uint32'],
];
const L4: [string[], IntType][] = [...DESTINATION.map(([p, t]): [string[], IntType] => [['route', '*', ...p], t]), [['match', '*', 'port'], 'uint32']];

function describe(v: number, type: IntType): string | undefined {
  const [lo, hi] = LIMITS[type];
  if (!Number.isFinite(v)) return `${v} is not a number ${type} can hold`;
  if (!Number.isInteger(v)) return `${v} is not a whole number, and istio/api declares the field ${type === 'int32' ? 'an' : 'a'} ${type}`;
  if (v < lo || v > hi) return `${v} is outside ${type} (${lo}..${hi}), the type istio/api declares for the field`;
  return undefined;
}

/** Follows `rel` from `depth` below `node`; `at` is the path so far, extended and restored in place
 *  (copied only for a value out of range: this runs for every field of every rule on opening). */
function visit(node: unknown, rel: readonly string[], depth: number, at: (string | number)[], type: IntType, out: OutOfRange[]): void {
  if (depth === rel.length) {
    // A quoted number is read as a number too (protobuf's JSON decoding accepts "90").
    const v = typeof node === 'number' ? node : typeof node === 'string' && node.trim() !== '' && !Number.isNaN(Number(node)) ? Number(node) : undefined;
    const reason = v === undefined ? undefined : describe(v, type);
    if (reason) out.push({ path: at.slice(), value: v!, type, reason });
    return;
  }
  const head = rel[depth];
  if (head === '*') {
    const items = arr(node);
    for (let i = 0; i < items.length; i++) {
      at.push(i);
      visit(items[i], rel, depth + 1, at, type, out);
      at.pop();
    }
    return;
  }
  const o = obj(node);
  if (!o || !Object.hasOwn(o, head)) return;
  at.push(head);
  visit(o[head], rel, depth + 1, at, type, out);
  at.pop();
}

/** Every whole-number field of a VirtualService's spec that Istio cannot read, in document order of sections. */
export function virtualServiceOutOfRange(raw: Record<string, unknown>): OutOfRange[] {
  const out: OutOfRange[] = [];
  const spec = obj(raw.spec);
  if (!spec) return out;
  for (const [section, fields] of [['http', HTTP], ['tcp', L4], ['tls', L4]] as const) {
    const rules = arr(spec[section]);
    for (let i = 0; i < rules.length; i++) {
      const at = ['spec', section, i];
      for (const [rel, type] of fields) visit(rules[i], rel, 0, at, type, out);
    }
  }
  return out;
}
