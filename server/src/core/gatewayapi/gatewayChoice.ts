/** Which Gateway `--gateway` names: an Istio Gateway (networking.istio.io) or a Gateway API Gateway
 *  (gateway.networking.k8s.io). A group prefix chooses; without one, the name is looked up in both,
 *  and when both exist the Istio Gateway is used and the trace says how to choose the other. */
import type { Snapshot } from '../workspace/snapshot';
import { GATEWAY_API_GROUP, type KubernetesGateway } from './types';

export type GatewayChoice =
  | { kind: 'istio'; name: string; note?: string }
  | { kind: 'kubernetes'; name: string; gateway: KubernetesGateway };

const ISTIO_PREFIX = 'networking.istio.io/';
const K8S_PREFIX = `${GATEWAY_API_GROUP}/`;

export function chooseGateway(snap: Snapshot, requested: string, defaultNamespace: string): GatewayChoice {
  const group = requested.startsWith(K8S_PREFIX) ? 'k8s' : requested.startsWith(ISTIO_PREFIX) ? 'istio' : undefined;
  const rest = group === 'k8s' ? requested.slice(K8S_PREFIX.length) : group === 'istio' ? requested.slice(ISTIO_PREFIX.length) : requested;
  const name = rest.includes('/') ? rest : `${defaultNamespace}/${rest}`;
  const kube = snap.kubernetesGateways().get(name);
  if (group === 'istio' || !kube) return { kind: 'istio', name };
  if (group === 'k8s') return { kind: 'kubernetes', name, gateway: kube };
  const [ns, n] = name.split('/', 2);
  if (snap.gateways.some((g) => g.meta.namespace === ns && g.meta.name === n)) {
    return { kind: 'istio', name, note: `both an Istio Gateway and a Gateway API Gateway are named ${name}: the Istio Gateway is used; name the other with --gateway ${K8S_PREFIX}${name} (or this one with ${ISTIO_PREFIX}${name})` };
  }
  return { kind: 'kubernetes', name, gateway: kube };
}
