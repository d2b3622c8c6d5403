/** The hover on a Gateway API Gateway's name: the conditions Istio would write on it and on each
 *  listener, with the routes attached there (istio/istio pilot/pkg/config/kube/gateway/conversion.go
 *  reportGatewayStatus, buildListener; gatewaycommon/conversion.go ReportListenerConflict). */
import { gatewayStatus, type Condition, type KubernetesGateway } from '../gatewayapi';
import type { Snapshot } from '../workspace/snapshot';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function conditionText(type: string, c: Condition): string {
  // Conflicted is a problem when True; the others when False.
  const bad = type === 'Conflicted' ? c.status : !c.status;
  return `${bad ? '⚠ ' : ''}${type}=${c.status ? 'True' : 'False'} ${c.reason}`;
}

export function gatewayStatusPreview(snap: Snapshot, gw: KubernetesGateway): string {
  const st = gatewayStatus(snap, gw);
  const title = `**Gateway ${gw.meta.namespace}/${gw.meta.name}** (class \`${gw.gatewayClassName}\`)`;
  if (!st) return `${title}\n\n⚠ Istio does not program this class: it writes no status and no proxy routes for it`;
  const lines = [title, '', `Status as Istio would write it: ${st.conditions.map((c) => `${conditionText(c.type, c.condition)}${c.condition.reason === 'Accepted' || c.condition.reason === 'ResolvedRefs' ? '' : ` (${c.condition.message})`}`).join(', ')}`, ''];
  lines.push('| listener | port | protocol | hostname | conditions | attached routes |', '| --- | --- | --- | --- | --- | --- |');
  for (const l of st.listeners) {
    const problems = l.conditions.filter((c) => (c.type === 'Conflicted' ? c.condition.status : !c.condition.status));
    const text = problems.length ? problems.map((c) => `${conditionText(c.type, c.condition)}: ${c.condition.message}`).join('; ') : 'Accepted, Programmed, ResolvedRefs';
    lines.push(`| \`${cell(l.listener.name)}\` | ${l.listener.port ?? '?'} | ${cell(l.listener.protocol)} | ${cell(l.listener.hostname ?? '*')} | ${cell(text)} | ${l.attachedRoutes} |`);
  }
  return lines.join('\n');
}
