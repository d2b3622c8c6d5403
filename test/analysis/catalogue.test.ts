/** Meta-tests that keep the catalogue honest: unique stable codes with docs links,
 *  IST codes only where istioctl means the same, every analyzer described in its first comment and
 *  named after its file, every code shown by some golden output. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ANALYZERS, catalogue } from '../../server/src/core/analysis';
import { diagnosticsDoc } from '../../scripts/diagnostics-doc';

/** istioctl's codes and levels (istio/istio pkg/config/analysis/msg/messages.yaml) for the IST codes we use. */
const ISTIOCTL_LEVELS: Record<string, string> = {
  IST0002: 'warning', IST0101: 'error', IST0106: 'error', IST0109: 'error', IST0110: 'error', IST0111: 'error', IST0112: 'error',
  IST0118: 'info', IST0130: 'warning', IST0131: 'info', IST0132: 'warning', IST0133: 'warning', IST0134: 'warning', IST0140: 'warning',
  IST0128: 'warning', IST0129: 'warning', IST0145: 'error', IST0150: 'warning', IST0165: 'warning', IST0162: 'warning', IST0173: 'error', IST0174: 'warning', IST0177: 'warning',
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
      assert.ok(a.reads.length > 0);
    }
  });
});
