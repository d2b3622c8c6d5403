/** Case 5 of examples/hello (examples/hello/case5.yaml) written in an empty file
 *  next to the seed workload, taking every host, subset and label — and the kinds, apiVersions and
 *  the keys marked «…» — from completion. The finished file routes 90/10 as the article shows. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/ide/completion';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { shares, sim } from '../helpers/workspace';

const WORKLOAD = readFileSync('examples/hello/workload.yaml', 'utf8');
const FQDN = 'svc-hello.default.svc.cluster.local';

/** «x» is inserted by completion (the item whose text, without snippet stops, is x); the rest is typed. */
const TEMPLATE = `apiVersion: «networking.istio.io/v1alpha3»
kind: «DestinationRule»
metadata:
  name: dr-hello
spec:
  host: «${FQDN}»
  subsets:
  - name: v1
    labels:
      «version: »«v1»
  - name: v2
    labels:
      «version: »«v2»
---
apiVersion: «networking.istio.io/v1alpha3»
kind: «VirtualService»
metadata:
  name: vs-hello
spec:
  hosts:
  - «${FQDN}»
  http:
  - route:
    - destination:
        host: «${FQDN}»
        «subset: »«v1»
      weight: 90
    - destination:
        host: «${FQDN}»
        subset: «v2»
      weight: 10
`;

function write(template: string): { text: string; completed: string[] } {
  let text = '';
  const completed: string[] = [];
  for (const part of template.split(/(«[^»]*»)/)) {
    if (!part.startsWith('«')) {
      text += part;
      continue;
    }
    const want = part.slice(1, -1);
    const snap = buildSnapshot([['workload.yaml', WORKLOAD], ['case5.yaml', text]]);
    const items = complete(snap, text, text.length);
    const hit = items.find((i) => i.insertText.replace(/\$0$/, '') === want);
    assert.ok(hit, `completion at ${JSON.stringify(text.slice(-40))} offers ${JSON.stringify(want)}; got ${JSON.stringify(items.map((i) => i.insertText).slice(0, 10))}`);
    text = text.slice(0, hit.replace.start) + want + text.slice(hit.replace.end);
    completed.push(want);
  }
  return { text, completed };
}

describe('writing the seed\'s case 5 with completion', () => {
  it('completes every host, subset and label, and the result routes 90/10 to the two hello pods', () => {
    const { text, completed } = write(TEMPLATE);
    assert.equal(completed.filter((c) => c === FQDN).length, 4);
    assert.deepEqual(completed.filter((c) => /^v[12]$/.test(c)), ['v1', 'v2', 'v1', 'v2']);
    const snap = buildSnapshot([['workload.yaml', WORKLOAD], ['case5.yaml', text]]);
    const res = sim(snap, { url: `http://${FQDN}:8080/`, source: { namespace: 'default', labels: { app: 'httpbin' } } });
    assert.equal(res.virtualService?.meta.name, 'vs-hello');
    assert.deepEqual(shares(res), { [`${FQDN}/v1:8080`]: 90, [`${FQDN}/v2:8080`]: 10 });
    assert.deepEqual(res.destinations.map((d) => d.endpoints.map((e) => e.pod)), [['default/hello-server-v1'], ['default/hello-server-v2']]);
  });
});
