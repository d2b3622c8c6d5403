/** Cheap test for "is this YAML a Kubernetes or Istio resource?": a top-level `apiVersion:` and
 *  `kind:` in some document of the file. Plain YAML (CI configs, Helm values) stays untouched.
 *  Pure: shared by the extension (context keys, the Simulate command) and unit tests. */
const API_VERSION = /^apiVersion[ \t]*:/m;
const KIND = /^kind[ \t]*:/m;

export function isKubernetesYaml(text: string): boolean {
  return API_VERSION.test(text) && KIND.test(text);
}

/** Codes of plain YAML syntax problems, which Red Hat's YAML extension reports too. */
export function isYamlSyntaxCode(code: unknown): boolean {
  const c = typeof code === 'object' && code !== null && 'value' in code ? (code as { value: unknown }).value : code;
  return typeof c === 'string' && (c.startsWith('YAML') || c === 'ISL0001' || c === 'ISL0002');
}
