import * as vscode from 'vscode';
import type { IstioLensApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'istio-lens.istio-lens';

/** Polls until fn returns a truthy value (diagnostics, server answers): wait for values, never sleep blindly. */
export async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 25000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the examples/hello workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The 0-based position of the n-th occurrence of `needle` in the document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

/** Replaces the whole text of an open document, unsaved: the server sees the editor's text. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${doc.uri.path}`);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export function completionLabels(list: vscode.CompletionList): string[] {
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** The extension's API once it is active and its language server is running. */
export async function activeApi(): Promise<IstioLensApi> {
  const ext = vscode.extensions.getExtension<IstioLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await waitFor('activation', () => ext.isActive && ext.exports);
  await api.ready;
  return api;
}
