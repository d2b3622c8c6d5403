/** Security, checked on the sources (the bundles carry vscode-languageclient, which spawns
 *  the server and may use sockets for IPC: that is the client library's job, not ours): no network,
 *  nothing executed, no dynamic code; a webview, if one is added, has a strict content security
 *  policy; untrusted workspaces are declared supported. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [{ path: p, text: readFileSync(p, 'utf8') }] : [];
  });
}

const ALL = [...sources('server/src'), ...sources('client/src')];

describe('security of the sources', () => {
  it('no network, process, or dynamic-code API is used', () => {
    const forbidden = [
      /from ['"](node:)?(http|https|http2|net|dgram|tls|dns|child_process|cluster|vm)['"]/,
      /\brequire\s*\(/, /\bimport\s*\(/, /\bfetch\s*\(/, /\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bXMLHttpRequest\b/, /\bWebSocket\b/,
    ];
    const hits = ALL.flatMap(({ path, text }) => text.split('\n').flatMap((line, i) =>
      forbidden.some((re) => re.test(line)) && !/^\s*(\/\/|\*)/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
    // The server entry point's `require.main === module` check is not a require call.
    assert.deepEqual(hits.filter((h) => !/require\.main/.test(h)), []);
  });

  it('a webview, if any, sets a strict Content-Security-Policy and loads nothing remote', () => {
    for (const { path, text } of ALL.filter((f) => /createWebviewPanel|WebviewViewProvider|\.webview\b/.test(f.text))) {
      assert.match(text, /Content-Security-Policy/, `${path} creates a webview without a CSP`);
      assert.match(text, /default-src 'none'/, `${path}: the CSP must start from default-src 'none'`);
      assert.doesNotMatch(text, /https?:\/\/(?!localhost)[^\s'"`]+\.(js|css)/, `${path} loads a remote script or style`);
    }
  });

  it('untrusted workspaces are declared supported (the extension executes nothing)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  });
});
