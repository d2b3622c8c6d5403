/** What a Sidecar resource's egress hosts import (sidecar.go IstioEgressListenerWrapper, selectServices;
 *  virtualservice.go SelectVirtualServices; istio.io/latest/docs/reference/config/networking/sidecar/):
 *  services of the named namespaces and hosts, and VirtualServices whose own namespace is named with a
 *  host that matches one of theirs. A VirtualService kept in another namespace than the service it
 *  routes is not imported by `service-namespace/*` alone. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, workspace } from '../helpers/workspace';
import { BASE, REVIEWS } from './base';

const sidecar = (hosts: string[]) => `---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: default }
spec:
  egress:
  - hosts: [${hosts.map((h) => `"${h}"`).join(', ')}]
`;

/** reviews routed to v2 by a VirtualService kept in namespace `routing`. */
const ROUTING_VS = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: routing }
spec:
  hosts: [reviews.default.svc.cluster.local]
  http:
  - route:
    - destination: { host: reviews.default.svc.cluster.local, subset: v2 }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  subsets:
  - { name: v2, labels: { version: v2 } }
`;

describe('Sidecar egress hosts', () => {
  it('without a Sidecar, the VirtualService of another namespace applies', () => {
    const r = sim(workspace(BASE + ROUTING_VS), `${REVIEWS}/`);
    assert.equal(r.action, 'route');
    assert.equal(r.virtualService?.meta.namespace, 'routing');
  });

  it('`default/*` imports the service but not the VirtualService kept in `routing`: the service\'s default route applies', () => {
    const r = sim(workspace(BASE + ROUTING_VS + sidecar(['default/*'])), `${REVIEWS}/`);
    assert.equal(r.action, 'defaultService');
    assert.ok(!r.destinations[0].subset, 'no subset: the VirtualService did not apply');
  });

  it('naming the VirtualService\'s namespace too (`routing/*`, or `*/reviews…`) imports it', () => {
    for (const hosts of [['default/*', 'routing/*'], ['./*', '*/reviews.default.svc.cluster.local']]) {
      const r = sim(workspace(BASE + ROUTING_VS + sidecar(hosts)), `${REVIEWS}/`);
      assert.equal(r.action, 'route', hosts.join(' '));
      assert.equal(r.destinations[0].subset, 'v2', hosts.join(' '));
    }
  });

  it('a host of the VirtualService must match the egress host: `routing/ratings…` does not import a reviews VirtualService', () => {
    const r = sim(workspace(BASE + ROUTING_VS + sidecar(['default/*', 'routing/ratings.default.svc.cluster.local'])), `${REVIEWS}/`);
    assert.equal(r.action, 'defaultService');
  });

  it('a service of a namespace the egress hosts do not name is not imported: the request passes through', () => {
    const r = sim(workspace(BASE + ROUTING_VS + sidecar(['routing/*'])), `${REVIEWS}/`);
    assert.equal(r.action, 'passthrough');
  });
});
