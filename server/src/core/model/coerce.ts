/** Reading half-typed user data: each helper returns the value when it has the expected shape,
 *  else undefined (or an empty collection), so the engine never trips over a wrong type. */
export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Numbers, also when quoted (`"90"`), as protobuf's JSON decoding accepts them. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function strList(v: unknown): string[] {
  return arr(v).map(str).filter((s): s is string => s !== undefined);
}

/** An empty object without prototype, for maps keyed by user data (labels, headers, names): a key
 *  `constructor` or `__proto__` is then an ordinary key, never an `Object.prototype` member. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

export function strMap(v: unknown): Record<string, string> {
  const out = dict<string>();
  for (const [k, val] of Object.entries(obj(v) ?? {})) {
    const s = str(val);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** The value at a path of plain data (a resource's raw JSON): list indices are numbers, map keys
 *  strings, and only own properties are read. */
export function valueAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) !== (typeof seg === 'number')) return undefined;
    v = Object.prototype.hasOwnProperty.call(v, seg) ? (v as Record<string | number, unknown>)[seg] : undefined;
  }
  return v;
}
