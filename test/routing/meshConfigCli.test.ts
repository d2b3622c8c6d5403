/** `--mesh-config FILE`: MeshConfig YAML in the format of istioctl analyze --meshConfigFile (istio/istio
 *  pkg/config/analysis/local/istiod_analyze.go AddFileKubeMeshConfig); flags win over it; a bad file
 *  is a usage error with file and position. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/workspace';

describe('simulate --mesh-config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lens-mesh-'));
  copyFileSync('examples/hello/workload.yaml', join(dir, 'workload.yaml'));
  const mesh = join(dir, 'mesh-config.txt');
  writeFileSync(mesh, 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n');
  const url = ['--url', 'http://api.example.com/', '--json'];

  it('reads outboundTrafficPolicy from the file and names it in the trace', () => {
    const r = cli(['simulate', dir, '--mesh-config', mesh, ...url]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.action, 'blackhole');
    assert.ok(out.trace.some((s: { message: string }) => s.message.includes(`REGISTRY_ONLY (from mesh config file ${mesh})`)));
  });

  it('a flag wins over the file', () => {
    const r = cli(['simulate', dir, '--mesh-config', mesh, '--outbound-traffic-policy', 'ALLOW_ANY', ...url]);
    assert.equal(JSON.parse(r.stdout).action, 'passthrough');
  });

  it('a bad value is a usage error with file:line:col', () => {
    const bad = join(dir, 'bad-mesh.txt');
    writeFileSync(bad, 'rootNamespace: istio-system\noutboundTrafficPolicy:\n  mode: DENY\n');
    const r = cli(['simulate', dir, '--mesh-config', bad, ...url]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad-mesh\.txt:3:9: .*ALLOW_ANY or REGISTRY_ONLY, not "DENY"/);
    const missing = cli(['simulate', dir, '--mesh-config', join(dir, 'nope.yaml'), ...url]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--mesh-config .*nope\.yaml: no such file/);
  });
});
