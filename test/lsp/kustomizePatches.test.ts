/** Kustomize patches in the editor: a file a kustomization lists under `patchesStrategicMerge`
 *  (sigs.k8s.io/kustomize api/types/kustomization.go) is a fragment, not a resource, and gets no
 *  resource diagnostics; once no kustomization lists it, it is a resource again. */
import { after, before, describe, it } from 'node:test';
import { LspClient } from './client';

const VS = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n';
const DR = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n';
const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports: [{name: http, port: 80}]\n';
/** Changes the subset to one the DestinationRule does not define: IST0101 if read as a resource. */
const PATCH = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n';
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../base\npatchesStrategicMerge:\n- vs-patch.yaml\n';

describe('kustomize patches in the editor', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({
      'base/kustomization.yaml': 'resources: [vs.yaml, dr.yaml, svc.yaml]\n', 'base/vs.yaml': VS, 'base/dr.yaml': DR, 'base/svc.yaml': SVC,
      'prod/kustomization.yaml': KUSTOMIZATION, 'prod/vs-patch.yaml': PATCH,
    });
    await c.initialize();
  });
  after(async () => c.stop());

  it('a listed patch gets no diagnostics; unlisted, it is checked as a resource', async () => {
    c.open('prod/vs-patch.yaml', PATCH);
    await c.waitForDiagnostics(c.uri('prod/vs-patch.yaml'), (d) => d.length === 0);
    c.open('prod/kustomization.yaml', KUSTOMIZATION);
    c.change('prod/kustomization.yaml', KUSTOMIZATION.replace('patchesStrategicMerge:\n- vs-patch.yaml\n', ''));
    await c.waitForDiagnostics(c.uri('prod/vs-patch.yaml'), (d) => d.some((x) => x.code === 'IST0101'));
  });
});
