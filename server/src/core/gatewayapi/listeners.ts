/** Questions about a Gateway API Gateway's listeners that do not need the rest of the workspace. */
import type { KubernetesGateway } from './types';

/** The listener hostnames of a Gateway, or undefined when some listener has none (or there is no
 *  listener): then it accepts every host, as istioctl analyze virtualservice/gateways.go reads it. */
export function listenerHostnames(gw: KubernetesGateway): string[] | undefined {
  if (gw.listeners.length === 0 || gw.listeners.some((l) => !l.hostname)) return undefined;
  return gw.listeners.map((l) => l.hostname!);
}
