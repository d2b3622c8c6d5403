/** Domain helpers live in one place each: a second implementation drifts from the first (different
 *  limits, a missing check). Where a second copy is cheap to recognise in the source, this test
 *  names the one module allowed to hold it. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

interface OneHome {
  what: string;
  pattern: RegExp;
  /** The only files (relative to the repository root) where the pattern may appear. */
  home: string[];
}

const RULES: OneHome[] = [
  { what: 'YAML-to-JS conversion (toPlainValue: one alias bound, one cycle check)', pattern: /\.toJS\s*\(/, home: ['server/src/core/yaml/plain.ts'] },
  { what: 'the yaml alias bound', pattern: /maxAliasCount/, home: ['server/src/core/yaml/plain.ts'] },
  { what: 'a Service host name built by hand (serviceHostname)', pattern: /\$\{[^}]+\}\.\$\{[^}]+\}\.svc\./, home: ['server/src/core/workspace/hosts.ts'] },
  { what: 'an edit distance (text/editDistance.ts)', pattern: /function\s+\w*(levenshtein|editDistance)/i, home: ['server/src/core/text/editDistance.ts'] },
  { what: 'DestinationRules for a host (destinationRulesForHost)', pattern: /destinationRules\.(filter|find|some)\(.*\.host\b/, home: [] },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** `file:line: what` for every line of `text` that holds a helper outside its home. */
export function strayCopies(file: string, text: string, rules: readonly OneHome[] = RULES): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    if (rule.home.includes(file)) continue;
    text.split('\n').forEach((line, i) => {
      if (rule.pattern.test(line)) out.push(`${file}:${i + 1}: ${rule.what}: ${line.trim().slice(0, 120)}`);
    });
  }
  return out;
}

describe('one implementation of each domain helper', () => {
  it('finds a second copy when there is one', () => {
    assert.equal(strayCopies('server/src/core/ide/x.ts', 'const v = doc.toJS({ maxAliasCount: 5 });').length, 2);
    assert.equal(strayCopies('server/src/core/ide/x.ts', 'const h = `${svc.name}.${ns}.svc.${domain}`;').length, 1);
    assert.equal(strayCopies('server/src/core/ide/x.ts', 'function levenshtein(a: string, b: string) {').length, 1);
    assert.equal(strayCopies('server/src/core/ide/x.ts', 'snap.destinationRules.filter((d) => fqdnOf(snap, d.host, ns) === fqdn)').length, 1);
    assert.deepEqual(strayCopies('server/src/core/yaml/plain.ts', 'const v = doc.toJS({ maxAliasCount: 5 });'), []);
  });

  it('server/src holds each helper in its home only', () => {
    const files = sources('server/src');
    assert.ok(files.length > 100, `only ${files.length} files found: not the repository root?`);
    assert.deepEqual(files.flatMap((f) => strayCopies(f.split('\\').join('/'), readFileSync(f, 'utf8'))), []);
  });
});
