/** Istio's security kinds (security.istio.io) the analyzers read. A RequestAuthentication applies to the
 *  pods its `selector.matchLabels` selects in its namespace, to every pod of the namespace without
 *  one, and mesh-wide from the root namespace. An AuthorizationPolicy is read for its status only. */
import { obj, strMap } from './coerce';
import type { ResourceMeta } from './resource';

export const SECURITY_GROUP = 'security.istio.io';
export const SECURITY_VERSIONS = ['v1beta1', 'v1'] as const;

export interface RequestAuthentication {
  kind: 'RequestAuthentication';
  meta: ResourceMeta;
  /** `selector.matchLabels`; empty when it has none (it selects every pod). */
  selector: Record<string, string>;
}

export interface AuthorizationPolicy {
  kind: 'AuthorizationPolicy';
  meta: ResourceMeta;
}

export function lowerRequestAuthentication(meta: ResourceMeta): RequestAuthentication {
  return { kind: 'RequestAuthentication', meta, selector: strMap(obj(obj(obj(meta.raw.spec)?.selector))?.matchLabels) };
}

export function lowerAuthorizationPolicy(meta: ResourceMeta): AuthorizationPolicy {
  return { kind: 'AuthorizationPolicy', meta };
}
