/** The two servers the benchmark drives over stdio: ours (dist/server.js) and yaml-language-server
 *  configured with our JSON Schemas, each started the way an editor starts it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';

export const REPO = resolve(__dirname, '..', '..');

export interface ServerSpec {
  /** Short label used in the table. */
  name: 'istio-lens' | 'yaml-ls';
  start(cwd: string): LspClient;
  /** Sections of `workspace/configuration` and the initialization options. */
  configuration(section: string | undefined): unknown;
  initializationOptions?: unknown;
}

/** The `istioLens.*` defaults from package.json, as VS Code would hand them to the server. */
function istioLensDefaults(): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const props: Record<string, { default?: unknown }> = pkg.contributes?.configuration?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(props)) {
    const parts = key.replace(/^istioLens\./, '').split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = p.default;
  }
  return out;
}

export function istioLens(serverJs = join(REPO, 'dist', 'server.js')): ServerSpec {
  const settings = istioLensDefaults();
  return {
    name: 'istio-lens',
    // --expose-gc as the VS Code client starts it (client/src/languageClient.ts).
    start: (cwd) => new LspClient('istio-lens', process.execPath, ['--expose-gc', resolve(serverJs), '--stdio'], cwd),
    configuration: (section) => (section === 'istioLens' ? settings : null),
    initializationOptions: { settings },
  };
}

/** One schema for every kind in our schemas/ folder: `if` apiVersion and kind match, `then` that
 *  kind's schema — the way a user maps Kubernetes+Istio schemas onto `*.yaml` in yaml.schemas. */
export function writeDispatchSchema(dir: string): string {
  const index: Record<string, string> = JSON.parse(readFileSync(join(REPO, 'schemas', 'index.json'), 'utf8'));
  const allOf = Object.entries(index).map(([key, file]) => {
    const [apiVersion, kind] = key.split(' ');
    return {
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: pathToFileURL(join(REPO, 'schemas', file)).href },
    };
  });
  const path = join(dir, 'istio-k8s.schema.json');
  writeFileSync(path, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', allOf }, null, 1));
  return pathToFileURL(path).href;
}

export function yamlLanguageServer(schemaUri: string): ServerSpec {
  const yaml = {
    schemas: { [schemaUri]: '*.yaml' },
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    // No network: the schemas are local files.
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  };
  const bin = join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  return {
    name: 'yaml-ls',
    start: (cwd) => new LspClient('yaml-ls', process.execPath, [bin, '--stdio'], cwd),
    configuration: (section) => (section === 'yaml' ? yaml : section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}),
  };
}

const CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

/** Starts a server, answers its requests, runs initialize/initialized and sends the settings. */
export async function startServer(spec: ServerSpec, cwd: string, workspaceFolder?: string, onStart?: (c: LspClient) => void): Promise<LspClient> {
  const client = spec.start(cwd);
  onStart?.(client);
  client.handle('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => spec.configuration(i.section)));
  client.handle('workspace/workspaceFolders', () => (workspaceFolder ? [{ uri: pathToFileURL(workspaceFolder).href, name: 'bench' }] : null));
  const folderUri = workspaceFolder ? pathToFileURL(workspaceFolder).href : null;
  const init = await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'istio-lens-bench' },
    rootUri: folderUri,
    workspaceFolders: folderUri ? [{ uri: folderUri, name: 'bench' }] : null,
    capabilities: CAPABILITIES,
    initializationOptions: spec.initializationOptions,
  }, 60_000);
  const sync = init.result?.capabilities?.textDocumentSync;
  client.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 2);
  client.notify('initialized', {});
  const settings = spec.name === 'yaml-ls' ? { yaml: spec.configuration('yaml') } : { istioLens: spec.configuration('istioLens') };
  client.notify('workspace/didChangeConfiguration', { settings });
  return client;
}
