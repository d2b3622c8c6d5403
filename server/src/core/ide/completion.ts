import type { Snapshot } from '../workspace/snapshot';
import { completionSite, valueAt, type CompletionSite } from './completionContext';
import { referenceItems } from './completionReferences';
import { refersAt, refersInside } from './referenceTable';
import { isDeprecated, propertiesOf, schemaAt, typeOf, type SchemaNode } from './schema';
import { kindItems, snippetItems } from './snippets';
import type { CompletionItem } from './types';

/** Completion at an offset of a file's current text; the snapshot supplies the rest of the workspace
 *  (it may be a little older than `text`). Works on half-typed documents. */
export function complete(snap: Snapshot, text: string, offset: number): CompletionItem[] {
  const site = completionSite(text, offset, snap.options.defaultNamespace);
  if (!site) return [];
  if (site.role === 'value') return valueItems(snap, site, site.path).map((i) => (site.lead ? { ...i, insertText: site.lead + i.insertText } : i));
  const parentPath = site.path.slice(0, -1);
  const parent = schemaAt(site.kind, parentPath);
  const parentType = typeOf(parent);
  if (parent && parentType !== 'object' && parentType !== 'array' && typeof parentPath.at(-1) === 'number') {
    return valueItems(snap, site, parentPath);
  }
  return [...referenceItems(snap, site, 'key'), ...keyItems(site, parentPath, parent), ...snippetItems(snap, site), ...(parentPath.length === 0 ? kindItems(site) : [])];
}

function valueItems(snap: Snapshot, site: CompletionSite, path: (string | number)[]): CompletionItem[] {
  const refs = referenceItems(snap, site, 'value', path);
  if (refs.length) return refs;
  if (path.length === 1 && path[0] === 'kind') return kindItems(site, 'value');
  if (path.length === 1 && path[0] === 'apiVersion') return apiVersionItems(site);
  const schema = schemaAt(site.kind, path);
  const values = schema?.enum ?? (typeOf(schema) === 'boolean' ? ['true', 'false'] : sampleValues(schema));
  const kind = schema?.enum || typeOf(schema) === 'boolean' ? 'enum' as const : 'value' as const;
  return values.map((v, i) => ({ label: v, kind, insertText: v, replace: site.replace, documentation: schema?.description, sortText: String(i).padStart(3, '0') }));
}

/** Durations a timeout usually takes: Istio's protobuf durations (`1s`, `250ms`, `1m`). */
const DURATIONS = ['1s', '5s', '10s', '30s', '250ms', '500ms', '1m'];

/** Values worth offering for a field without an enum: its schema's examples, then for a duration
 *  the usual ones, so the editor shows them instead of the words of the file. */
function sampleValues(schema: SchemaNode | undefined): string[] {
  const examples = (schema?.examples ?? []).filter((e): e is string | number => typeof e === 'string' || typeof e === 'number').map(String);
  if (schema?.['x-istio'] !== 'duration') return examples;
  return [...new Set([...examples, ...DURATIONS])];
}

function apiVersionItems(site: CompletionSite): CompletionItem[] {
  if (site.kind === 'RoutingTest') return [{ label: 'lens.istio-lens.dev/v1alpha1', kind: 'value', insertText: 'lens.istio-lens.dev/v1alpha1', replace: site.replace }];
  const istio = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar'].includes(site.kind);
  const versions = istio || !site.kind
    ? ['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3']
    : site.kind === 'Service' || site.kind === 'Pod' ? ['v1'] : ['apps/v1'];
  return versions.map((v, i) => ({ label: v, kind: 'value', insertText: v, replace: site.replace, sortText: String(i) }));
}

function isContainer(s: SchemaNode | undefined): boolean {
  const t = typeOf(s);
  return t === 'object' || t === 'array';
}

/** Keys of the object at `parentPath`; for a list (the user indented under `match:`), keys of a new item. */
function keyItems(site: CompletionSite, parentPath: (string | number)[], parent: SchemaNode | undefined): CompletionItem[] {
  if (!parent) return [];
  const asItem = typeOf(parent) === 'array';
  const target = asItem ? schemaAt(site.kind, [...parentPath, 0]) : parent;
  if (!target?.properties) return [];
  const present = new Set(asItem ? [] : site.siblings);
  const indent = ' '.repeat(Math.max(0, site.column) + (asItem ? 2 : 0));
  return propertiesOf(site.kind, target)
    .filter(([k]) => !present.has(k))
    .map(([k, child]) => {
      let body: string;
      const type = typeOf(child);
      if (type === 'array') body = `${k}:\n${indent}- $0`;
      else if (isContainer(child)) body = `${k}:\n${indent}  $0`;
      else body = `${k}: $0`;
      return {
        label: k,
        kind: 'property' as const,
        detail: type === 'array' ? 'list' : type,
        documentation: child.description,
        insertText: site.keyHasColon ? k : (asItem ? '- ' : '') + body,
        snippet: true,
        replace: site.replace,
        // Deprecated keys come last, struck through.
        sortText: `${isDeprecated(child) ? 9 : 1}${k}`,
        deprecated: isDeprecated(child) || undefined,
        // After inserting a key whose value (or entries) completion fills from the workspace, ask again.
        retrigger: isContainer(child) ? refersInside(site.kind, [...parentPath, k]) : !!child.enum || type === 'boolean' || refersAt(site.kind, [...parentPath, k]),
      };
    });
}

export { valueAt };
