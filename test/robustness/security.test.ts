/** Security, checked on the sources (the bundles carry vscode-languageclient, which spawns
 *  the server and may use sockets for IPC: that is the client library's job, not ours): no network,
 *  nothing executed, no dynamic code; a webview, if one is added, has a strict content security
 *  policy (the check itself is tested on samples, since the extension has no webview today);
 *  untrusted workspaces are declared supported. */
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

/** What is wrong with the webviews a source file creates: each needs a Content-Security-Policy
 *  starting from `default-src 'none'` and loads no remote script or style. */
function webviewProblems(path: string, text: string): string[] {
  if (!/createWebviewPanel|WebviewViewProvider|\.webview\b/.test(text)) return [];
  const problems: string[] = [];
  if (!/Content-Security-Policy/.test(text)) problems.push(`${path} creates a webview without a Content-Security-Policy`);
  if (!/default-src 'none'/.test(text)) problems.push(`${path}: the CSP must start from default-src 'none'`);
  if (/https?:\/\/(?!localhost)[^\s'"`]+\.(js|css)/.test(text)) problems.push(`${path} loads a remote script or style`);
  return problems;
}

describe('security of the sources', () => {
  it('no network, process, or dynamic-code API is used', () => {
    const forbidden = [
      /from ['"](node:)?(http|https|http2|net|dgram|tls|dns|child_process|cluster|vm)['"]/,
      /\brequire\s*\(/, /\bimport\s*\(/, /\bfetch\s*\(/, /\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bXMLHttpRequest\b/, /\bWebSocket\b/,
    ];
    const hits = ALL.flatMap(({ path, text }) => text.split('\n').flatMap((line, i) =>
      forbidden.some((re) => re.test(line)) && !/^\s*(\/\/|\*)/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
    // The server entry point's `require.main === module` check is not a require call; the CLI's
    // `--kustomize` runs `kubectl kustomize`, the one program it runs, and only when asked to.
    assert.deepEqual(hits.filter((h) => !/require\.main/.test(h) && !h.startsWith("server/src/cli/kustomize.ts:1: import { spawnSync } from 'node:child_process';")), []);
  });

  it('the webview check rejects a webview without a strict policy and accepts one with it', () => {
    const bare = "const p = window.createWebviewPanel('x', 'X', 1, {}); p.webview.html = '<html></html>';";
    const remote = "const p = window.createWebviewPanel('x', 'X', 1, {}); p.webview.html = `<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><script src=\"https://cdn.example.com/x.js\"></script>`;";
    const strict = "const p = window.createWebviewPanel('x', 'X', 1, {}); p.webview.html = `<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ${p.webview.cspSource}\">`;";
    assert.deepEqual(webviewProblems('bare.ts', bare), ['bare.ts creates a webview without a Content-Security-Policy', "bare.ts: the CSP must start from default-src 'none'"]);
    assert.deepEqual(webviewProblems('remote.ts', remote), ['remote.ts loads a remote script or style']);
    assert.deepEqual(webviewProblems('strict.ts', strict), []);
    assert.deepEqual(webviewProblems('plain.ts', 'export const x = 1;'), []);
  });

  it('every webview of the extension passes that check', () => {
    assert.deepEqual(ALL.flatMap(({ path, text }) => webviewProblems(path, text)), []);
  });

  it('untrusted workspaces are declared supported (the extension executes nothing)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  });
});
