/** A small mesh shared by the routing tests: reviews (v1, v2, v3), ratings, and a client pod. */
export const BASE = `
#- file: mesh.yaml
apiVersion: v1
kind: Pod
metadata: { name: reviews-v1, namespace: default, labels: { app: reviews, version: v1 } }
status: { phase: Running, podIP: 10.0.0.1 }
---
apiVersion: v1
kind: Pod
metadata: { name: reviews-v2, namespace: default, labels: { app: reviews, version: v2 } }
status: { phase: Running, podIP: 10.0.0.2 }
---
apiVersion: v1
kind: Pod
metadata: { name: reviews-v3, namespace: default, labels: { app: reviews, version: v3 } }
status: { phase: Running, podIP: 10.0.0.3 }
---
apiVersion: v1
kind: Pod
metadata: { name: ratings-v1, namespace: default, labels: { app: ratings, version: v1 } }
status: { phase: Running, podIP: 10.0.0.4 }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: default, labels: { app: client } }
---
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: default }
spec:
  selector: { app: reviews }
  ports: [{ name: http, port: 9080 }]
---
apiVersion: v1
kind: Service
metadata: { name: ratings, namespace: default }
spec:
  selector: { app: ratings }
  ports: [{ name: http, port: 9080 }]
`;

export const REVIEWS = 'http://reviews.default.svc.cluster.local:9080';
export const REVIEWS_FQDN = 'reviews.default.svc.cluster.local';

/** The mesh plus a VirtualService `reviews` whose `http:` list is the given YAML. */
export function reviewsVirtualService(http: string): string {
  return `${BASE}
#- file: vs.yaml
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
${http}`;
}
