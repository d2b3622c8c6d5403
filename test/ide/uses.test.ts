/** Where routes use a Service, read from the route model: each destination with the share the engine
 *  gives it (istio/istio pilot/pkg/networking/core/route/route.go applyHTTPRouteDestination), and each
 *  mirror at the field it is written in (`mirror`, lowered first, then `mirrors`; route.go
 *  TranslateRoute reads both). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { destinationUses } from '../../server/src/core/ide/uses';
import { workspace } from '../helpers/workspace';

const snap = workspace(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - {destination: {host: web}, weight: 3}
    - {destination: {host: shadow}, weight: 1}
    mirror: {host: shadow}
    mirrors:
    - destination: {host: other}
    - destination: {host: shadow, subset: v2}
  tcp:
  - route: [{destination: {host: shadow, port: {number: 9000}}}]
`);

describe('destinationUses', () => {
  it('lists destinations with their shares and mirrors at the field they are written in', () => {
    const uses = destinationUses(snap, 'shadow.shop.svc.cluster.local').map((u) => [u.protocol, u.share, u.mirror, u.subset ?? null, u.path.join('.')]);
    assert.deepEqual(uses, [
      ['http', 25, false, null, 'spec.http.0.route.1.destination'],
      ['http', 0, true, null, 'spec.http.0.mirror'],
      ['http', 0, true, 'v2', 'spec.http.0.mirrors.1.destination'],
      ['tcp', 100, false, null, 'spec.tcp.0.route.0.destination'],
    ]);
  });
});
