/** The `istioLens.*` settings in one place: their shape, defaults and descriptions (the same
 *  JSON-Schema properties as `contributes.configuration` in package.json, which a test holds equal),
 *  and the validation every edge runs on what it receives (the VS Code client, the language
 *  server's `initialize` and `workspace/didChangeConfiguration`, the CLI). A value of the wrong
 *  type is a warning naming the setting, and the default is used: no setting can break the tools. */

export const SETTINGS_SECTION = 'istioLens';

export type SeverityOverride = 'error' | 'warning' | 'info' | 'hint' | 'off';
export type OutboundTrafficPolicy = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/** The settings the server and the CLI read, validated and complete. */
export interface Settings {
  defaultNamespace: string;
  clusterDomain: string;
  rootNamespace: string;
  include: string[];
  exclude: string[];
  outboundTrafficPolicy: OutboundTrafficPolicy;
  /** By diagnostic code; a null-prototype object, so that no code meets Object.prototype. */
  severityOverrides: Record<string, SeverityOverride>;
  /** Check what `kubectl kustomize` renders from each kustomization root (the editor: only in trusted workspaces). */
  kustomize: boolean;
}

/** A setting's JSON-Schema property, as VS Code reads it from package.json. */
export interface SettingSchema {
  type: 'string' | 'array' | 'object' | 'boolean';
  default: unknown;
  scope: 'resource' | 'window';
  enum?: string[];
  enumDescriptions?: string[];
  items?: { type: 'string' };
  additionalProperties?: { type: 'string'; enum: string[] };
  description?: string;
  markdownDescription?: string;
}

const SEVERITY_OVERRIDES: SeverityOverride[] = ['error', 'warning', 'info', 'hint', 'off'];
const POLICIES: OutboundTrafficPolicy[] = ['ALLOW_ANY', 'REGISTRY_ONLY'];

/** Every setting the server and the CLI read, by key (without the `istioLens.` prefix). */
export const SETTINGS: { readonly [K in keyof Settings]: SettingSchema } = {
  defaultNamespace: {
    type: 'string',
    default: 'default',
    scope: 'resource',
    description: 'Namespace of resources whose metadata names none (what `kubectl apply` without `-n` would use).',
  },
  clusterDomain: {
    type: 'string',
    default: 'cluster.local',
    scope: 'resource',
    description: 'The cluster DNS domain used to expand short host names.',
  },
  rootNamespace: {
    type: 'string',
    default: 'istio-system',
    scope: 'resource',
    description: "Istio's root namespace (meshConfig.rootNamespace): its DestinationRules and Sidecars apply mesh-wide.",
  },
  include: {
    type: 'array',
    items: { type: 'string' },
    default: ['**/*.yaml', '**/*.yml'],
    scope: 'resource',
    description: 'Glob patterns of the files read into the workspace model.',
  },
  exclude: {
    type: 'array',
    items: { type: 'string' },
    default: ['**/node_modules/**', '**/.git/**'],
    scope: 'resource',
    description: 'Glob patterns of files left out of the workspace model.',
  },
  outboundTrafficPolicy: {
    type: 'string',
    enum: POLICIES,
    default: 'ALLOW_ANY',
    scope: 'resource',
    enumDescriptions: [
      'Requests to unknown hosts pass through to the original destination.',
      'Requests to unknown hosts are blackholed (502).',
    ],
    description: "The mesh's meshConfig.outboundTrafficPolicy.mode.",
  },
  severityOverrides: {
    type: 'object',
    default: {},
    scope: 'resource',
    additionalProperties: { type: 'string', enum: SEVERITY_OVERRIDES },
    markdownDescription: 'Change the level of a diagnostic by its code, or turn it off: `{ "IST0101": "warning", "ISL0106": "off" }`.',
  },
  kustomize: {
    type: 'boolean',
    default: false,
    scope: 'resource',
    markdownDescription: 'Render each kustomization root with `kubectl kustomize` and check the result, as `istio-lens check --kustomize` does: findings in resources kustomize left unchanged stay at their files, the others are reported on the root\'s kustomization file. Runs `kubectl` from the `PATH`; in the editor only in trusted workspaces, and never with the network (a root that builds on a remote base is not rendered).',
  },
};

/** Settings only the VS Code client reads (vscode-languageclient's own trace setting). */
export const CLIENT_ONLY_SETTINGS: { readonly [key: string]: SettingSchema } = {
  schemaDiagnostics: {
    type: 'string',
    enum: ['auto', 'always', 'never'],
    default: 'auto',
    scope: 'resource',
    enumDescriptions: [
      "Leave schema problems (unknown fields, wrong types, enum values, required fields) to Red Hat's YAML extension in the files it validates against a Kubernetes or Istio schema, so each is reported once.",
      'Report schema problems in every file, even where the YAML extension reports them too.',
      'Never report schema problems: another tool checks them.',
    ],
    description: "Who reports schema problems when Red Hat's YAML extension validates a file against a Kubernetes or Istio schema.",
  },
  'trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the Istio Lens language server in the "Istio Lens" output.',
  },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as (keyof Settings)[];

