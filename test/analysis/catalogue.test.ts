/** Meta-tests that keep the catalogue honest: unique stable codes with docs links,
 *  IST codes only where istioctl means the same, every analyzer described in its first comment and
 *  named after its file, every code shown by some golden output. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ANALYZERS, catalogue } from '../../server/src/core/analysis';
import { diagnosticsDoc } from '../../scripts/diagnostics-doc';
import { observedInputs } from '../../server/src/core/analysis/incremental';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { splitFixture } from '../helpers/workspace';

/** istioctl's codes and levels (istio/istio pkg/config/analysis/msg/messages.yaml) for the IST codes we use. */
const ISTIOCTL_LEVELS: Record<string, string> = {
  IST0002: 'warning', IST0101: 'error', IST0106: 'error', IST0109: 'error', IST0110: 'error', IST0111: 'error', IST0112: 'error',
  IST0118: 'info', IST0130: 'warning', IST0131: 'info', IST0132: 'warning', IST0133: 'warning', IST0134: 'warning', IST0140: 'warning',
  IST0128: 'warning', IST0129: 'warning', IST0145: 'error', IST0150: 'warning', IST0165: 'warning', IST0162: 'warning', IST0173: 'error', IST0174: 'warning', IST0177: 'warning',
  IST0138: 'warning', IST0167: 'warning', IST0116: 'warning', IST0137: 'warning', IST0171: 'warning', IST0161: 'error', IST0149: 'error',
  IST0166: 'warning', IST0176: 'warning',
};

const FIXTURES = 'test/analysis/fixtures';
const goldens = readdirSync(FIXTURES).flatMap((d) => {
  const p = join(FIXTURES, d, 'invalid.golden');
  return existsSync(p) ? [readFileSync(p, 'utf8')] : [];
}).join('\n');

