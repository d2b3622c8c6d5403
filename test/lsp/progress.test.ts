/** The work-done progress of the first folder scan, through a real LSP connection to dist/server.js:
 *  it begins, reports how many files it analyses (in words a person reads: "1 file", "2 files") and
 *  ends once the first diagnostics are out. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LspClient } from './client';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const CASE5 = readFileSync('examples/hello/case5.yaml', 'utf8');

interface Progress { kind: 'begin' | 'report' | 'end'; title?: string; message?: string }

/** Starts a server on the files with a client that accepts work-done progress, and returns the
 *  progress messages once the progress has ended. */
async function progressOf(files: Record<string, string>): Promise<Progress[]> {
  const c = await LspClient.start(files);
  const seen: Progress[] = [];
  try {
    c.connection.onRequest('window/workDoneProgress/create', () => null);
    c.connection.onNotification('$/progress', (p: { value: Progress }) => void seen.push(p.value));
    await c.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: c.root, workspaceFolders: [{ uri: c.root, name: 'ws' }],
      capabilities: { window: { workDoneProgress: true } },
    });
    await c.connection.sendNotification('initialized', {});
    await c.waitFor(() => seen.some((p) => p.kind === 'end'));
    return seen;
  } finally {
    await c.stop();
  }
}

describe('indexing progress', () => {
  it('says "analysing 1 file" for a workspace of one file', async () => {
    const seen = await progressOf({ 'case5.yaml': CASE5 });
    assert.equal(seen[0].kind, 'begin');
    assert.equal(seen[0].title, 'Istio Lens: indexing the workspace');
    assert.deepEqual(seen.filter((p) => p.kind === 'report').map((p) => p.message), ['analysing 1 file']);
  });

  it('says "analysing 2 files" for two', async () => {
    const seen = await progressOf({ 'workload.yaml': WORKLOAD, 'case5.yaml': CASE5 });
    assert.deepEqual(seen.filter((p) => p.kind === 'report').map((p) => p.message), ['analysing 2 files']);
  });
});
