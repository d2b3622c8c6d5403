/** Kubernetes Gateway API Gateways (gateway.networking.k8s.io) in the workspace: the model does not
 *  lower them, but a VirtualService may bind to one (istioctl virtualservice/gateways.go accepts them). */
import type { Document } from 'yaml';
import { arr, obj, str } from '../model/coerce';
import type { YamlDocument } from '../yaml/parse';

export interface KubernetesGateway {
  /** `namespace/name`. */
  name: string;
  /** Listener hostnames; undefined when a listener has none (it accepts every host). */
  hostnames?: string[];
}

interface Found {
  namespace?: string;
  name: string;
  hostnames?: string[];
}

/** Per parsed document (parsing is cached per document text, so an unchanged document keeps its
 *  object): after an edit only new documents are read. Null: not a Gateway API Gateway. */
const byDocument = new WeakMap<Document.Parsed, Found | null>();

function read(doc: Document.Parsed): Found | null {
  if (doc.get('kind') !== 'Gateway' || !String(doc.get('apiVersion') ?? '').startsWith('gateway.networking.k8s.io/')) return null;
  let raw: Record<string, unknown> | undefined;
  try {
    raw = obj(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    return null;
  }
  const md = obj(raw?.metadata) ?? {};
  const listeners = arr(obj(raw?.spec)?.listeners).map(obj);
  const all = listeners.length === 0 || listeners.some((l) => !str(l?.hostname));
  return { namespace: str(md.namespace) || undefined, name: str(md.name) ?? '', hostnames: all ? undefined : listeners.map((l) => str(l?.hostname) ?? '') };
}

/** The Gateway API Gateways of some documents, by `namespace/name`. */
export function kubernetesGatewaysIn(documents: Iterable<YamlDocument>, defaultNamespace: string): Map<string, KubernetesGateway> {
  const out = new Map<string, KubernetesGateway>();
  for (const d of documents) {
    if (d.isTemplate) continue;
    let found = byDocument.get(d.doc);
    if (found === undefined) byDocument.set(d.doc, (found = read(d.doc)));
    if (!found) continue;
    const name = `${found.namespace ?? defaultNamespace}/${found.name}`;
    out.set(name, { name, hostnames: found.hostnames });
  }
  return out;
}
