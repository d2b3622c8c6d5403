/// <reference types="mocha" />
// The Simulate lens above an HTTPRoute rule in a real VS Code: the lens's command runs the request
// through the Gateway the route attached to, and the result is drawn after that rule.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IstioLensApi } from '../../../client/src/extension';
import { EXTENSION_ID, positionOf, waitFor, workspaceFile } from './util';

const INGRESS = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: hello-gw, namespace: default}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: hello.example.com}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: hello-ingress, namespace: default}
spec:
  parentRefs: [{name: hello-gw}]
  hostnames: [hello.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /v2}}]
    backendRefs: [{name: svc-hello-v2, port: 8080}]
  - backendRefs: [{name: svc-hello-v1, port: 8080}]
`;

describe('Simulate lens on an HTTPRoute rule', () => {
  const uri = () => workspaceFile('zz-gateway-api-ingress.yaml');
  let api: IstioLensApi;

  before(async function () {
    this.timeout(120000);
    await vscode.workspace.fs.writeFile(uri(), Buffer.from(INGRESS));
    const ext = vscode.extensions.getExtension<IstioLensApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.ready;
  });

  after(async () => {
    await vscode.workspace.fs.delete(uri());
  });

  it('runs the rule\'s request through the Gateway and shows the result after that rule', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
    const ruleLine = positionOf(doc, '  - matches:').line;
    const lens = await waitFor('the Simulate lens of the first rule', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return lenses.find((l) => l.command?.title === '▶ Simulate' && l.range.start.line === ruleLine);
    }, 60000);
    assert.equal(lens.command!.command, 'istioLens.simulate');
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    const shown = await waitFor('the inline result', () => (api.simulation().inlineText ? api.simulation() : undefined));
    assert.equal(shown.uri, doc.uri.toString());
    assert.equal(shown.line, ruleLine, 'the result is drawn after the rule that decided');
    assert.match(shown.inlineText ?? '', /svc-hello-v2:8080 100%/);
  });
});
