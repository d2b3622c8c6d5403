/** The settings module (server/src/core/settings.ts) is the one place the `istioLens.*` settings
 *  are declared: package.json says the same, every edge validates with it, and the version the
 *  tools report is package.json's. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CLIENT_ONLY_SETTINGS, DEFAULT_SETTINGS, SETTINGS, defaultSettings, validateSettings } from '../../server/src/core/settings';
import { DEFAULT_OPTIONS } from '../../server/src/core/workspace/snapshot';
import { readConfiguration } from '../../server/src/protocol/settings';
import { LspClient } from '../lsp/client';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('the settings module', () => {
  it("is what package.json's contributes.configuration declares, setting by setting", () => {
    const declared = pkg.contributes.configuration.properties as Record<string, unknown>;
    const ours = Object.fromEntries([...Object.entries(SETTINGS), ...Object.entries(CLIENT_ONLY_SETTINGS)].map(([k, v]) => [`istioLens.${k}`, v]));
    assert.deepEqual(Object.keys(declared).sort(), Object.keys(ours).sort());
    for (const key of Object.keys(ours)) assert.deepEqual(declared[key], ours[key], key);
  });

  it('gives the workspace snapshot its defaults', () => {
    assert.deepEqual(DEFAULT_OPTIONS, {
      defaultNamespace: DEFAULT_SETTINGS.defaultNamespace, clusterDomain: DEFAULT_SETTINGS.clusterDomain,
      rootNamespace: DEFAULT_SETTINGS.rootNamespace, outboundTrafficPolicy: DEFAULT_SETTINGS.outboundTrafficPolicy,
    });
  });

  it('keeps good values and fills the missing ones with the defaults, without a warning', () => {
    const r = validateSettings({ defaultNamespace: 'shop', include: ['a/**/*.yaml'], severityOverrides: { IST0101: 'warning' }, trace: { server: 'off' } });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual({ ...r.settings, severityOverrides: { ...r.settings.severityOverrides } }, {
      ...defaultSettings(), defaultNamespace: 'shop', include: ['a/**/*.yaml'], severityOverrides: { IST0101: 'warning' },
    });
    assert.deepEqual(r.unknown, ['trace']);
    assert.deepEqual(validateSettings(undefined).warnings, []);
  });

  it('uses the default for a value of the wrong type and names the setting', () => {
    const r = validateSettings({
      include: '**/*.yaml', exclude: ['ok', 3], defaultNamespace: 42, clusterDomain: '', rootNamespace: null,
      outboundTrafficPolicy: 'allow_any', severityOverrides: 'off',
    });
    assert.deepEqual(r.settings, defaultSettings());
    assert.deepEqual(r.warnings.map((w) => w.key), ['defaultNamespace', 'clusterDomain', 'rootNamespace', 'include', 'exclude', 'outboundTrafficPolicy', 'severityOverrides']);
    assert.equal(r.warnings.find((w) => w.key === 'include')!.message, 'must be a list of strings, not a string ("**/*.yaml"); the default ["**/*.yaml","**/*.yml"] is used');
    assert.match(r.warnings.find((w) => w.key === 'exclude')!.message, /item 1 is a number \(3\)/);
    assert.match(r.warnings.find((w) => w.key === 'outboundTrafficPolicy')!.message, /must be one of ALLOW_ANY, REGISTRY_ONLY/);
    assert.equal(validateSettings(['x']).warnings.length, 1);
  });

  it('leaves out only the severity overrides it cannot use, and no code meets Object.prototype', () => {
    const r = validateSettings(JSON.parse('{"severityOverrides": {"IST0101": "hint", "ISL0101": "loud", "__proto__": "off", "constructor": 1}}'));
    assert.equal(r.settings.severityOverrides.IST0101, 'hint');
    assert.equal(r.settings.severityOverrides.__proto__, 'off');
    assert.equal(r.settings.severityOverrides.toString, undefined);
    assert.equal(r.settings.severityOverrides.constructor, undefined);
    assert.deepEqual(r.warnings.map((w) => w.key), ['severityOverrides.ISL0101', 'severityOverrides.constructor']);
  });

  it("reads VS Code's configuration for the client the same way", () => {
    const user: Record<string, unknown> = { include: '**/*.yaml', rootNamespace: 'mesh' };
    const r = readConfiguration((key) => user[key] ?? (SETTINGS as Record<string, { default: unknown }>)[key]?.default);
    assert.equal(r.settings.rootNamespace, 'mesh');
    assert.deepEqual(r.settings.include, DEFAULT_SETTINGS.include);
    assert.deepEqual(r.warnings, ['Istio Lens: istioLens.include must be a list of strings, not a string ("**/*.yaml"); the default ["**/*.yaml","**/*.yml"] is used']);
  });
});

describe("the version is package.json's", () => {
  it('in istio-lens --version', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it("in the language server's serverInfo", async () => {
    const c = await LspClient.start({});
    try {
      const init = (await c.initialize()) as { serverInfo?: { name: string; version: string } };
      assert.deepEqual(init.serverInfo, { name: 'istio-lens', version: pkg.version });
    } finally {
      await c.stop();
    }
  });
});
