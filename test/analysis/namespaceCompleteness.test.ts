/** When is a missing Service reported? istioctl analyze --use-kube=false skips the checks that need
 *  Services and Pods altogether (istio/istio pkg/config/analysis/local/istiod_analyze.go removes
 *  kuberesource.DefaultExcludedSchemas); we check a `name.ns.svc` host when the files describe the
 *  in-cluster workloads of `ns` (a Service, a Pod or a pod template there), never because of a
 *  ServiceEntry alone (docs/workspace.md). Mirrors Bookinfo's samples/bookinfo/networking folder:
 *  destination-rule-all.yaml, virtual-service-all-v1.yaml and egress-rule-google-apis.yaml. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { workspace } from '../helpers/workspace';

const apps = ['productpage', 'reviews', 'ratings', 'details'];

const NETWORKING = apps.map((a) => `
#- file: networking/${a}.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${a} }
spec:
  hosts: [${a}]
  http:
  - route: [{ destination: { host: ${a}, subset: v1 } }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${a} }
spec:
  host: ${a}
  subsets: [{ name: v1, labels: { version: v1 } }]
`).join('');

const EGRESS = `
#- file: networking/egress-rule-google-apis.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: googleapis }
spec:
  hosts: [www.googleapis.com]
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  resolution: DNS
  location: MESH_EXTERNAL
`;

const codes = (text: string) => analyze(workspace(text)).filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.resource.kind}/${f.resource.name}`);

describe('which namespaces the files describe', () => {
  it("Bookinfo's networking folder is clean, with or without its egress ServiceEntry", () => {
    assert.deepEqual(codes(NETWORKING), []);
    assert.deepEqual(codes(NETWORKING + EGRESS), []);
  });

  it('a Service or a workload in the namespace makes its missing Services reported', () => {
    const service = `
#- file: platform/productpage.yaml
apiVersion: v1
kind: Service
metadata: { name: productpage }
spec: { selector: { app: productpage }, ports: [{ name: http, port: 9080 }] }
`;
    const found = codes(NETWORKING + EGRESS + service);
    for (const a of ['reviews', 'ratings', 'details']) {
      assert.ok(found.includes(`IST0101 VirtualService/${a}`), found.join('\n'));
      assert.ok(found.includes(`IST0174 DestinationRule/${a}`), found.join('\n'));
    }
    const deployment = `
#- file: platform/worker.yaml
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker }
spec: { template: { metadata: { labels: { app: worker } }, spec: { containers: [{ name: w, image: busybox }] } } }
`;
    assert.ok(codes(NETWORKING + EGRESS + deployment).includes('IST0101 VirtualService/reviews'));
  });
});
