/** Edits that change what the configuration means, in the middle of a big file, each sent and then
 *  undone: a destination's subset (v1 → v9, a subset the DestinationRule does not define), a
 *  destination host, a weight, a match value, a new first route (every route after it unreachable),
 *  and a deleted DestinationRule (its subsets gone). Every publish of ours carries the document
 *  version, and a new version is always published: the first publish with the edit's version is the
 *  analysis of that text. */
import type { LspClient } from './client';
import { isAtLeast, isPublishFor } from './diagnostics';

export const MEANING_EDITS = ['subset', 'host', 'weight', 'match', 'route', 'document'] as const;
export type MeaningEdit = (typeof MEANING_EDITS)[number];

/** One open document as the client tracks it: its text and version. */
export interface TrackedDoc {
  uri: string;
  text: string;
  version: number;
}

interface TextChange {
  start: number;
  end: number;
  text: string;
}

function position(text: string, offset: number) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** Applies a change, notifies the server and returns the predicate of the publish for that text. */
export function sendChange(client: LspClient, doc: TrackedDoc, c: TextChange): (n: { method: string; params: any }) => boolean {
  const range = { start: position(doc.text, c.start), end: position(doc.text, c.end) };
  doc.text = doc.text.slice(0, c.start) + c.text + doc.text.slice(c.end);
  const version = ++doc.version;
  client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ range, text: c.text }] });
  return (n) => isPublishFor(n as never, doc.uri) && isAtLeast(n as never, version);
}

/** The VirtualService nearest the middle of the text and its app's DestinationRule: where each edit goes. */
function middleApp(text: string) {
  const vsAt = text.indexOf('kind: VirtualService\n', text.length >> 1);
  const start = text.lastIndexOf('apiVersion:', vsAt);
  const end = text.indexOf('\n---\n', vsAt);
  const name = /\n {2}name: (\S+)\n/.exec(text.slice(vsAt))![1];
  const drKind = text.lastIndexOf(`kind: DestinationRule\nmetadata:\n  name: ${name}\n`, start);
  const drStart = text.lastIndexOf('apiVersion:', drKind);
  const drEnd = text.indexOf('\n---\n', drKind) + '\n---\n'.length;
  return { start, end: end < 0 ? text.length : end, name, drStart, drEnd };
}

/** The change that makes an edit of this kind, and the one that undoes it (computed on the edited text). */
export function meaningChange(kind: MeaningEdit, text: string): { edit: TextChange; undo: (edited: string) => TextChange } {
  const app = middleApp(text);
  const find = (needle: string) => {
    const at = text.indexOf(needle, app.start);
    if (at < 0 || at > app.end) throw new Error(`no "${needle.trim()}" in the VirtualService ${app.name}`);
    return at;
  };
  const replace = (needle: string, by: string): ReturnType<typeof meaningChange> => {
    const at = find(needle);
    return { edit: { start: at, end: at + needle.length, text: by }, undo: () => ({ start: at, end: at + by.length, text: needle }) };
  };
  switch (kind) {
    case 'subset':
      return replace('subset: v1\n', 'subset: v9\n');
    case 'host':
      return replace(`host: ${app.name}\n`, `host: ${app.name}x\n`);
    case 'weight':
      return replace('weight: 90\n', 'weight: 80\n');
    case 'match':
      return replace('prefix: /api/v2\n', 'prefix: /api/v3\n');
    case 'route': {
      const at = find('  http:\n') + '  http:\n'.length;
      const route = `  - route:\n    - destination:\n        host: ${app.name}\n        subset: v1\n`;
      return { edit: { start: at, end: at, text: route }, undo: () => ({ start: at, end: at + route.length, text: '' }) };
    }
    case 'document': {
      const removed = text.slice(app.drStart, app.drEnd);
      return { edit: { start: app.drStart, end: app.drEnd, text: '' }, undo: () => ({ start: app.drStart, end: app.drStart, text: removed }) };
    }
  }
}

/** Sends an edit of `kind`, waits for its publish, undoes it and waits again: two samples (ms). */
export async function editAndUndo(client: LspClient, doc: TrackedDoc, kind: MeaningEdit, timeoutMs: number): Promise<[number, number]> {
  const c = meaningChange(kind, doc.text);
  const times: number[] = [];
  for (const change of [c.edit, undefined]) {
    const t0 = performance.now();
    const test = sendChange(client, doc, change ?? c.undo(doc.text));
    const published = await client.waitFor(test, timeoutMs, `diagnostics after a ${kind} edit`);
    times.push(published.at - t0);
  }
  return [times[0], times[1]];
}
