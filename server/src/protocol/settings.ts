/** The `istioLens.*` settings for the VS Code client: the same module the server and the CLI use
 *  (server/src/core/settings.ts), so that the client reads and checks them exactly as they do. */
import { formatSettingWarning, SETTING_KEYS, validateSettings, type Settings } from '../core/settings';

export { DEFAULT_SETTINGS, SETTINGS, SETTINGS_SECTION, type Settings } from '../core/settings';

/** Reads the settings through `get` (VS Code's `WorkspaceConfiguration.get` of the `istioLens`
 *  section) and validates them: a value that cannot be used becomes the default, and a warning
 *  naming the setting. */
export function readConfiguration(get: (key: string) => unknown): { settings: Settings; warnings: string[] } {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) raw[key] = get(key);
  const r = validateSettings(raw);
  return { settings: r.settings, warnings: r.warnings.map((w) => `Istio Lens: ${formatSettingWarning(w)}`) };
}
