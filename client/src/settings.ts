import { window, workspace } from 'vscode';
import { readConfiguration, SETTINGS_SECTION, type Settings } from '../../server/src/protocol/settings';

/** The `istioLens.*` settings as the server reads them (initializationOptions.settings and
 *  `workspace/configuration` section `istioLens`): shape, defaults and checks are shared with the
 *  server (server/src/protocol/settings.ts). A value of the wrong type is a warning, and its
 *  default is sent instead. */
export type IstioLensSettings = Settings;

export function readSettings(): IstioLensSettings {
  const c = workspace.getConfiguration(SETTINGS_SECTION);
  const { settings, warnings } = readConfiguration((key) => c.get(key));
  for (const w of warnings) void window.showWarningMessage(w);
  return settings;
}
