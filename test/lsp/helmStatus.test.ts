/** A Helm chart in the editor is never a silent pass: the status notification (which the status item
 *  shows) counts the chart templates that are not checked and gives the command that checks them
 *  rendered, as the CLI's summary does. Through a real LSP connection to dist/server.js. */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol/routingTests';
import { LspClient } from './client';

const CHART = 'apiVersion: v2\nname: shop\nversion: 0.1.0\n';
// A name only the values give, and a misspelled TLS mode: markup where YAML structure goes.
const TEMPLATE = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  host: {{ .Values.name }}\n  trafficPolicy: {tls: {mode: SIMPEL}}\n';
const PLAIN = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n';

async function lastStatus(files: Record<string, string>): Promise<StatusParams> {
  const c = await LspClient.start(files);
  const statuses: StatusParams[] = [];
  try {
    c.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => void statuses.push(p));
    await c.initialize();
    await c.waitFor(() => statuses.some((s) => s.files === Object.keys(files).length));
    return statuses.find((s) => s.files === Object.keys(files).length)!;
  } finally {
    await c.stop();
  }
}

describe('Helm charts in the status', () => {
  it('counts the templates of a chart that are not checked, with the command that checks them', async () => {
    const s = await lastStatus({
      'charts/shop/Chart.yaml': CHART, 'charts/shop/templates/dr.yaml': TEMPLATE, 'charts/shop/templates/sub/dr2.yaml': TEMPLATE,
      // No markup where YAML structure goes: an ordinary resource, checked.
      'charts/shop/templates/vs.yaml': PLAIN,
      'charts/web app/Chart.yaml': CHART, 'charts/web app/templates/dr.yaml': TEMPLATE,
    });
    assert.deepEqual(s.helm, { templates: 3, charts: ['charts/shop', 'charts/web app'], command: 'helm template charts/shop | istio-lens check -' });
  });

  it('names a chart at the workspace root "."; quotes a path a shell would split', async () => {
    assert.deepEqual((await lastStatus({ 'Chart.yaml': CHART, 'templates/dr.yaml': TEMPLATE })).helm,
      { templates: 1, charts: ['.'], command: 'helm template . | istio-lens check -' });
    assert.equal((await lastStatus({ 'web app/Chart.yaml': CHART, 'web app/templates/dr.yaml': TEMPLATE })).helm?.command,
      "helm template 'web app' | istio-lens check -");
  });

  it('says nothing of templates outside a chart, or of a chart whose templates are all plain YAML', async () => {
    const s = await lastStatus({ 'templates/dr.yaml': TEMPLATE, 'shop/Chart.yaml': CHART, 'shop/templates/vs.yaml': PLAIN });
    assert.equal(s.helm, undefined);
  });

  it('forgets a chart whose folder is deleted (one event for the folder, none for its files)', async () => {
    const c = await LspClient.start({ 'vs.yaml': PLAIN, 'shop/Chart.yaml': CHART, 'shop/templates/dr.yaml': TEMPLATE });
    const statuses: StatusParams[] = [];
    try {
      c.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => void statuses.push(p));
      await c.initialize();
      await c.waitFor(() => statuses.some((s) => s.helm?.templates === 1));
      rmSync(new URL(c.uri('shop')), { recursive: true });
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('shop'), type: 3 }] });
      await c.waitFor(() => statuses.at(-1)!.files === 1);
      assert.equal(statuses.at(-1)!.helm, undefined);
    } finally {
      await c.stop();
    }
  });
});
