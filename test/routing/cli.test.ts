/** The simulate CLI on bad input: clear messages with file and position, never a crash. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/workspace';

describe('simulate with a broken file in the workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lens-cli-'));
  copyFileSync('examples/hello/workload.yaml', join(dir, 'workload.yaml'));
  writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: x\n  spec: [\n');
  it('reports file:line:col on stderr and still routes', () => {
    const r = cli(['simulate', dir, '--url', 'http://svc-hello-v1.default.svc.cluster.local:8080/', '--json']);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /bad\.yaml:3:\d+: YAML:/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(JSON.parse(r.stdout).action, 'defaultService');
  });
  it('a --from pod that does not exist is a usage error', () => {
    const r = cli(['simulate', dir, '--url', 'http://svc-hello.default.svc.cluster.local:8080/', '--from', 'default/nobody']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no Pod or workload default\/nobody/);
  });
  it('text output names each decision with file:line', () => {
    const r = cli(['simulate', 'examples/hello', '--url', 'http://svc-hello.default.svc.cluster.local:8080/']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\[examples\/hello\/case5\.yaml:\d+\]/);
    assert.match(r.stdout, /default\/hello-server-v1 172\.17\.0\.5:8080/);
  });
});
