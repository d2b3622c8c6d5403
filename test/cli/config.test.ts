/** `.istio-lens.yaml`: found walking up from the checked paths, read by the CLI (flags win) and the
 *  language server (the editor's settings win), described by a JSON Schema; and the globs both use. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { lensConfigSchema, readLensConfig } from '../../server/src/core/lensConfig';
import { SETTINGS } from '../../server/src/core/settings';
import { globToRegExp } from '../../server/src/core/workspace/glob';
import { BROKEN_VS, cliIn } from './run';

function repo(config: string): string {
  const root = mkdtempSync(join(tmpdir(), 'istio-lens-config-'));
  mkdirSync(join(root, 'apps', 'shop'), { recursive: true });
  mkdirSync(join(root, 'apps', 'generated'), { recursive: true });
  writeFileSync(join(root, '.istio-lens.yaml'), config);
  // No namespace in the YAML: the effective one comes from defaultNamespace.
  writeFileSync(join(root, 'apps', 'shop', 'vs.yaml'), BROKEN_VS.replace(/, namespace: shop/g, ''));
  writeFileSync(join(root, 'apps', 'generated', 'vs.yaml'), BROKEN_VS.replace(/reviews/g, 'ratings'));
  return root;
}

const found = (r: { stdout: string }) => JSON.parse(r.stdout).diagnostics.map((d: { file: string; code: string; severity: string; resource: { namespace: string } }) => `${d.file} ${d.code} ${d.severity} ${d.resource.namespace}`);

describe('.istio-lens.yaml in the CLI', () => {
  it('is found walking up from a checked path; its settings apply; a flag wins', () => {
    const root = repo('defaultNamespace: shop\nexclude: ["**/generated/**"]\nseverityOverrides: {IST0101: warning}\n');
    const cwd = join(root, 'apps');
    assert.deepEqual(found(cliIn(['check', 'shop', '--json'], undefined, cwd)), ['shop/vs.yaml IST0101 warning shop']);
    assert.equal(cliIn(['check', 'shop'], undefined, cwd).status, 0, 'a warning does not fail the check');
    assert.deepEqual(found(cliIn(['check', 'shop', '--json', '--default-namespace', 'other'], undefined, cwd)), ['shop/vs.yaml IST0101 warning other']);
    // Checked from elsewhere, the file above the named path is the one used.
    assert.deepEqual(found(cliIn(['check', join(root, 'apps'), '--json'], undefined, tmpdir())).map((l: string) => l.slice(root.length + 1)), ['apps/shop/vs.yaml IST0101 warning shop']);
  });

  it('suppress entries join --suppress; severityOverrides off hides a code', () => {
    const a = repo('suppress: ["IST0101=VirtualService reviews.default"]\nexclude: ["**/generated/**"]\n');
    assert.deepEqual(found(cliIn(['check', '.', '--json'], undefined, a)), []);
    const b = repo('severityOverrides: {IST0101: "off"}\n');
    assert.deepEqual(found(cliIn(['check', '.', '--json'], undefined, b)), []);
  });

  it('include globs with brackets and braces pick the files; --exclude leaves out more', () => {
    const root = repo('include: ["apps/{shop,generated}/*.[yY]aml"]\n');
    writeFileSync(join(root, 'apps', 'shop', 'other.YAML'), BROKEN_VS.replace(/reviews/g, 'details'));
    assert.deepEqual(found(cliIn(['check', '.', '--json'], undefined, root)).map((l: string) => l.split(' ')[0]), ['apps/generated/vs.yaml', 'apps/shop/vs.yaml']);
    assert.deepEqual(found(cliIn(['check', '.', '--json', '--exclude', 'apps/gen*'], undefined, root)).map((l: string) => l.split(' ')[0]), ['apps/shop/vs.yaml']);
  });

  it('a broken or wrong file is a warning with its position, never a stop', () => {
    const root = repo('defaultNamespace: [a]\nexclud: []\nseverityOverrides: {IST0101: loud}\n');
    const r = cliIn(['check', '.', '--json'], undefined, root);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /warning: \.istio-lens\.yaml: defaultNamespace must be a non-empty string, not a list; the default "default" is used/);
    assert.match(r.stderr, /warning: \.istio-lens\.yaml: exclud is not a setting/);
    assert.match(r.stderr, /warning: \.istio-lens\.yaml: severityOverrides\.IST0101 must be one of error, warning, info, hint, off/);
    const broken = repo('exclude: [a\n');
    assert.match(cliIn(['check', '.'], undefined, broken).stderr, /warning: \.istio-lens\.yaml:2:1: not read: /);
  });
});

describe('.istio-lens.yaml schema and reader', () => {
  it('the schema file is the one generated from the settings, and checks a config', () => {
    const schema = lensConfigSchema();
    assert.deepEqual(JSON.parse(readFileSync('schemas/istio-lens-config.schema.json', 'utf8')), schema,
      'schemas/istio-lens-config.schema.json is stale: write lensConfigSchema() (server/src/core/lensConfig.ts) to it');
    assert.deepEqual(Object.keys(schema.properties as object).sort(), [...Object.keys(SETTINGS), 'meshConfig', 'suppress'].sort());
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate({ defaultNamespace: 'shop', exclude: ['**/x/**'], severityOverrides: { IST0101: 'off' }, suppress: ['IST0102=Namespace *'], meshConfig: 'mesh.yaml' }));
    assert.ok(!validate({ include: '**/*.yaml' }));
    assert.ok(!validate({ outboundTrafficPolicy: 'DENY' }));
    assert.ok(!validate({ severityOverrides: { IST0101: 'loud' } }));
    assert.ok(!validate({ exclud: [] }));
  });

  it('meshConfig and suppress are read; the rest are settings', () => {
    const c = readLensConfig('.istio-lens.yaml', 'meshConfig: mesh/config.yaml\nsuppress: [IST0102]\nrootNamespace: mesh\n');
    assert.equal(c.meshConfig, 'mesh/config.yaml');
    assert.deepEqual(c.suppress, ['IST0102']);
    assert.equal(c.settings.rootNamespace, 'mesh');
    assert.deepEqual(c.given, ['rootNamespace']);
    assert.deepEqual(c.warnings, []);
  });
});

describe('globs of include and exclude', () => {
  // As bash and picomatch read them: brackets, negated brackets, nested braces, escapes.
  const cases: [string, string, boolean][] = [
    ['**/*.[yY]aml', 'a/b.Yaml', true], ['**/*.[yY]aml', 'b.yaml', true], ['**/*.[yY]aml', 'a/b.xaml', false],
    ['**/*.[!y]aml', 'a/b.xaml', true], ['**/*.[!y]aml', 'a/b.yaml', false],
    ['{apps,infra}/**/*.{yaml,y{a,}ml}', 'infra/x/y.yml', true], ['{apps,infra}/**/*.{yaml,y{a,}ml}', 'apps/y.yaml', true], ['{apps,infra}/**/*.{yaml,y{a,}ml}', 'other/x/y.yml', false],
    ['[a-c]x', 'bx', true], ['[a-c]x', 'dx', false], ['a\\*b', 'a*b', true], ['a\\*b', 'axb', false],
    ['**/node_modules/**', 'x/node_modules/p/a.yaml', true], ['charts/*/values.yaml', 'charts/a/b/values.yaml', false],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.equal(globToRegExp(glob).test(path), expected));
  }
});
