/// <reference types="mocha" />
// Runs first (files load in name order): before any YAML file is opened, a workspace with YAML
// activates the extension, the server indexes the folder in the background, and the status item
// and the Testing view's routing tests are there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IstioLensApi } from '../../../client/src/extension';
import { EXTENSION_ID, waitFor, workspaceFile } from './util';

// A routing test file written to the folder before the extension is asked anything.
const TEST = `apiVersion: lens.istio-lens.dev/v1alpha1
kind: RoutingTest
metadata:
  name: starts-with-the-folder
spec:
  cases:
  - name: svc-hello answers
    request:
      url: http://svc-hello.default.svc.cluster.local:8080/
    expect:
      action: route
`;

describe('starting with the folder', () => {
  const testFile = () => workspaceFile('start.test.yaml');
  after(async () => vscode.workspace.fs.delete(testFile()));

  it('activates on a workspace with YAML, with no YAML file open', async function () {
    this.timeout(120000);
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.languageId === 'yaml').map((d) => d.uri.toString()), [], 'no YAML document is open');
    const ext = vscode.extensions.getExtension<IstioLensApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    // `activationEvents` decide: a test host activates nothing else by itself.
    const api = await waitFor('activation without an open YAML file', () => ext.isActive && ext.exports, 60000);
    await api.ready;
    await waitFor('the status item with the indexed folder', () => api.statusText().includes('Istio: 8 resources'), 60000);
    await vscode.workspace.fs.writeFile(testFile(), Buffer.from(TEST));
    await waitFor('the routing test in the Testing view', () => api.testItems().some((f) => f.children.some((c) => c.label === 'svc-hello answers')), 60000);
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.languageId === 'yaml' && !d.isClosed && d.uri.path.endsWith('.yaml') && d.uri.scheme === 'file').length, 0, 'still no YAML document was opened');
  });
});
