/** A Kubernetes Secret, for the TLS credentials a Gateway names (`credentialName`). Its values stay as
 *  written: `data` base64-encoded, `stringData` plain (the API server merges it into `data`). */
import { obj, strMap } from './coerce';
import type { ResourceMeta } from './resource';

export interface Secret {
  kind: 'Secret';
  meta: ResourceMeta;
  type?: string;
  /** Base64-encoded values, as in `data`. */
  data: Record<string, string>;
  /** Plain values, as in `stringData`; they win over `data` for the same key. */
  stringData: Record<string, string>;
}

export function lowerSecret(meta: ResourceMeta): Secret {
  const type = meta.raw.type;
  return {
    kind: 'Secret', meta, type: typeof type === 'string' ? type : undefined,
    data: strMap(obj(meta.raw.data)), stringData: strMap(obj(meta.raw.stringData)),
  };
}
