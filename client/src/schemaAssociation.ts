/** Beside Red Hat's YAML extension: with a Kubernetes (or Istio) schema associated with a file, it
 *  reports that file's schema problems (unknown fields, wrong types, enum values, required fields)
 *  too, so a user with both would see each twice. Pure: the extension passes in what VS Code knows.
 *
 *  Red Hat's extension validates open documents against the schemas of `yaml.schemas` (a map from a
 *  schema URL, or the word `kubernetes`, to a glob or a list of globs) and of a first-line modeline
 *  `# yaml-language-server: $schema=URL` (see the extension's README, "Associating a schema"). */

/** `istioLens.schemaDiagnostics`. */
export type SchemaDiagnosticsChoice = 'auto' | 'always' | 'never';

/** The structural-schema codes (the Kubernetes API server's checks) a Kubernetes schema covers. */
const SCHEMA_CODES = new Set(['ISL0101', 'ISL0102', 'ISL0103', 'ISL0104', 'ISL0105', 'ISL0106', 'ISL0107']);

export function isSchemaCode(code: unknown): boolean {
  const c = typeof code === 'object' && code !== null && 'value' in code ? (code as { value: unknown }).value : code;
  return typeof c === 'string' && SCHEMA_CODES.has(c);
}

/** A schema that describes Kubernetes or Istio resources: Red Hat's built-in `kubernetes`, or a URL
 *  of Kubernetes/Istio JSON Schemas (kubernetes-json-schema, a CRD catalogue's networking.istio.io). */
export function isKubernetesSchema(schema: string): boolean {
  return schema === 'kubernetes' || /kubernetes|k8s|istio|openshift/i.test(schema);
}

/** The globs that `yaml.schemas` associates with Kubernetes or Istio schemas. */
export function kubernetesGlobs(schemas: unknown): string[] {
  if (!schemas || typeof schemas !== 'object') return [];
  return Object.entries(schemas as Record<string, unknown>)
    .filter(([schema]) => isKubernetesSchema(schema))
    .flatMap(([, globs]) => (Array.isArray(globs) ? globs : [globs]))
    .filter((g): g is string => typeof g === 'string' && g.length > 0);
}

/** The schema a `# yaml-language-server: $schema=URL` modeline gives the file, if any. */
export function modelineSchema(text: string): string | undefined {
  return /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(text)?.[1];
}

export interface YamlExtensionFacts {
  /** Red Hat's YAML extension is installed and active. */
  active: boolean;
  /** Its `yaml.schemas` setting for the file's folder. */
  schemas: unknown;
  /** Its `yaml.validate` setting (it reports nothing when false). */
  validate: boolean;
  /** Is the file open in the editor (the extension validates open documents only)? */
  open: boolean;
  text: string;
  /** Does a glob of `yaml.schemas` match the file? */
  matches(glob: string): boolean;
}

/** Are the file's schema findings left to Red Hat's YAML extension? `never` always leaves them,
 *  `always` never does, `auto` when the extension will report them: it is active, validating, the
 *  file is open and a Kubernetes or Istio schema is associated with it. */
export function leaveSchemaFindings(choice: SchemaDiagnosticsChoice, yaml: YamlExtensionFacts): boolean {
  if (choice === 'never') return true;
  if (choice === 'always') return false;
  if (!yaml.active || !yaml.validate || !yaml.open) return false;
  const inline = modelineSchema(yaml.text);
  if (inline !== undefined) return isKubernetesSchema(inline);
  return kubernetesGlobs(yaml.schemas).some((g) => yaml.matches(g));
}
