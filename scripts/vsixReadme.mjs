// The README of the .vsix, the page on the extension's details tab. VS Code renders it in a webview
// whose Content-Security-Policy allows images only from `https:` and `data:` (microsoft/vscode,
// src/vs/workbench/contrib/extensions/browser/extensionEditor.ts, renderBody), and its sanitizer
// drops any other `src` except data images (src/vs/workbench/contrib/markdown/browser/
// markdownDocumentRenderer.ts, sanitize). A relative image, or vsce's default rewrite of it to the
// repository's raw URL, shows nothing offline or before the repository is public: images are put
// in as data URIs, other relative links point at the repository.
import { readFileSync } from 'node:fs';
import { extname, join, posix } from 'node:path';

const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** Markdown links and images: `[text](target)` and `![alt](target)`, outside code spans. */
const LINK = /(!?)\[([^\]]*)\]\(([^)\s]+)\)/g;

/** `root`'s README.md with relative images inlined and relative links made absolute. */
export function vsixReadme(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const repo = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/\.git$/, '');
  if (!repo.startsWith('https://')) throw new Error('package.json needs an https repository URL');
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const fences = text.split(/^(```[^\n]*\n[\s\S]*?^```)/m);
  return fences.map((part, i) => (i % 2 === 1 ? part : part.replace(LINK, (all, bang, label, target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return all;
    const path = posix.normalize(target.split('#')[0]);
    if (bang) {
      const mime = MIME[extname(path).toLowerCase()];
      if (!mime) throw new Error(`README image ${target}: only PNG, JPEG and GIF show on the details tab`);
      return `![${label}](data:${mime};base64,${readFileSync(join(root, path)).toString('base64')})`;
    }
    return `[${label}](${repo}/blob/HEAD/${target})`;
  }))).join('');
}
