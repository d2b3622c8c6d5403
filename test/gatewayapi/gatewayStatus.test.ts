/** The status Istio would write on a Gateway and its listeners (istio/istio
 *  pilot/pkg/config/kube/gateway/conversion.go reportGatewayStatus, buildListener,
 *  listenerProtocolToIstio; pilot/pkg/config/kube/gatewaycommon/conversion.go ReportListenerConflict,
 *  ReportListenerCondition; route_collections.go gatewayRouteAttachmentCountCollection). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatewayStatus } from '../../server/src/core/gatewayapi/gatewayStatus';
import { hover } from '../../server/src/core/ide/hover';
import type { Snapshot } from '../../server/src/core/workspace/snapshot';
import { workspace } from '../helpers/workspace';
import { gateway, httpRoute, service } from './helpers';

const ALL = 'allowedRoutes: {namespaces: {from: All}}';

function statusOf(snap: Snapshot) {
  const st = gatewayStatus(snap, snap.kubernetesGateways().get('infra/gw')!)!;
  const cond = (list: typeof st.conditions, type: string) => {
    const c = list.find((x) => x.type === type)?.condition;
    return c ? `${c.status} ${c.reason}` : 'none';
  };
  return {
    gateway: `${cond(st.conditions, 'Accepted')}: ${st.conditions[0].condition.message}`,
    listeners: Object.fromEntries(st.listeners.map((l) => [l.listener.name, { accepted: cond(l.conditions, 'Accepted'), conflicted: cond(l.conditions, 'Conflicted'), resolvedRefs: cond(l.conditions, 'ResolvedRefs'), attached: l.attachedRoutes }])),
    message: (listener: string, type: string) => st.listeners.find((l) => l.listener.name === listener)?.conditions.find((c) => c.type === type)?.condition.message,
  };
}

describe('Gateway and listener conditions (conversion.go reportGatewayStatus, buildListener; gatewaycommon/conversion.go ReportListenerConflict)', () => {
  const listeners = [
    `{name: http, port: 80, protocol: HTTP, ${ALL}}`,
    `{name: again, port: 80, protocol: HTTP, ${ALL}}`,
    '{name: dns, port: 53, protocol: UDP}',
    `{name: lower, port: 81, protocol: http, ${ALL}}`,
    `{name: kinds, port: 8080, protocol: HTTP, allowedRoutes: {kinds: [{kind: TCPRoute}, {kind: HTTPRoute}], namespaces: {from: All}}}`,
  ];

  it('each listener: a conflict (the later one), an unsupported protocol (with the upper-case hint), invalid route kinds; the Gateway stays Accepted with ListenersNotValid', () => {
    const s = statusOf(workspace(gateway(...listeners)));
    assert.equal(s.gateway, 'true ListenersNotValid: One or more of the Gateway\'s listeners are invalid');
    assert.deepEqual(s.listeners, {
      http: { accepted: 'true Accepted', conflicted: 'false NoConflicts', resolvedRefs: 'true ResolvedRefs', attached: 0 },
      again: { accepted: 'false HostnameConflict', conflicted: 'true HostnameConflict', resolvedRefs: 'none', attached: 0 },
      dns: { accepted: 'false UnsupportedProtocol', conflicted: 'false NoConflicts', resolvedRefs: 'true ResolvedRefs', attached: 0 },
      lower: { accepted: 'false UnsupportedProtocol', conflicted: 'false NoConflicts', resolvedRefs: 'true ResolvedRefs', attached: 0 },
      kinds: { accepted: 'true Accepted', conflicted: 'false NoConflicts', resolvedRefs: 'false InvalidRouteKinds', attached: 0 },
    });
    assert.equal(s.message('dns', 'Accepted'), 'protocol "UDP" is unsupported');
    assert.equal(s.message('lower', 'Accepted'), 'protocol "http" is unsupported. hint: "HTTP" (uppercase) may be supported');
    assert.equal(s.message('again', 'Conflicted'), 'Listener has a conflict with another listener attached to the same Gateway');
  });

  it('no valid listener: Accepted=False ListenersNotValid; all valid: Accepted=True Accepted', () => {
    assert.equal(statusOf(workspace(gateway('{name: dns, port: 53, protocol: UDP}'))).gateway, 'false ListenersNotValid: None of the Gateway\'s listeners are valid');
    assert.equal(statusOf(workspace(gateway())).gateway, 'true Accepted: Resource accepted');
  });

  it('attachedRoutes counts each route accepted on the listener once, not the denied ones', () => {
    const twice = httpRoute('twice', '  rules: [{backendRefs: [{name: a, port: 80}]}]').replace('parentRefs: [{name: gw, namespace: infra}]', 'parentRefs: [{name: gw, namespace: infra}, {name: gw, namespace: infra, sectionName: http}]');
    const denied = httpRoute('denied', '  rules: [{backendRefs: [{name: a, port: 80}]}]').replace('namespace: infra}', 'namespace: infra, port: 9999}');
    const s = statusOf(workspace(gateway(`{name: http, port: 80, protocol: HTTP, ${ALL}}`, `{name: other, port: 8080, protocol: HTTP, ${ALL}}`) + service('a')
      + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]') + twice + denied));
    assert.deepEqual([s.listeners.http.attached, s.listeners.other.attached], [2, 2]);
  });

  it('a Gateway of a class Istio does not program gets no status', () => {
    const snap = workspace(gateway().replace('gatewayClassName: istio', 'gatewayClassName: other'));
    assert.equal(gatewayStatus(snap, snap.kubernetesGateways().get('infra/gw')!), undefined);
  });

  it('the hover on the Gateway\'s name shows the conditions and the routes attached to each listener', () => {
    const text = gateway(`{name: http, port: 80, protocol: HTTP, ${ALL}}`, `{name: again, port: 80, protocol: HTTP, ${ALL}}`) + service('a') + httpRoute('r', '  rules: [{backendRefs: [{name: a, port: 80}]}]');
    const snap = workspace(text);
    const md = hover(snap, 'fixture.yaml', text.indexOf('name: gw') + 6)?.contents ?? '';
    assert.match(md, /Accepted=True ListenersNotValid/);
    assert.match(md, /\| `http` \| 80 \| HTTP \| \* \| Accepted, Programmed, ResolvedRefs \| 1 \|/);
    assert.match(md, /\| `again` \| 80 \| HTTP \| \* \| ⚠ Accepted=False HostnameConflict: .*⚠ Conflicted=True HostnameConflict.* \| 0 \|/);
  });
});