describe('message catalogue', () => {
  it('has unique codes and names', () => {
    assert.equal(new Set(catalogue.map((m) => m.code)).size, catalogue.length);
    assert.equal(new Set(catalogue.map((m) => m.name)).size, catalogue.length);
  });

  it('uses IST codes with istioctl levels and our ISL prefix otherwise', () => {
    for (const m of catalogue) {
      assert.match(m.code, /^(IST|ISL)\d{4}$/, m.code);
      if (m.code.startsWith('IST')) {
        assert.equal(m.severity, ISTIOCTL_LEVELS[m.code], `${m.code} level differs from istioctl's`);
        assert.equal(m.docsUrl, `https://istio.io/latest/docs/reference/config/analysis/${m.code.toLowerCase()}/`);
      } else assert.match(m.docsUrl, /^https:\/\/.+#isl\d{4}$/);
      assert.ok(m.description.length > 20, `${m.code} needs a description`);
    }
  });

  it('has a current docs page with an anchor for each of our codes (node --import tsx scripts/diagnostics-doc.ts)', () => {
    const doc = readFileSync('docs/diagnostics.md', 'utf8');
    assert.equal(doc, diagnosticsDoc());
    for (const m of catalogue.filter((x) => x.code.startsWith('ISL'))) assert.ok(doc.includes(`## ${m.code}`));
    for (const code of ['ISL-TEST', 'ISL-TEST-FILE']) assert.ok(doc.includes(`- \`${code}\``), `${code} (routing tests) is listed`);
  });

  it('shows every code in some golden output', () => {
    for (const m of catalogue) {
      if (m.code === 'ISL0002') continue; // YAML warnings: covered in api.test.ts
      assert.ok(goldens.includes(` ${m.code} `), `no golden shows ${m.code} ${m.name}`);
    }
  });
});

describe('analyzers', () => {
  it('have unique names', () => {
    assert.equal(new Set(ANALYZERS.map((a) => a.name)).size, ANALYZERS.length);
  });

  it('live one per file, named <kind>.<check>, and say what they check and mirror in a first comment', () => {
    for (const a of ANALYZERS) {
      const [dir, file] = a.name.split('.');
      const path = a.name === 'schema.validation' ? 'server/src/core/analysis/schema/validate.ts' : `server/src/core/analysis/analyzers/${dir}/${file}.ts`;
      assert.ok(existsSync(path), `${a.name} should live in ${path}`);
      const head = readFileSync(path, 'utf8').trimStart();
      assert.ok(head.startsWith('/**'), `${path} must start with a comment saying what it checks`);
      const comment = head.slice(0, head.indexOf('*/'));
      assert.match(comment, /Mirrors|Our check|istioctl|istio\/istio/, `${path}: say which istioctl/Istio behaviour it mirrors, or that it is ours`);
      assert.ok(a.reads.length > 0 || a.readsDocuments, `${a.name} declares nothing it reads`);
    }
  });
});

/** A namespace described by a workload alone, with a VirtualService routing to a host there that
 *  does not exist (a workspace of its own: the fixtures hold ServiceEntries that would resolve it):
 *  whether the workspace describes a host's namespace is read from its workloads
 *  only when it has no Service there (analyzers/common/destinations.ts hostDescribed), and only in a
 *  workspace that has Services at all (registryKnown). */
const WORKLOADS_ONLY: [string, string] = ['probe/workloads-only.yaml', `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: only-workloads }
spec:
  selector: { matchLabels: { app: api } }
  template: { metadata: { labels: { app: api } }, spec: { containers: [{ name: api, image: api }] } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: only-workloads }
spec:
  hosts: [api]
  http: [{ route: [{ destination: { host: no-such-service-anywhere } }] }]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec: { ports: [{ name: http, port: 80 }] }
`];

/** An HTTPRoute sending to Istio's `Hostname` backend kind, which names a ServiceEntry host
 *  (istio/istio pilot/pkg/config/kube/gateway/conversion.go buildDestination). */
const HOSTNAME_BACKEND: [string, string] = ['probe/hostname-backend.yaml', `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: external, namespace: default }
spec:
  parentRefs: [{ group: '', kind: Service, name: web }]
  rules: [{ backendRefs: [{ group: networking.istio.io, kind: Hostname, name: api.example.com, port: 443 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec: { ports: [{ name: http, port: 80 }] }
`];

describe('what analyzers declare they read', () => {
  // Every analyzer's fixtures in one workspace, each file under its analyzer's folder, so that each
  // analyzer runs over inputs that take the paths other fixtures exercise too.
  const files: [string, string][] = [];
  for (const dir of readdirSync(FIXTURES)) {
    for (const name of ['valid.yaml', 'invalid.yaml']) {
      const p = join(FIXTURES, dir, name);
      if (existsSync(p)) for (const [file, text] of splitFixture(readFileSync(p, 'utf8'))) files.push([`${dir}/${name}/${file}`, text]);
    }
  }
  const snaps = [buildSnapshot(files), buildSnapshot([WORKLOADS_ONLY]), buildSnapshot([HOSTNAME_BACKEND])];

  for (const a of ANALYZERS) {
    it(`${a.name} reads each kind it declares, and the documents only if it says so`, () => {
      const runs = snaps.map((snap) => observedInputs(a, snap));
      const seen = { kinds: runs.flatMap((r) => r.kinds), members: runs.flatMap((r) => r.members), everyResource: runs.some((r) => r.everyResource) };
      // A kind read through a memo that another analyzer may have filled (Snapshot.memo) is not seen
      // by the watch, nor is one among every resource (AnalysisContext.resources): those count whole.
      const unseen = seen.everyResource || seen.members.includes('memo') ? [] : a.reads.filter((k) => !seen.kinds.includes(k));
      assert.deepEqual(unseen, [], `${a.name} declares ${unseen.join(', ')} but never read it`);
      assert.equal(seen.members.includes('files'), !!a.readsDocuments, `${a.name}: reads the documents = ${seen.members.includes('files')}, declares readsDocuments = ${!!a.readsDocuments}`);
    });
  }
});
