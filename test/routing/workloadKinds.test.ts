/** Pods described by a controller's pod template: Argo Rollouts (argoproj.io Rollout, spec.template;
 *  argoproj/argo-rollouts docs "Istio" traffic routing: the DestinationRule's canary and stable subsets
 *  select the template's labels), Jobs and ReplicationControllers count as workloads, as Deployments
 *  do (istio/istio pilot/pkg/config/file/store.go generateAnalyzePodFromWorkloadTemplate makes a pod
 *  of a workload's template). A subset selecting them is not IST0173 (destinationrule/podselector.go). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analysis';
import { sim, workspace } from '../helpers/workspace';

const rollout = (apiVersion = 'argoproj.io/v1alpha1') => `
#- file: rollout.yaml
apiVersion: ${apiVersion}
kind: Rollout
metadata: { name: rollouts-demo, namespace: default }
spec:
  replicas: 3
  strategy:
    canary:
      trafficRouting:
        istio:
          virtualService: { name: rollouts-demo, routes: [primary] }
          destinationRule: { name: rollouts-demo, canarySubsetName: canary, stableSubsetName: stable }
  selector: { matchLabels: { app: rollouts-demo } }
  template:
    metadata: { labels: { app: rollouts-demo } }
    spec:
      containers: [{ name: demo, image: argoproj/rollouts-demo:blue, ports: [{ name: http, containerPort: 8080 }] }]
`;

const ROUTING = `
#- file: routing.yaml
apiVersion: v1
kind: Service
metadata: { name: rollouts-demo, namespace: default }
spec:
  selector: { app: rollouts-demo }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: rollouts-demo, namespace: default }
spec:
  host: rollouts-demo
  subsets:
  - name: canary
    labels: { app: rollouts-demo }
  - name: stable
    labels: { app: rollouts-demo }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: rollouts-demo, namespace: default }
spec:
  hosts: [rollouts-demo]
  http:
  - name: primary
    route:
    - { destination: { host: rollouts-demo, subset: stable }, weight: 90 }
    - { destination: { host: rollouts-demo, subset: canary }, weight: 10 }
`;

describe('workloads described by pod templates', () => {
  it("an Argo Rollout's pods are the endpoints of its canary and stable subsets", () => {
    const r = sim(workspace(rollout() + ROUTING), 'http://rollouts-demo.default.svc.cluster.local/');
    assert.equal(r.status, null);
    assert.deepEqual(r.destinations.map((d) => [d.subset, d.endpoints.map((e) => e.pod)]), [['stable', ['default/rollouts-demo']], ['canary', ['default/rollouts-demo']]]);
    assert.deepEqual(r.destinations.map((d) => d.endpoints[0].port), [8080, 8080], 'the named targetPort resolves on the template');
  });

  it('subsets selecting a Rollout are not IST0173', () => {
    // The Pod makes the workspace one that describes its workloads, so that IST0173 is checked.
    const pod = '\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: other, namespace: default, labels: { app: other } }\n';
    const codes = analyze(workspace(rollout() + ROUTING + pod)).map((f) => f.code);
    assert.ok(!codes.includes('IST0173'), codes.join(','));
    // A Rollout of another API group is not Argo's: nothing runs those pods.
    const other = analyze(workspace(rollout('example.com/v1') + ROUTING + pod)).map((f) => f.code);
    assert.ok(other.includes('IST0173'), other.join(','));
  });

  for (const [kind, apiVersion] of [['Job', 'batch/v1'], ['ReplicationController', 'v1']]) {
    it(`a ${kind}'s pod template is a workload`, () => {
      const text = `
#- file: w.yaml
apiVersion: ${apiVersion}
kind: ${kind}
metadata: { name: worker, namespace: default }
spec:
  template:
    metadata: { labels: { app: worker } }
    spec: { containers: [{ name: w, image: busybox }] }
---
apiVersion: v1
kind: Service
metadata: { name: worker, namespace: default }
spec:
  selector: { app: worker }
  ports: [{ name: http, port: 80 }]
`;
      const r = sim(workspace(text), 'http://worker.default.svc.cluster.local/');
      assert.deepEqual(r.destinations[0].endpoints.map((e) => e.pod), ['default/worker']);
    });
  }
});
