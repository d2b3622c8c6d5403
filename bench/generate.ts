/** Generates a realistic mesh of N documents: per app a Service, two Deployments (v1, v2), a
 *  DestinationRule with subsets and a VirtualService with header, prefix and weighted routes. */
export interface Generated {
  text: string;
  hosts: string[];
  documents: number;
}

export function generateMesh(documents: number, namespaces = 10): Generated {
  const parts: string[] = [];
  const hosts: string[] = [];
  let n = 0;
  for (let i = 0; n < documents; i++) {
    const ns = `team-${i % namespaces}`;
    const app = `app-${i}`;
    hosts.push(`${app}.${ns}.svc.cluster.local`);
    const docs = [
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${app}\n  ports:\n  - name: http\n    port: 8080\n    targetPort: 8080\n`,
      ...['v1', 'v2'].map((v) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}-${v}\n  namespace: ${ns}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: ${app}\n      version: ${v}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n        version: ${v}\n    spec:\n      containers:\n      - name: main\n        image: example/${app}:${v}\n        ports:\n        - containerPort: 8080\n`),
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  host: ${app}\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2\n`,
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  hosts:\n  - ${app}\n  http:\n  - match:\n    - headers:\n        x-user:\n          exact: tester\n    route:\n    - destination:\n        host: ${app}\n        subset: v2\n  - match:\n    - uri:\n        prefix: /api/v2\n    - uri:\n        regex: "/v2/[a-z]+"\n    rewrite:\n      uri: /api\n    route:\n    - destination:\n        host: ${app}\n        subset: v2\n  - route:\n    - destination:\n        host: ${app}\n        subset: v1\n      weight: 90\n    - destination:\n        host: ${app}\n        subset: v2\n      weight: 10\n    timeout: 2s\n`,
    ];
    for (const d of docs) {
      if (n >= documents) break;
      parts.push(d);
      n++;
    }
  }
  return { text: parts.join('---\n'), hosts, documents: n };
}
