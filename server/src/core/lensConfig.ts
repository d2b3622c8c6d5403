/** `.istio-lens.yaml`: the settings a repository keeps for the CLI and the editor alike. Its keys are
 *  the editor's `istioLens.*` settings without the prefix (core/settings.ts), plus `suppress` (the
 *  `--suppress` values: `CODE` or `CODE=Kind name.namespace`) and `meshConfig` (a mesh config file,
 *  relative to this file). Reading never throws: what cannot be used is a warning with its line. */
import { parseDocument } from 'yaml';
import { LineIndex } from './text/lineIndex';
import { DEFAULT_SETTINGS, formatSettingWarning, SETTINGS, validateSettings, type Settings } from './settings';
import { toPlainValue } from './yaml/plain';

export const CONFIG_FILE_NAMES = ['.istio-lens.yaml', '.istio-lens.yml'];

export interface LensConfig {
  settings: Settings;
  /** The setting keys the file gives (the others are the defaults). */
  given: (keyof Settings)[];
  suppress: string[];
  meshConfig?: string;
  warnings: string[];
}

const EXTRA_KEYS = ['suppress', 'meshConfig'];

export function readLensConfig(file: string, text: string): LensConfig {
  const out: LensConfig = { settings: { ...DEFAULT_SETTINGS }, given: [], suppress: [], warnings: [] };
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: false });
  const at = (offset: number) => {
    const p = new LineIndex(text).positionAt(offset);
    return `${file}:${p.line + 1}:${p.character + 1}`;
  };
  if (doc.errors.length) {
    out.warnings.push(`${at(doc.errors[0].pos[0])}: not read: ${doc.errors[0].message.split('\n')[0]}`);
    return out;
  }
  const plain = toPlainValue(doc);
  if ('problem' in plain) {
    out.warnings.push(`${file}: not read: ${plain.problem}`);
    return out;
  }
  const raw = plain.value;
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    out.warnings.push(`${file}: not read: the file must be a map of settings (defaultNamespace: …, exclude: […])`);
    return out;
  }
  const input = raw as Record<string, unknown>;
  const settingsPart = Object.fromEntries(Object.entries(input).filter(([k]) => !EXTRA_KEYS.includes(k)));
  const v = validateSettings(settingsPart);
  out.settings = v.settings;
  out.given = (Object.keys(SETTINGS) as (keyof Settings)[]).filter((k) => k in settingsPart && !v.warnings.some((w) => w.key === k));
  for (const w of v.warnings) out.warnings.push(`${file}: ${formatSettingWarning(w, '')}`);
  for (const k of v.unknown) out.warnings.push(`${file}: ${k} is not a setting (${[...Object.keys(SETTINGS), ...EXTRA_KEYS].join(', ')}); it is ignored`);
  if (input.suppress !== undefined) {
    if (Array.isArray(input.suppress) && input.suppress.every((s) => typeof s === 'string')) out.suppress = input.suppress as string[];
    else out.warnings.push(`${file}: suppress must be a list of strings (CODE or CODE=Kind name.namespace); it is ignored`);
  }
  if (input.meshConfig !== undefined) {
    if (typeof input.meshConfig === 'string' && input.meshConfig) out.meshConfig = input.meshConfig;
    else out.warnings.push(`${file}: meshConfig must be the path of a mesh config file; it is ignored`);
  }
  return out;
}

/** The editor's settings over the file's: a setting the editor leaves at its default takes the file's value. */
export function overlaySettings(editor: Readonly<Settings>, file: Readonly<LensConfig>): Settings {
  const out = { ...editor } as Settings;
  for (const key of file.given) {
    if (key === 'severityOverrides') out.severityOverrides = Object.assign(Object.create(null), file.settings.severityOverrides, editor.severityOverrides);
    else if (JSON.stringify(editor[key]) === JSON.stringify(DEFAULT_SETTINGS[key])) (out as unknown as Record<string, unknown>)[key] = file.settings[key];
  }
  return out;
}

/** The JSON Schema of `.istio-lens.yaml` (schemas/istio-lens-config.schema.json, which a test holds
 *  equal to this): completion and checks for the file in editors that read JSON Schemas for YAML. */
export function lensConfigSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(SETTINGS)) {
    const { scope: _scope, ...schema } = s;
    properties[key] = schema;
  }
  properties.suppress = {
    type: 'array',
    items: { type: 'string', pattern: '^[A-Za-z0-9*]+(=.+)?$' },
    default: [],
    markdownDescription: 'Findings to hide, as `istio-lens check --suppress`: a code (`IST0102`) or a code on resources (`IST0102=DestinationRule primary-dr.default`, `*` matches any run of characters).',
  };
  properties.meshConfig = {
    type: 'string',
    markdownDescription: 'A mesh config file (the format of `istioctl analyze --meshConfigFile`), relative to this file.',
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/istio-lens/istio-lens/schemas/istio-lens-config.schema.json',
    title: '.istio-lens.yaml',
    description: 'Istio Lens settings for the CLI and the editor (the editor\'s istioLens.* settings without the prefix override them).',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}
