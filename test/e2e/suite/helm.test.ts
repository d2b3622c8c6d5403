/// <reference types="mocha" />
// A Helm chart in the workspace is never a silent pass: the status item says how many of its
// templates were skipped, and its tooltip gives the command that checks them rendered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IstioLensApi } from '../../../client/src/extension';
import { activeApi, waitFor, workspaceFile } from './util';

const CHART = 'apiVersion: v2\nname: shop\nversion: 0.1.0\n';
const TEMPLATE = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  host: {{ .Values.name }}\n';

describe('Helm charts in the status item', () => {
  let api: IstioLensApi;
  const chart = () => workspaceFile('shop');

  before(async function () {
    this.timeout(120000);
    api = await activeApi();
  });

  after(async () => {
    await vscode.workspace.fs.delete(chart(), { recursive: true });
    await waitFor('the status item without the chart', () => !/Helm/.test(api.statusText()) && api.statusText());
  });

  it('says how many templates were skipped and how to check them', async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(chart(), 'Chart.yaml'), Buffer.from(CHART));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(chart(), 'templates/dr.yaml'), Buffer.from(TEMPLATE));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(chart(), 'templates/svc.yaml'), Buffer.from(TEMPLATE.replace('DestinationRule', 'ServiceEntry')));
    const text = await waitFor('the skipped templates in the status item', () => /, 2 Helm templates skipped$/.test(api.statusText()) && api.statusText());
    assert.match(text, /^\$\(pass\) Istio: \d+ resources, 2 Helm templates skipped$/);
    assert.match(api.statusTooltip(), /2 Helm templates in shop are not checked .*Check them rendered: helm template shop \| istio-lens check -$/s);
  });
});