/** A fresh copy of the defaults. */
export function defaultSettings(): Settings {
  return {
    defaultNamespace: SETTINGS.defaultNamespace.default as string,
    clusterDomain: SETTINGS.clusterDomain.default as string,
    rootNamespace: SETTINGS.rootNamespace.default as string,
    include: [...(SETTINGS.include.default as string[])],
    exclude: [...(SETTINGS.exclude.default as string[])],
    outboundTrafficPolicy: SETTINGS.outboundTrafficPolicy.default as OutboundTrafficPolicy,
    severityOverrides: Object.create(null) as Record<string, SeverityOverride>,
    kustomize: SETTINGS.kustomize.default as boolean,
  };
}

export const DEFAULT_SETTINGS: Readonly<Settings> = defaultSettings();

/** A value that could not be used: `key` is the setting (`severityOverrides.IST0101` for one entry). */
export interface SettingWarning {
  key: string;
  message: string;
}

export interface ValidatedSettings {
  settings: Settings;
  warnings: SettingWarning[];
  /** Keys of the input that are no setting (callers that read a file of their own may warn). */
  unknown: string[];
}

/** `istioLens.include must be a list of strings, not a string ("**\/*.yaml"); the default … is used`. */
export function formatSettingWarning(w: SettingWarning, prefix = `${SETTINGS_SECTION}.`): string {
  return `${w.key ? prefix + w.key : prefix.replace(/\.$/, '')} ${w.message}`;
}

function describe(value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return kind;
  const text = JSON.stringify(value);
  return `${kind} (${text.length > 60 ? text.slice(0, 57) + '...' : text})`;
}

function expected(schema: SettingSchema): string {
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  if (schema.type === 'array') return 'a list of strings';
  if (schema.type === 'object') return 'an object';
  if (schema.type === 'boolean') return 'true or false';
  return 'a non-empty string';
}

/** Checks one value against its schema: the value to use, or why it cannot be used. */
function check(schema: SettingSchema, value: unknown): { ok: true; value: unknown } | { ok: false; why: string } {
  const wrong = { ok: false as const, why: `must be ${expected(schema)}, not ${describe(value)}` };
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string' || value === '') return wrong;
      if (schema.enum && !schema.enum.includes(value)) return wrong;
      return { ok: true, value };
    case 'array':
      if (!Array.isArray(value)) return wrong;
      for (let i = 0; i < value.length; i++) {
        if (typeof value[i] !== 'string') return { ok: false, why: `must be a list of strings, but item ${i} is ${describe(value[i])}` };
      }
      return { ok: true, value: [...value] };
    case 'object':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong;
      return { ok: true, value };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : wrong;
  }
}

const defaultText = (key: keyof Settings) => JSON.stringify(SETTINGS[key].default);

/** Validates settings from an untrusted source (any JSON value). Missing keys take `base`'s value
 *  (the defaults unless given); a value that cannot be used is a warning, and `base`'s value is used. */
export function validateSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS): ValidatedSettings {
  const settings: Settings = { ...base, include: [...base.include], exclude: [...base.exclude], severityOverrides: copyOverrides(base.severityOverrides) };
  const warnings: SettingWarning[] = [];
  if (raw === undefined || raw === null) return { settings, warnings, unknown: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, warnings: [{ key: '', message: `must be an object of settings, not ${describe(raw)}; the defaults are used` }], unknown: [] };
  }
  const input = raw as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !Object.prototype.hasOwnProperty.call(SETTINGS, k));
  for (const key of SETTING_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(input, key) || input[key] === undefined) continue;
    const r = check(SETTINGS[key], input[key]);
    if (!r.ok) {
      warnings.push({ key, message: `${r.why}; the default ${defaultText(key)} is used` });
      (settings as unknown as Record<string, unknown>)[key] = key === 'severityOverrides' ? defaultSettings().severityOverrides : structuredClone(SETTINGS[key].default);
      continue;
    }
    if (key === 'severityOverrides') settings.severityOverrides = overridesOf(r.value as Record<string, unknown>, warnings);
    else (settings as unknown as Record<string, unknown>)[key] = r.value;
  }
  return { settings, warnings, unknown };
}

function copyOverrides(o: Readonly<Record<string, SeverityOverride>>): Record<string, SeverityOverride> {
  return Object.assign(Object.create(null) as Record<string, SeverityOverride>, o);
}

/** The entries whose level is known; each other entry is a warning of its own and is left out. */
function overridesOf(value: Record<string, unknown>, warnings: SettingWarning[]): Record<string, SeverityOverride> {
  const out = Object.create(null) as Record<string, SeverityOverride>;
  for (const [code, level] of Object.entries(value)) {
    if (typeof level === 'string' && (SEVERITY_OVERRIDES as string[]).includes(level)) out[code] = level as SeverityOverride;
    else warnings.push({ key: `severityOverrides.${code}`, message: `must be one of ${SEVERITY_OVERRIDES.join(', ')}, not ${describe(level)}; the entry is left out` });
  }
  return out;
}

/** The options a workspace snapshot is built with, from settings. */
export function snapshotOptionsOf(s: Readonly<Settings>): { defaultNamespace: string; clusterDomain: string; rootNamespace: string; outboundTrafficPolicy: OutboundTrafficPolicy } {
  return { defaultNamespace: s.defaultNamespace, clusterDomain: s.clusterDomain, rootNamespace: s.rootNamespace, outboundTrafficPolicy: s.outboundTrafficPolicy };
}
