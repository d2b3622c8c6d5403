/** Completion through core/ide on half-typed fixtures ($0 is the cursor). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/ide/completion';
import { fixture } from './fixture';

const WORKLOAD = '#- include: examples/hello/workload.yaml\n';
const DR = `#- file: dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-hello
spec:
  host: svc-hello.default.svc.cluster.local
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`;
const VS_HEAD = `#- file: vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-hello
spec:
  hosts:
  - svc-hello
`;

function labels(src: string): string[] {
  const f = fixture(src);
  return complete(f.snap, f.text, f.offset).map((i) => i.label);
}

function item(src: string, label: string) {
  const f = fixture(src);
  const found = complete(f.snap, f.text, f.offset).find((i) => i.label === label);
  assert.ok(found, `no completion item ${label}`);
  return { ...found, typed: f.text.slice(found.replace.start, f.offset) };
}

describe('completion of workspace references', () => {
  it('offers only the subsets of the destination host\'s DestinationRule (flow style, half-typed value)', () => {
    const other = `#- file: other.yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: other }\nspec: { host: svc-hello-v1, subsets: [{ name: canary }] }\n`;
    const src = WORKLOAD + DR + other + `#- file: vs.yaml
kind: VirtualService
apiVersion: networking.istio.io/v1
metadata: { name: vs }
spec: { hosts: [svc-hello], http: [{ route: [{ destination: { host: svc-hello, subset: v$0 } }] }] }`;
    assert.deepEqual(labels(src), ['v1', 'v2']);
    assert.equal(item(src, 'v2').typed, 'v', 'the typed prefix is replaced');
  });

  it('offers subsets after `subset: ` with nothing typed yet', () => {
    const src = WORKLOAD + DR + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-hello\n        subset: $0\n`;
    assert.deepEqual(labels(src), ['v1', 'v2']);
  });

  it('offers subsets right after the `:` that triggered completion, with the space the value needs', () => {
    const src = WORKLOAD + DR + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-hello\n        subset:$0\n`;
    assert.deepEqual(labels(src), ['v1', 'v2']);
    assert.equal(item(src, 'v2').insertText, ' v2');
  });

  it('offers no subset when the destination host has no DestinationRule', () => {
    const src = WORKLOAD + DR + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-hello-v1\n        subset: $0\n`;
    assert.deepEqual(labels(src), []);
  });

  it('offers hosts in a new list item, short where the short name resolves to the same service, and full', () => {
    const src = WORKLOAD + `#- file: other-ns.yaml\napiVersion: v1\nkind: Service\nmetadata: { name: ratings, namespace: shop }\nspec: { selector: { app: ratings }, ports: [{ port: 9080 }] }\n` +
      `#- file: vs.yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  hosts:\n  - $0\n`;
    const got = labels(src);
    assert.ok(got.includes('svc-hello') && got.includes('svc-hello.default.svc.cluster.local'));
    // Istio expands a short name in the VirtualService's namespace (default): `ratings` would not be shop's.
    assert.ok(got.includes('ratings.shop.svc.cluster.local'));
    assert.ok(!got.includes('ratings'));
  });

  it('offers destination hosts and the port numbers of the destination service', () => {
    const host = WORKLOAD + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-$0\n`;
    assert.ok(labels(host).includes('svc-hello-v2'));
    assert.equal(item(host, 'svc-hello-v2').typed, 'svc-');
    const port = WORKLOAD + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-hello\n        port:\n          number: $0\n`;
    assert.deepEqual(labels(port), ['8080']);
  });

  it('offers known gateways and mesh', () => {
    const gw = `#- file: gw.yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: { name: public, namespace: istio-system }\nspec: { selector: { istio: ingressgateway } }\n`;
    const src = WORKLOAD + gw + VS_HEAD + `  gateways:\n  - $0\n`;
    assert.deepEqual(labels(src), ['mesh', 'istio-system/public']);
  });

  it('offers sourceLabels keys and values from the workspace pods', () => {
    const keys = WORKLOAD + VS_HEAD + `  http:\n  - match:\n    - sourceLabels:\n        $0\n`;
    assert.deepEqual(labels(keys).sort(), ['app', 'version']);
    assert.equal(item(keys, 'app').insertText, 'app: ');
    const values = WORKLOAD + VS_HEAD + `  http:\n  - match:\n    - sourceLabels:\n        app: $0\n`;
    assert.deepEqual(labels(values), ['hello', 'httpbin']);
  });

  it('offers subset label keys and values from the pods the DestinationRule host selects', () => {
    const head = WORKLOAD + `#- file: dr.yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr\nspec:\n  host: svc-hello\n  subsets:\n  - name: v1\n    labels:\n`;
    assert.deepEqual(labels(head + '      $0\n').sort(), ['app', 'version']);
    // httpbin is not selected by svc-hello: its labels are not offered.
    assert.deepEqual(labels(head + '      app: $0\n'), ['hello']);
    assert.deepEqual(labels(head + '      version: $0\n'), ['v1', 'v2']);
  });

  it('offers namespaces for exportTo and sourceNamespace, match ports from the hosts\' services, delegates', () => {
    const other = '#- file: ns.yaml\napiVersion: v1\nkind: Service\nmetadata: { name: ratings, namespace: shop }\nspec: { ports: [{ port: 9080 }] }\n';
    assert.deepEqual(labels(WORKLOAD + other + VS_HEAD + '  exportTo:\n  - $0\n'), ['.', '*', 'default', 'shop']);
    assert.equal(item(WORKLOAD + other + VS_HEAD + '  exportTo:\n  - $0\n', '.').insertText, '"."', 'quoted: a bare * is YAML alias syntax');
    assert.deepEqual(labels(WORKLOAD + other + VS_HEAD + '  http:\n  - match:\n    - sourceNamespace: $0\n'), ['default', 'shop']);
    assert.deepEqual(labels(WORKLOAD + VS_HEAD + '  http:\n  - match:\n    - port: $0\n'), ['8080']);
    const delegate = '#- file: d.yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: hello-routes }\nspec: { http: [] }\n';
    assert.deepEqual(labels(WORKLOAD + delegate + VS_HEAD + '  http:\n  - delegate:\n      name: $0\n'), ['hello-routes']);
  });

  it('offers hosts for a DestinationRule host', () => {
    const src = WORKLOAD + `#- file: dr.yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr\nspec:\n  host: $0\n`;
    assert.ok(labels(src).includes('svc-hello.default.svc.cluster.local'));
  });
});

describe('completion from the schemas, in half-typed states', () => {
  it('offers match keys on an empty line under `match:` as a new list item', () => {
    const src = WORKLOAD + VS_HEAD + `  http:\n  - match:\n      $0\n`;
    const uri = item(src, 'uri');
    assert.equal(uri.insertText, '- uri:\n          $0');
    assert.ok(uri.documentation && uri.documentation.length > 10, 'keys carry their schema documentation');
  });

  it('offers the keys of a destination for a key typed without a value', () => {
    const src = WORKLOAD + VS_HEAD + `  http:\n  - route:\n    - destination:\n        ho$0\n`;
    assert.deepEqual(labels(src).sort(), ['host', 'port', 'subset']);
    assert.equal(item(src, 'host').typed, 'ho');
    assert.equal(item(src, 'host').retrigger, true, 'a host value can be completed next');
    assert.equal(item(src, 'port').retrigger, true, 'so can the port number');
    assert.equal(item(WORKLOAD + VS_HEAD + '  http:\n  - match:\n    - $0\n', 'sourceLabels').retrigger, true, 'and label keys');
    assert.equal(item(WORKLOAD + VS_HEAD + '  http:\n  - match:\n    - $0\n', 'uri').retrigger, false);
  });

  it('completes the word of its own line when it continues a plain scalar from the line above', () => {
    // Found by the robustness fuzz (test/robustness): the indentation went negative.
    const f = fixture('#- file: x.yaml\nkind: VirtualService\nspec:\n  abcdefghijklmnop\n  q$0');
    const items = complete(f.snap, f.text, f.offset);
    for (const i of items) assert.equal(f.text.slice(i.replace.start, f.offset), 'q');
  });

  it('renames a key in place when the cursor is inside an existing key', () => {
    const src = WORKLOAD + VS_HEAD + `  http:\n  - route:\n    - destination:\n        ho$0t: svc-hello\n`;
    const host = item(src, 'host');
    assert.equal(host.insertText, 'host');
    assert.equal(host.replace.end - host.replace.start, 'hot'.length);
  });

  it('offers route keys for a new list item under http, without keys already present', () => {
    const src = WORKLOAD + VS_HEAD + `  http:\n  - name: first\n    $0\n`;
    const got = labels(src);
    assert.ok(got.includes('match') && got.includes('route') && !got.includes('name'));
  });

  it('offers enum values', () => {
    const src = `#- file: dr.yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr\nspec:\n  host: x\n  trafficPolicy:\n    loadBalancer:\n      simple: $0\n`;
    assert.ok(labels(src).includes('ROUND_ROBIN'));
  });

  it('tags deprecated keys and sorts them after the others', () => {
    const src = WORKLOAD + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-hello\n    $0\n`;
    const f = fixture(src);
    const items = complete(f.snap, f.text, f.offset).filter((i) => i.kind === 'property');
    const byLabel = new Map(items.map((i) => [i.label, i]));
    for (const old of ['mirrorPercent', 'mirror_percent']) {
      assert.equal(byLabel.get(old)?.deprecated, true, `${old} is tagged deprecated`);
      assert.ok(byLabel.get(old)!.sortText! > byLabel.get('timeout')!.sortText!, `${old} sorts after timeout`);
    }
    assert.equal(byLabel.get('mirrorPercentage')?.deprecated, undefined);
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
    assert.deepEqual(sorted.slice(-2).sort(), ['mirrorPercent', 'mirror_percent']);
  });

  it('offers durations for a timeout, not nothing (the editor would fall back to the words of the file)', () => {
    const src = WORKLOAD + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-hello\n    timeout: $0\n`;
    const got = labels(src);
    assert.ok(got.includes('1s') && got.includes('250ms'), got.join(', '));
    const retry = WORKLOAD + VS_HEAD + `  http:\n  - route:\n    - destination:\n        host: svc-hello\n    retries:\n      perTryTimeout: $0\n`;
    assert.ok(labels(retry).includes('1s'));
  });

  it('offers kinds with skeletons in an empty document, kinds and apiVersions as values', () => {
    const empty = labels(WORKLOAD + '#- file: new.yaml\n$0');
    assert.ok(empty.includes('VirtualService skeleton') && empty.includes('DestinationRule skeleton'));
    assert.ok(labels(WORKLOAD + '#- file: new.yaml\nkind: $0').includes('VirtualService'));
    assert.ok(labels(WORKLOAD + '#- file: new.yaml\nkind: VirtualService\napiVersion: $0').includes('networking.istio.io/v1alpha3'));
  });
});

describe('snippets', () => {
  it('offers a uri-prefix route and a 90/10 canary split in a new http route, filled from the workspace', () => {
    const src = WORKLOAD + DR + `#- file: vs.yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  hosts:\n  - svc-hello.default.svc.cluster.local\n  http:\n  - $0\n`;
    const prefix = item(src, 'route with uri prefix match');
    assert.match(prefix.insertText, /match:\n {4}- uri:\n {8}prefix: \$\{1:\/v2\}\n {4}route:\n {4}- destination:\n {8}host: \$\{2\|/);
    const canary = item(src, '90/10 canary split');
    assert.match(canary.insertText, /subset: \$\{2:v1\}\n {6}weight: 90\n/);
    assert.match(canary.insertText, /subset: \$\{3:v2\}\n {6}weight: 10/);
  });

  it('offers a DestinationRule with one subset per version label of the host\'s pods', () => {
    const src = WORKLOAD + `#- file: dr.yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr\nspec:\n  host: svc-hello\n  $0\n`;
    const s = item(src, 'subsets by version');
    assert.equal(s.insertText, 'subsets:\n  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2');
  });
});
