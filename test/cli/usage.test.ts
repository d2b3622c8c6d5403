/** The command line as people type it: usage, `--suppress` as istioctl's `-S`, YAML that is not
 *  Kubernetes, and the mistakes that must be refused rather than silently answered. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { wildcardMatch } from '../../server/src/cli/suppress';
import { BROKEN_VS, cliIn } from './run';

const URL = 'http://svc-hello.default.svc.cluster.local:8080/';

describe('usage', () => {
  it('bare istio-lens prints the usage on stderr and exits 2', () => {
    const r = cliIn([]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^Usage: istio-lens /);
    assert.match(r.stderr, /\bcheck \[options\] \[paths\.\.\.\]/);
    assert.doesNotMatch(r.stderr, /outputHelp/);
  });

  it('istio-lens help prints the usage on stdout and exits 0', () => {
    const r = cliIn(['help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: istio-lens /);
    assert.doesNotMatch(r.stdout + r.stderr, /outputHelp/);
  });
});

describe('check --suppress CODE=Kind name.namespace', () => {
  // istio/istio istioctl/pkg/analyze/analyze.go: `-S "IST0102=DestinationRule primary-dr.default"`,
  // `*` for a partial match; names as pkg/config/legacy/source/kube/origin.go FriendlyName writes them.
  it('drops the code on the named resource only, with * wildcards', () => {
    for (const s of ['IST0101=VirtualService reviews.shop', 'IST0101=VirtualService *.shop', 'IST0101=* rev*.*']) {
      const r = cliIn(['check', '-', '--json', '--suppress', s], BROKEN_VS);
      assert.equal(r.status, 0, `${s}: ${r.stdout}`);
      assert.deepEqual(JSON.parse(r.stdout).diagnostics, [], s);
    }
    for (const s of ['IST0101=VirtualService reviews.other', 'IST0101=DestinationRule reviews.shop', 'IST0106=VirtualService reviews.shop']) {
      const r = cliIn(['check', '-', '--json', '--suppress', s], BROKEN_VS);
      assert.equal(r.status, 1, s);
      assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code), ['IST0101'], s);
    }
  });

  it('warns about a code no diagnostic has', () => {
    const r = cliIn(['check', '-', '--suppress', 'IST9999=VirtualService reviews.shop', '--suppress', 'ISTO101'], BROKEN_VS);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /warning: --suppress IST9999=VirtualService reviews\.shop: no diagnostic has the code IST9999/);
    assert.match(r.stderr, /warning: --suppress ISTO101: no diagnostic has the code ISTO101/);
  });
});

describe('check on YAML that is not Kubernetes', () => {
  it('gives no diagnostics for CloudFormation, Ansible vault and a broken Helm values.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-lens-other-'));
    writeFileSync(join(dir, 'stack.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n');
    writeFileSync(join(dir, 'vault.yml'), 'db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n');
    writeFileSync(join(dir, 'values.yaml'), 'image:\n  tag: v1\n   repository: broken\n');
    const r = cliIn(['check', dir, '--json']);
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout).diagnostics, []);
    // The same broken indentation in a Kubernetes document is reported.
    writeFileSync(join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   namespace: broken\n');
    const k = cliIn(['check', dir, '--json']);
    assert.equal(k.status, 1);
    assert.deepEqual([...new Set(JSON.parse(k.stdout).diagnostics.map((d: { file: string }) => d.file))], [join(dir, 'svc.yaml')]);
  });
});

describe('simulate refuses what it cannot simulate', () => {
  it('exits 2 on a path that does not exist, as check and test do', () => {
    for (const cmd of [['simulate', 'no/such/path', '--url', URL], ['check', 'no/such/path'], ['test', 'no/such/path']]) {
      const r = cliIn(cmd);
      assert.equal(r.status, 2, cmd.join(' '));
      assert.match(r.stderr, /no\/such\/path: no such file or folder/);
      assert.equal(r.stdout, '');
    }
  });

  it('exits 2 on an empty method or gateway', () => {
    const a = cliIn(['simulate', 'examples/hello', '--url', URL, '-X', '']);
    assert.equal(a.status, 2);
    assert.match(a.stderr, /-X\/--request needs a method/);
    const b = cliIn(['simulate', 'examples/hello', '--url', URL, '--gateway', ' ']);
    assert.equal(b.status, 2);
    assert.match(b.stderr, /--gateway needs mesh or NAMESPACE\/NAME/);
  });
});

describe('--suppress wildcards', () => {
  // istioctl analyze -S: `*` in `Kind name.namespace` stands for any run of characters
  // (istio/istio istioctl/pkg/analyze/analyze.go, the `suppress` flag).
  it('match as istioctl does, without a regular expression', () => {
    assert.equal(wildcardMatch('DestinationRule *.default', 'DestinationRule primary-dr.default'), true);
    assert.equal(wildcardMatch('DestinationRule *.default', 'DestinationRule primary-dr.prod'), false);
    assert.equal(wildcardMatch('*', 'anything at all'), true);
    assert.equal(wildcardMatch('Virtual*e vs*.d*', 'VirtualService vs-hello.default'), true);
    assert.equal(wildcardMatch('a*a', 'a'), false, 'the two sides may not overlap');
    assert.equal(wildcardMatch('Pod a.(b)', 'Pod a.(b)'), true, 'other characters stand for themselves');
    assert.equal(wildcardMatch('Pod a.b', 'Pod aXb'), false);
  });
});
