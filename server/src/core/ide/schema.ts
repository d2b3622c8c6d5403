import { schemaFor as analysisSchemaFor, type JsonSchema } from '../analysis/schema/schemas';
import routingTestSchema from '../../../../schemas/routingtest.schema.json';

/** The analysis's schemas, and ours for routing tests (not a resource, so not analysed there). */
function schemaFor(kind: string): JsonSchema | undefined {
  return kind === 'RoutingTest' ? (routingTestSchema as JsonSchema) : analysisSchemaFor(kind);
}

/** Reads the JSON Schemas of schemas/ (through the analysis engineer's `schemaFor`) for completion
 *  and hover: properties, list items, map values, enums and descriptions; `$ref`s into `$defs` are
 *  followed, with the referring node's description kept. */
export interface SchemaNode {
  description?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  enum?: string[];
  /** Sample values (durations: `1s`, `250ms`). */
  examples?: unknown[];
  /** Istio's value format, e.g. `duration`. */
  'x-istio'?: string;
  deprecated?: boolean;
}

/** A field the schema marks deprecated (`deprecated: true`, or a description that says so). */
export function isDeprecated(node: SchemaNode | undefined): boolean {
  return !!node && (node.deprecated === true || /^deprecated\b/i.test(node.description ?? ''));
}

const GENERIC: SchemaNode = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string', description: 'The API group and version.' },
    kind: { type: 'string', description: 'The resource kind.' },
    metadata: { type: 'object', description: 'Standard object metadata.' },
    spec: { type: 'object', description: 'The resource specification.' },
  },
};

function resolve(node: unknown, root: JsonSchema): SchemaNode | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Record<string, unknown>;
  const ref = typeof n.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(n.$ref)?.[1] : undefined;
  if (!ref) return n as SchemaNode;
  const target = (root.$defs as Record<string, unknown> | undefined)?.[ref];
  const resolved = resolve(target, root) ?? {};
  return { ...resolved, ...(typeof n.description === 'string' ? { description: n.description } : {}) };
}

/** The schema node at a path of a resource of `kind`, following properties, items and map values. */
export function schemaAt(kind: string, path: readonly (string | number)[]): SchemaNode | undefined {
  const root = schemaFor(kind);
  let node: SchemaNode | undefined = root ? resolve(root, root) : GENERIC;
  for (const seg of path) {
    if (!node) return undefined;
    const next: unknown = typeof seg === 'number' ? node.items
      : node.properties?.[seg] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    node = root ? resolve(next, root) : (next as SchemaNode | undefined);
  }
  return node;
}

/** Child schemas of an object node, `$ref`s resolved. */
export function propertiesOf(kind: string, node: SchemaNode): [string, SchemaNode][] {
  const root = schemaFor(kind);
  return Object.entries(node.properties ?? {}).map(([k, v]) => [k, (root ? resolve(v, root) : v) ?? {}]);
}

export function typeOf(node: SchemaNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type) return node.type;
  if (node.properties || node.additionalProperties) return 'object';
  if (node.items) return 'array';
  return undefined;
}
