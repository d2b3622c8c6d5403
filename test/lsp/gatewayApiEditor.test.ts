/** The editor features for Gateway API routes through a real LSP connection to dist/server.js:
 *  completion and navigation of parentRefs, hover previews, the Simulate lens on HTTPRoute rules and
 *  the editor ranges of a simulation decided by an HTTPRoute rule. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover, Location } from 'vscode-languageserver/node';
import type { SimulateResult } from '../../server/src/protocol/simulate';
import { LspClient, positionOf } from './client';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const INGRESS = readFileSync('examples/gateway-api/ingress/gateway.yaml', 'utf8');
const GAMMA = readFileSync('examples/gateway-api/case3/httproute.yaml', 'utf8');

describe('Gateway API routes in the language server', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ 'workload.yaml': WORKLOAD, 'gateway.yaml': INGRESS, 'gamma.yaml': GAMMA });
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

  it('completes the port names and numbers of the Service a GAMMA parentRef names', async () => {
    const text = GAMMA.replace('    port: 8080\n  rules:', '    sectionName: \n  rules:');
    c.open('gamma.yaml', text);
    try {
      const pos = positionOf(text, '    sectionName: \n', '    sectionName: '.length);
      const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: c.uri('gamma.yaml') }, position: pos });
      assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [['http', 'port 8080 (HTTP) of Service default/svc-hello']]);
      const portText = GAMMA.replace('    port: 8080\n  rules:', '    port: \n  rules:');
      c.change('gamma.yaml', portText);
      const at = positionOf(portText, '    port: \n  rules:', '    port: '.length);
      const ports = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: c.uri('gamma.yaml') }, position: at });
      assert.deepEqual(ports.items.map((i) => i.label), ['8080']);
    } finally {
      c.change('gamma.yaml', GAMMA);
    }
  });

  it('hovers a GAMMA parentRef with the Service host and port the route applies to', async () => {
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: c.uri('gamma.yaml') }, position: positionOf(GAMMA, '    name: svc-hello', 10) });
    assert.equal((h.contents as { value: string }).value, 'Service default/svc-hello port 8080: attached for the mesh: sidecar traffic to `svc-hello.default.svc.cluster.local` port 8080 http');
  });

  it('goes from a parentRef to its Gateway', async () => {
    const locs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: c.uri('gateway.yaml') }, position: positionOf(INGRESS, '  - name: hello-gw', 10) });
    assert.deepEqual(locs.map((l) => [l.uri, l.range.start]), [[c.uri('gateway.yaml'), positionOf(INGRESS, '  name: hello-gw', 8)]]);
  });

  it('places a Simulate lens above each HTTPRoute rule, whose request the rule decides, with its ranges', async () => {
    const lenses = await c.request<{ range: { start: { line: number } }; data: unknown }[]>('textDocument/codeLens', { textDocument: { uri: c.uri('gateway.yaml') } });
    const resolved = await Promise.all(lenses.map((l) => c.request<{ range: { start: { line: number } }; command: { title: string; command: string; arguments?: { commandLine: string }[] } }>('codeLens/resolve', l)));
    const simulateLenses = resolved.filter((l) => l.command.command === 'istioLens.simulate');
    assert.deepEqual(simulateLenses.map((l) => l.command.title), ['▶ Simulate', '▶ Simulate', '▶ Simulate']);
    const first = simulateLenses[0];
    assert.equal(first.range.start.line, positionOf(INGRESS, '  - matches:').line);
    const r = await c.request<SimulateResult>('istioLens/simulate', { uri: c.uri('gateway.yaml'), commandLine: first.command.arguments![0].commandLine });
    assert.deepEqual(r.route, { kind: 'HTTPRoute', namespace: 'default', name: 'hello-ingress', file: c.uri('gateway.yaml'), line: first.range.start.line + 1 });
    assert.equal(r.locations.route?.range.start.line, first.range.start.line);
    assert.equal(r.locations.match?.range.start.line, positionOf(INGRESS, '    - path:').line);
    assert.deepEqual(r.locations.destinations.map((d) => d?.range.start.line), [positionOf(INGRESS, '    - name: svc-hello-v2').line]);
  });

  it('prefills a command line for the HTTPRoute rule under the cursor', async () => {
    const r = await c.request<{ commandLine: string; route: unknown }>('istioLens/simulateCommandLine', { uri: c.uri('gateway.yaml'), position: positionOf(INGRESS, 'replaceFullPath: /v2', 3) });
    assert.equal(r.commandLine, 'GET http://hello.example.com/old --gateway default/hello-gw');
    assert.deepEqual(r.route, { kind: 'HTTPRoute', namespace: 'default', name: 'hello-ingress', ruleIndex: 1 });
  });

  it('hovers an HTTPRoute name with the listener it attached to and its rules', async () => {
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: c.uri('gateway.yaml') }, position: positionOf(INGRESS, 'name: hello-ingress', 8) });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /attached to listener `http`/);
    assert.match(md, /\| rules\[0\] \| \/v2\* \| route \| `svc-hello-v2:8080` \| 100% \| hello-server-v2 \|/);
  });
});
