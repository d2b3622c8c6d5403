/** The editor features for Gateway API routes through a real LSP connection to dist/server.js:
 *  completion and navigation of parentRefs, hover previews, the Simulate lens on HTTPRoute rules and
 *  the editor ranges of a simulation decided by an HTTPRoute rule. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Location } from 'vscode-languageserver/node';
import { LspClient, positionOf } from './client';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const INGRESS = readFileSync('examples/gateway-api/ingress/gateway.yaml', 'utf8');

describe('Gateway API routes in the language server', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ 'workload.yaml': WORKLOAD, 'gateway.yaml': INGRESS });
    await c.initialize();
  });
  after(async () => c.stop());

  it('completes the listener names of the Gateway a parentRef names', async () => {
    const text = INGRESS.replace('  - name: hello-gw\n', '  - name: hello-gw\n    sectionName: \n');
    c.open('gateway.yaml', text);
    try {
      const pos = positionOf(text, '    sectionName: \n', '    sectionName: '.length);
      const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: c.uri('gateway.yaml') }, position: pos });
      assert.deepEqual(list.items.map((i) => i.label), ['http']);
    } finally {
      c.change('gateway.yaml', INGRESS);
    }
  });

  it('goes from a parentRef to its Gateway', async () => {
    const locs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: c.uri('gateway.yaml') }, position: positionOf(INGRESS, '  - name: hello-gw', 10) });
    assert.deepEqual(locs.map((l) => [l.uri, l.range.start]), [[c.uri('gateway.yaml'), positionOf(INGRESS, '  name: hello-gw', 8)]]);
  });
});
