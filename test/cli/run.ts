import { spawnSync } from 'node:child_process';

/** Runs the built CLI (dist/cli.js; `npm test` builds first), with text on standard input. */
export function cliIn(args: string[], input?: string | Buffer, cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${process.cwd()}/dist/cli.js`, ...args], { encoding: 'utf8', input, cwd, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A VirtualService whose second destination names a subset the DestinationRule does not define. */
export const BROKEN_VS = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: reviews, namespace: shop}',
  'spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}',
  '---',
  'apiVersion: networking.istio.io/v1',
  'kind: DestinationRule',
  'metadata: {name: reviews, namespace: shop}',
  'spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}]}',
  '---',
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: {name: reviews, namespace: shop}',
  'spec:',
  '  hosts: [reviews]',
  '  http:',
  '  - route:',
  '    - destination: {host: reviews, subset: v3}',
  '',
].join('\n');
