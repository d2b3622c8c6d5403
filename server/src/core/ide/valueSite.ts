import { valueAtPath } from '../model/coerce';
import type { Resource } from '../model/lower';

/** A value and its surroundings: a lowered resource (definition, references, hover) or a half-typed
 *  one (completion). */
export interface ValueSite {
  kind: string;
  /** The resource's effective namespace. */
  namespace: string;
  /** Path of the value from the resource's root. */
  path: readonly (string | number)[];
  /** The value ('' while it is being typed). */
  text: string;
  /** The resource as far as it parses (meta.raw, or completion's stripped copy). */
  raw: unknown;
  /** The lowered resource, when there is one. */
  resource?: Resource;
}

/** The string next to the value, at `key` in the same map (a destination's `host` beside its `subset`). */
export function valueBeside(site: Pick<ValueSite, 'raw' | 'path'>, key: string): string {
  const v = valueAtPath(site.raw, [...site.path.slice(0, -1), key]);
  return typeof v === 'string' ? v : '';
}
