/** Regex: user regexes run only through RE2 (re2js), in linear time, as Envoy's safe_regex
 *  does (https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/matcher/v3/regex.proto: Google RE2,
 *  "no backtracking"); patterns RE2 rejects (lookaround, back-references) never match and never throw. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { compileRe2, fullMatch, re2Error } from '../../server/src/core/routing/regex';
import { globToRegExp } from '../../server/src/lsp/settings';
import { sim, workspace } from '../helpers/workspace';
import { cpuMs } from '../helpers/cpu';

const LONG = 'a'.repeat(100_000) + '!';

function mesh(headerRegex: string, uriRegex = '^/(a+)+$'): string {
  return `
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web }
spec:
  hosts: [web]
  http:
  - match:
    - headers: { x-a: { regex: ${JSON.stringify(headerRegex)} } }
    - uri: { regex: ${JSON.stringify(uriRegex)} }
    route: [{ destination: { host: web, subset: matched } }]
  - route: [{ destination: { host: web } }]
`;
}

/** The result and the CPU milliseconds it took. */
function timed<T>(f: () => T): [T, number] {
  const { result, ms } = cpuMs(f);
  return [result, ms];
}

describe('regex: RE2 only, linear time', () => {
  const snap = workspace(mesh('(a+)+$'));

  it('(a+)+$ against a 100,000-character header value completes at once through simulate', () => {
    const [res, ms] = timed(() => sim(snap, { url: 'http://web/', headers: { 'x-a': LONG } }));
    assert.equal(res.httpRouteIndex, 1);
    assert.ok(ms < 200, `${ms} ms`);
    // The same pattern does match a value it should: the regex really ran.
    assert.equal(sim(snap, { url: 'http://web/', headers: { 'x-a': 'aaaa' } }).httpRouteIndex, 0);
  });

  it('^/(a+)+$ against a 100,000-character path completes at once', () => {
    const [res, ms] = timed(() => sim(snap, `http://web/${LONG}`));
    assert.equal(res.httpRouteIndex, 1);
    assert.ok(ms < 200, `${ms} ms`);
    assert.equal(sim(snap, 'http://web/aaa').httpRouteIndex, 0);
  });

  it('a million characters against classic catastrophic patterns stays linear', () => {
    const value = 'a'.repeat(1_000_000);
    for (const p of ['(a+)+$', '(a|a)*b', '(a*)*b', '(.*a){20}', '^(([a-z])+.)+[A-Z]([a-z])+$']) {
      const [hit, ms] = timed(() => fullMatch(p, value + '!'));
      assert.equal(hit, false, p);
      assert.ok(ms < 1_000, `${p}: ${ms} ms`);
    }
  });

  for (const [what, pattern] of [['lookahead', '(?=a)a+'], ['negative lookbehind', '(?<!b)a+'], ['back-reference', '(a)\\1']]) {
    it(`${what} ${pattern} is rejected without throwing: it never matches, and analysis says why`, () => {
      assert.equal(compileRe2(pattern), undefined);
      assert.ok(re2Error(pattern));
      const s = workspace(mesh(pattern));
      const res = sim(s, { url: 'http://web/', headers: { 'x-a': 'aa' } });
      assert.equal(res.httpRouteIndex, 1);
      const f = analyze(s).filter((x) => /RE2/.test(x.message));
      assert.equal(f.length, 1, JSON.stringify(analyze(s).map((x) => x.message)));
      const text = s.files.get('fixture.yaml')!.source.text;
      assert.equal(text.slice(f[0].span.start, f[0].span.end), JSON.stringify(pattern));
    });
  }

  it('nested repetition beyond RE2 limits is rejected, not expanded', () => {
    const [re, ms] = timed(() => compileRe2('((a{100}){100}){100}'));
    assert.equal(re, undefined);
    assert.ok(ms < 100);
  });

  it('no JavaScript RegExp is built from data anywhere in the server or client sources', () => {
    // String#match/matchAll/search turn a string argument into a RegExp; only regex literals are allowed.
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) visit(p);
        else if (p.endsWith('.ts')) {
          readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
            if (/\bRegExp\s*\(|\.(match|matchAll|search)\((?!\/)/.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${p}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    visit('server/src');
    visit('client/src');
    assert.deepEqual(offenders, []);
  });

  // `istioLens.include`/`exclude` come from the repository's .vscode/settings.json too (untrusted
  // workspaces included). As JavaScript RegExps, ten `**/` took 15 s per path of 25 folders; they run
  // on RE2 since e9f9380.
  it('a glob setting with repeated **/ is matched in linear time', () => {
    const [, ms] = timed(() => globToRegExp('**/'.repeat(8) + 'x.yaml').test('a/'.repeat(25) + 'y.yaml'));
    assert.ok(ms < 50, `${ms.toFixed(0)} ms`);
  });
});
