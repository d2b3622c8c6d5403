import type { Snapshot } from '../workspace/snapshot';
import { valueAt, type CompletionSite } from './completionContext';
import { pathIs } from './context';
import type { CompletionItem } from './types';
import { fqdnOf, hostChoices, labelValues, serviceFor, subsetsFor, workloadsOf } from './workspaceFacts';

/** Snippets for the shapes people write most: resource skeletons, a uri-prefix route, a 90/10
 *  canary split, a DestinationRule with one subset per `version` label of the service's pods. */

const ISTIO = 'networking.istio.io/v1';

const SKELETONS: Record<string, string> = {
  VirtualService: `apiVersion: ${ISTIO}\nkind: VirtualService\nmetadata:\n  name: \${1:name}\nspec:\n  hosts:\n  - \${2:host}\n  http:\n  - route:\n    - destination:\n        host: \${2}\n`,
  DestinationRule: `apiVersion: ${ISTIO}\nkind: DestinationRule\nmetadata:\n  name: \${1:name}\nspec:\n  host: \${2:host}\n  subsets:\n  - name: \${3:v1}\n    labels:\n      version: \${3}\n`,
  Gateway: `apiVersion: ${ISTIO}\nkind: Gateway\nmetadata:\n  name: \${1:name}\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n    hosts:\n    - "\${2:*}"\n`,
  ServiceEntry: `apiVersion: ${ISTIO}\nkind: ServiceEntry\nmetadata:\n  name: \${1:name}\nspec:\n  hosts:\n  - \${2:api.example.com}\n  ports:\n  - number: 443\n    name: https\n    protocol: TLS\n  location: MESH_EXTERNAL\n  resolution: DNS\n`,
  Sidecar: `apiVersion: ${ISTIO}\nkind: Sidecar\nmetadata:\n  name: default\nspec:\n  egress:\n  - hosts:\n    - "./*"\n    - "istio-system/*"\n`,
  Service: `apiVersion: v1\nkind: Service\nmetadata:\n  name: \${1:name}\nspec:\n  selector:\n    app: \${2:app}\n  ports:\n  - name: http\n    port: \${3:8080}\n`,
};

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function indentLines(text: string, column: number): string {
  const pad = ' '.repeat(column);
  return text.split('\n').map((l, i) => (i === 0 || !l ? l : pad + l)).join('\n');
}

/** Kinds: as a value of `kind:`, or as whole-resource skeletons at the root of an empty document. */
export function kindItems(site: CompletionSite, mode: 'root' | 'value' = 'root'): CompletionItem[] {
  if (mode === 'value') {
    return [...Object.keys(SKELETONS), 'Pod', 'Deployment'].map((k, i) => ({ label: k, kind: 'kind' as const, insertText: k, replace: site.replace, sortText: String(i) }));
  }
  if (site.siblings.includes('kind') || site.column !== 0) return [];
  return Object.entries(SKELETONS).map(([k, body], i) => ({
    label: `${k} skeleton`, kind: 'snippet' as const, detail: `a new ${k}`, insertText: body, snippet: true, replace: site.replace, sortText: `2${i}`,
  }));
}

function choice(values: string[], fallback: string, n: number): string {
  const uniq = [...new Set(values.filter(Boolean))].map((v) => v.replace(/[,|\\$}]/g, ''));
  return uniq.length ? `\${${n}|${uniq.join(',')}|}` : `\${${n}:${fallback}}`;
}

/** Snippet items for the key being typed, when its place suits one. */
export function snippetItems(snap: Snapshot, site: CompletionSite): CompletionItem[] {
  const parent = site.path.slice(0, -1);
  const mk = (label: string, detail: string, body: string): CompletionItem => ({
    label, kind: 'snippet', detail, insertText: indentLines(body.trimEnd(), site.column), snippet: true, replace: site.replace, sortText: `2${label}`,
  });
  if (site.kind === 'VirtualService') {
    const routeItem = pathIs(parent, 'spec.http.*') && !site.siblings.includes('route') && !site.siblings.includes('match');
    const inSpec = pathIs(parent, 'spec') && !site.siblings.includes('http');
    if (!routeItem && !inSpec) return [];
    const vsHost = String((valueAt(site, ['spec', 'hosts']) as unknown[] | undefined)?.[0] ?? '');
    const hosts = hostChoices(snap, site.namespace, false).map((h) => h.label);
    const prefixRoute = `match:\n- uri:\n    prefix: \${1:/v2}\nroute:\n- destination:\n    host: ${choice(hosts, 'host', 2)}\n`;
    const subsets = vsHost ? subsetsFor(snap, fqdnOf(snap, vsHost, site.namespace)).map((s) => s.subset.name) : [];
    const host = vsHost ? escapeSnippet(vsHost) : '${1:host}';
    const canary = `route:\n- destination:\n    host: ${host}\n    subset: \${2:${escapeSnippet(subsets[0] ?? 'v1')}}\n  weight: 90\n- destination:\n    host: ${host}\n    subset: \${3:${escapeSnippet(subsets[1] ?? 'v2')}}\n  weight: 10\n`;
    const wrap = (b: string) => (inSpec ? `http:\n- ${indentLines(b, 2).trimEnd()}\n` : b);
    return [mk('route with uri prefix match', 'match a path prefix and route to a host', wrap(prefixRoute)), mk('90/10 canary split', 'two subsets, weights 90 and 10', wrap(canary))];
  }
  if (site.kind === 'DestinationRule' && pathIs(parent, 'spec') && !site.siblings.includes('subsets')) {
    const host = String(valueAt(site, ['spec', 'host']) ?? '');
    const versions = labelValues(workloadsOf(snap, serviceFor(snap, host, site.namespace))).get('version') ?? [];
    const list = (versions.length ? [...versions].sort() : ['v1', 'v2']).map(escapeSnippet);
    const body = 'subsets:\n' + list.map((v) => `- name: ${v}\n  labels:\n    version: ${v}\n`).join('');
    return [mk('subsets by version', versions.length ? `one subset per version label of ${host}'s pods: ${versions.join(', ')}` : 'one subset per version', body)];
  }
  return [];
}
