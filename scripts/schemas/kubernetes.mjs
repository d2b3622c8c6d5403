// The Kubernetes kinds the workspace reads, at the fields Istio Lens uses (kubernetes.io API reference).
// Objects we do not describe fully stay open: only the fields listed are checked.
import { bool, int, intOrString, labels, list, map, obj, oneOfStr, str, strings } from './dsl.mjs';

export const objectMeta = obj('Standard object metadata.', {
  name: str('The resource name, unique in its namespace.'),
  namespace: str('The namespace; `default` (or the workspace default) when omitted.'),
  labels: labels('Labels: string keys and string values (quote numbers and booleans).'),
  annotations: map('Annotations: string keys and string values. `galley.istio.io/analyze-suppress` lists diagnostic codes to hide for this resource.', { type: 'string' }),
}, { open: true });

const containerPort = obj('A port a container listens on.', {
  containerPort: int('The port number.', { minimum: 1, maximum: 65535 }),
  name: str('A name that a Service `targetPort` can refer to.'),
  protocol: oneOfStr('TCP, UDP or SCTP.', ['TCP', 'UDP', 'SCTP']),
  hostPort: int('Port on the node.'),
  hostIP: str('Host IP to bind to.'),
}, { required: ['containerPort'] });

const podSpec = obj('The pod specification (only containers and ports are checked).', {
  containers: list('The containers of the pod.', obj('A container.', {
    name: str('The container name.'),
    image: str('The container image.'),
    ports: list('Ports the container listens on.', containerPort),
  }, { open: true, required: ['name'] })),
}, { open: true });

const podTemplate = obj('The template of the pods the controller creates.', {
  metadata: obj('Pod metadata.', { labels: labels('Pod labels: Services, DestinationRule subsets and Gateway selectors match these.'), annotations: labels('Pod annotations.') }, { open: true }),
  spec: podSpec,
}, { open: true });

export const service = obj('A Kubernetes Service: a stable name and ports for a set of pods.', {
  type: oneOfStr('How the Service is exposed.', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']),
  selector: labels('Pods with all these labels are the endpoints.'),
  ports: list('The ports of the Service.', obj('A Service port. Istio reads its protocol from `appProtocol`, else from the name prefix (`http-`, `grpc-`, `tcp-`…).', {
    name: str('Port name; `<protocol>[-suffix]` tells Istio the protocol (e.g. `http-web`).'),
    protocol: oneOfStr('L4 protocol.', ['TCP', 'UDP', 'SCTP']),
    appProtocol: str('Application protocol (e.g. `http`, `grpc`, `kubernetes.io/h2c`); takes precedence over the name.'),
    port: int('The port of the Service.', { minimum: 1, maximum: 65535 }),
    targetPort: intOrString('The pod port: a number or a container port name (default: `port`).'),
    nodePort: int('Port on every node (NodePort / LoadBalancer).'),
  }, { required: ['port'] })),
  clusterIP: str('The virtual IP, or `None` for a headless Service.'),
  clusterIPs: strings('Virtual IPs (dual stack).'),
  externalName: str('DNS name for an ExternalName Service.'),
  externalIPs: strings('Extra IPs the Service accepts traffic for.'),
  sessionAffinity: oneOfStr('Client IP affinity.', ['ClientIP', 'None']),
  sessionAffinityConfig: obj('Affinity settings.', {}, { open: true }),
  loadBalancerIP: str('Requested load balancer IP.'),
  loadBalancerSourceRanges: strings('Client CIDRs allowed through the load balancer.'),
  loadBalancerClass: str('Load balancer implementation.'),
  externalTrafficPolicy: oneOfStr('Routing of external traffic.', ['Cluster', 'Local']),
  internalTrafficPolicy: oneOfStr('Routing of internal traffic.', ['Cluster', 'Local']),
  healthCheckNodePort: int('Health check node port.'),
  publishNotReadyAddresses: bool('Publish endpoints of unready pods.'),
  ipFamilies: strings('IP families.'),
  ipFamilyPolicy: oneOfStr('Dual-stack policy.', ['SingleStack', 'PreferDualStack', 'RequireDualStack']),
  allocateLoadBalancerNodePorts: bool('Allocate node ports for LoadBalancer Services.'),
  trafficDistribution: str('Traffic distribution preference.'),
});

export const pod = podSpec;

export const workloadSpec = obj('A workload controller; its pod template stands for its pods.', {
  replicas: int('Number of pods.', { minimum: 0 }),
  selector: obj('Which pods the controller owns.', { matchLabels: labels('Labels of the owned pods.') }, { open: true }),
  template: podTemplate,
}, { open: true });
