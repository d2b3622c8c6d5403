// Beside Red Hat's YAML extension (client/src/schemaAssociation.ts): schema problems are left to it
// only where it reports them (active, validating, the file open, a Kubernetes or Istio schema
// associated by `yaml.schemas` or a modeline), or when the setting says so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSchemaCode, kubernetesGlobs, leaveSchemaFindings, type YamlExtensionFacts } from '../../client/src/schemaAssociation';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\n';

/** Globs matched as Red Hat's extension would for `k8s/vs.yaml`: `**`-prefixed, by suffix. */
function facts(over: Partial<YamlExtensionFacts> = {}): YamlExtensionFacts {
  return {
    active: true, validate: true, open: true, text: VS,
    schemas: { kubernetes: ['k8s/*.yaml'] },
    matches: (glob) => new RegExp(`(^|/)${glob.replace(/^\*\*\//, '').replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test('k8s/vs.yaml'),
    ...over,
  };
}

describe('schema problems beside the YAML extension', () => {
  it('are left to it when it validates the open file against the kubernetes schema', () => {
    assert.equal(leaveSchemaFindings('auto', facts()), true);
  });

  it('are reported when it would not report them', () => {
    assert.equal(leaveSchemaFindings('auto', facts({ active: false })), false, 'not active');
    assert.equal(leaveSchemaFindings('auto', facts({ validate: false })), false, 'yaml.validate off');
    assert.equal(leaveSchemaFindings('auto', facts({ open: false })), false, 'it validates open files only');
    assert.equal(leaveSchemaFindings('auto', facts({ schemas: { kubernetes: 'other/*.yaml' } })), false, 'no schema for this file');
    assert.equal(leaveSchemaFindings('auto', facts({ schemas: { 'https://json.schemastore.org/github-workflow.json': 'k8s/*.yaml' } })), false, 'not a Kubernetes schema');
  });

  it('follow a modeline, and Istio CRD schemas by URL', () => {
    const inline = '# yaml-language-server: $schema=https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/networking.istio.io/virtualservice_v1.json\n' + VS;
    assert.equal(leaveSchemaFindings('auto', facts({ schemas: {}, text: inline })), true);
    assert.equal(leaveSchemaFindings('auto', facts({ text: '# yaml-language-server: $schema=https://example.com/other.json\n' + VS })), false, 'the modeline wins over yaml.schemas');
    assert.deepEqual(kubernetesGlobs({ 'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.30.0-standalone-strict/all.json': '*.k8s.yaml', 'https://example.com/x.json': 'x.yaml' }), ['*.k8s.yaml']);
  });

  it('follow the setting: always reports them, never leaves them', () => {
    assert.equal(leaveSchemaFindings('always', facts()), false);
    assert.equal(leaveSchemaFindings('never', facts({ active: false })), true);
  });

  it('are the structural schema codes only, not Istio\'s own validation', () => {
    assert.equal(isSchemaCode('ISL0101'), true);
    assert.equal(isSchemaCode({ value: 'ISL0102', target: null }), true);
    assert.equal(isSchemaCode('IST0106'), false);
    assert.equal(isSchemaCode('IST0101'), false);
    assert.equal(isSchemaCode('ISL0001'), false);
  });
});
