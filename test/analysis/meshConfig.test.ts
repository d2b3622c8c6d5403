/** Analyzers that read the mesh config (istio/istio pkg/config/analysis/analyzers/serviceentry/
 *  protocoladdresses.go ProtocolAddressesAnalyzer.Analyze: IST0134 is not reported when
 *  defaultConfig.proxyMetadata sets ISTIO_META_DNS_CAPTURE and ISTIO_META_DNS_AUTO_ALLOCATE, or
 *  PILOT_ENABLE_IP_AUTOALLOCATE, to "true"). The mesh config comes from the files' istio ConfigMap,
 *  an IstioOperator, or a mesh config file (istioctl analyze --meshConfigFile). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { workspace } from '../helpers/workspace';

const SE = `
#- file: se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: db, namespace: default }
spec:
  hosts: [db.example.com]
  ports: [{ name: tcp, number: 5432, protocol: TCP }]
  resolution: DNS
`;

const metadataYaml = (md: Record<string, string>) => `defaultConfig:\n  proxyMetadata:\n${Object.entries(md).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}`;

const configMap = (md: Record<string, string>) => `
#- file: cm.yaml
apiVersion: v1
kind: ConfigMap
metadata: { name: istio, namespace: istio-system }
data:
  mesh: |-
${metadataYaml(md).split('\n').map((l) => `    ${l}`).join('\n')}
`;

const ist0134 = (text: string, file?: string) => analyze(workspace(text, file ? { mesh: { file: { path: 'mesh.yaml', text: file } } } : {})).filter((f) => f.code === 'IST0134').length;

describe('IST0134 and the mesh config', () => {
  it('is reported without DNS capture and auto-allocation', () => {
    assert.equal(ist0134(SE), 1);
    assert.equal(ist0134(SE + configMap({ ISTIO_META_DNS_CAPTURE: 'true' })), 1, 'capture alone allocates nothing');
    assert.equal(ist0134(SE + configMap({ ISTIO_META_DNS_AUTO_ALLOCATE: 'true' })), 1, 'allocation without capture is not used');
  });
  it("is silenced by the istio ConfigMap's proxyMetadata", () => {
    assert.equal(ist0134(SE + configMap({ ISTIO_META_DNS_CAPTURE: 'true', ISTIO_META_DNS_AUTO_ALLOCATE: 'true' })), 0);
    assert.equal(ist0134(SE + configMap({ ISTIO_META_DNS_CAPTURE: 'true', PILOT_ENABLE_IP_AUTOALLOCATE: 'true' })), 0);
  });
  it('is silenced by a mesh config file, as istioctl analyze --meshConfigFile', () => {
    assert.equal(ist0134(SE, metadataYaml({ ISTIO_META_DNS_CAPTURE: 'true', ISTIO_META_DNS_AUTO_ALLOCATE: 'true' })), 0);
  });
  it("is silenced by an IstioOperator's spec.meshConfig", () => {
    const op = `
#- file: op.yaml
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: { name: control-plane, namespace: istio-system }
spec:
  meshConfig:
${metadataYaml({ ISTIO_META_DNS_CAPTURE: 'true', ISTIO_META_DNS_AUTO_ALLOCATE: 'true' }).split('\n').map((l) => `    ${l}`).join('\n')}
`;
    assert.equal(ist0134(SE + op), 0);
  });
});
