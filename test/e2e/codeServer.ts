// Starts and stops code-server (the real VS Code server + web workbench) for the e2e tests:
// a private user-data-dir, extensions dir and config, loopback only, its own process group.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'chat.commandCenter.enabled': false,
};

export interface CodeServer {
  url: string;
  extensionsDir: string;
  log: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Installs the .vsix (none: the editor without the extension) into a fresh extensions dir and
 *  starts the server; resolves once /healthz answers. */
export async function startCodeServer(bin: string, dir: string, vsix: string | undefined): Promise<CodeServer> {
  const userData = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensionsDir];
  const inst = vsix ? spawnSync(bin, [...common, '--install-extension', vsix], { encoding: 'utf8' }) : undefined;
  if (inst && inst.status !== 0) throw new Error(`code-server --install-extension failed:\n${inst.stdout}\n${inst.stderr}`);
  const port = await freePort();
  const log = path.join(dir, 'code-server.log');
  const out = fs.openSync(log, 'w');
  const child: ChildProcess = spawn(bin, [
    ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
  ], { detached: true, stdio: ['ignore', out, out] });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM'); // our own process group: the server and its children
    } catch { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${fs.readFileSync(log, 'utf8')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { stop(); throw new Error(`code-server did not answer /healthz in 60 s:\n${fs.readFileSync(log, 'utf8')}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, extensionsDir, log, stop };
}

/** The folder the .vsix was unpacked to: `<publisher>.<name>-<version>`. */
export function installedExtensionDir(extensionsDir: string, id: string): string {
  const found = fs.readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${id.toLowerCase()}-`));
  if (!found) throw new Error(`${id} is not in ${extensionsDir}`);
  return path.join(extensionsDir, found);
}
