/** Definition, references, symbols, code lenses, inlay hints and the simulate command line, through core/ide. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeLenses } from '../../server/src/core/ide/codeLens';
import { definition } from '../../server/src/core/ide/definition';
import { inlayHints } from '../../server/src/core/ide/inlayHints';
import { references } from '../../server/src/core/ide/references';
import { parseCommandLine } from '../../server/src/core/ide/simulate';
import { commandLineAt } from '../../server/src/core/ide/simulateCommandLine';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/ide/symbols';
import type { FileSpan } from '../../server/src/core/ide/types';
import { fixture, type Fixture } from './fixture';

const WORKLOAD = '#- include: examples/hello/workload.yaml\n';
const DR = `#- file: dr.yaml
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: dr-hello
spec:
  host: svc-hello
  subsets:
  - name: v1
    labels: { version: v1 }
  - name: v2
    labels: { version: v2 }
`;
const vs = (body: string) => `#- file: vs.yaml
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: vs-hello
spec:
  hosts:
  - svc-hello
${body}`;

/** Each location as `file: text under it`. */
function show(f: Fixture, spans: FileSpan[]): string[] {
  return spans.map((s) => `${s.file}: ${f.snap.files.get(s.file)!.source.text.slice(s.span.start, s.span.end).split('\n')[0]}`);
}

describe('go to definition', () => {
  it('goes from a destination host to its Service, from a subset to the DestinationRule subset', () => {
    const host = fixture(WORKLOAD + DR + vs('  http:\n  - route:\n    - destination: { host: svc-he$0llo, subset: v2 }\n'));
    assert.deepEqual(show(host, definition(host.snap, host.file, host.offset)), ['examples/hello/workload.yaml: svc-hello']);
    const subset = fixture(WORKLOAD + DR + vs('  http:\n  - route:\n    - destination: { host: svc-hello, subset: v$02 }\n'));
    assert.deepEqual(show(subset, definition(subset.snap, subset.file, subset.offset)), ['dr.yaml: v2']);
  });

  it('goes from a gateways entry to the Gateway and from a DestinationRule host to the Service', () => {
    const gw = '#- file: gw.yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: { name: public, namespace: istio-system }\nspec: {}\n';
    const f = fixture(gw + vs('  gateways: [istio-system/pu$0blic]\n'));
    assert.deepEqual(show(f, definition(f.snap, f.file, f.offset)), ['gw.yaml: public']);
    const dr = fixture(WORKLOAD + DR.replace('host: svc-hello', 'host: svc-hel$0lo'));
    assert.deepEqual(show(dr, definition(dr.snap, dr.file, dr.offset)), ['examples/hello/workload.yaml: svc-hello']);
  });

  it('finds nothing for a host that is not in the registry', () => {
    const f = fixture(WORKLOAD + vs('  http:\n  - route:\n    - destination: { host: nowh$0ere }\n'));
    assert.deepEqual(definition(f.snap, f.file, f.offset), []);
  });
});

describe('find references', () => {
  const routes = '  http:\n  - route:\n    - destination: { host: svc-hello, subset: v1 }\n      weight: 90\n    - destination: { host: svc-hello.default.svc.cluster.local, subset: v2 }\n      weight: 10\n';
  it('from a Service to the VirtualService hosts, route destinations and DestinationRules naming it', () => {
    const svc = '#- file: svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-hel$0lo\nspec:\n  selector: { app: hello }\n  ports: [{ port: 8080 }]\n';
    const f = fixture(svc + DR + vs(routes));
    assert.deepEqual(show(f, references(f.snap, f.file, f.offset, false)), [
      'vs.yaml: svc-hello', 'vs.yaml: svc-hello', 'vs.yaml: svc-hello.default.svc.cluster.local', 'dr.yaml: svc-hello',
    ]);
  });

  it('from a subset to the destinations that use it, with the declaration when asked', () => {
    const f = fixture(WORKLOAD + DR.replace('- name: v2', '- name: v$02') + vs(routes));
    assert.deepEqual(show(f, references(f.snap, f.file, f.offset, false)), ['vs.yaml: v2']);
    const g = fixture(WORKLOAD + DR + vs(routes.replace('subset: v1 }', 'subset: v$01 }')));
    assert.deepEqual(show(g, references(g.snap, g.file, g.offset, true)), ['dr.yaml: v1', 'vs.yaml: v1']);
  });

  it('from a Gateway to the VirtualServices bound to it', () => {
    const gw = '#- file: gw.yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: { name: pub$0lic, namespace: istio-system }\nspec: {}\n';
    const f = fixture(gw + vs('  gateways: [istio-system/public, mesh]\n'));
    assert.deepEqual(show(f, references(f.snap, f.file, f.offset, false)), ['vs.yaml: istio-system/public']);
  });
});

describe('symbols', () => {
  it('outlines resources, then routes with a summary of their match', () => {
    const f = fixture(WORKLOAD + DR + vs('  http:\n  - match:\n    - uri: { prefix: /v2 }\n    route:\n    - destination: { host: svc-hello, subset: v2 }\n  - route:\n    - destination: { host: svc-hello, subset: v1 }\n$0'));
    const outline = documentSymbols(f.snap, 'vs.yaml').map((s) => [s.name, s.detail, s.children.map((c) => `${c.name}: ${c.detail}`)]);
    assert.deepEqual(outline, [['vs-hello', 'VirtualService', ['http[0]: uri prefix /v2', 'http[1]: any request']]]);
    assert.deepEqual(documentSymbols(f.snap, 'dr.yaml')[0].children.map((c) => `${c.name} ${c.detail}`), ['v1 version=v1', 'v2 version=v2']);
  });

  it('finds every resource of the workspace by name', () => {
    const f = fixture(WORKLOAD + DR + vs('$0'));
    assert.deepEqual(workspaceSymbols(f.snap, 'hello-server').map((s) => `${s.name} ${s.containerName}`), ['hello-server-v1 Pod default', 'hello-server-v2 Pod default']);
    assert.equal(workspaceSymbols(f.snap, '').length, 8);
  });
});

describe('code lenses', () => {
  it('summarise each http route and carry a request that matches it', () => {
    const f = fixture(WORKLOAD + vs('  http:\n  - match:\n    - uri: { prefix: /v2 }\n      headers: { x-user: { exact: jason } }\n    route:\n    - destination: { host: svc-hello-v2 }\n  - route:\n    - destination: { host: svc-hello-v1 }\n$0'));
    const lenses = codeLenses(f.snap, f.file).map((l) => [l.title, l.simulate?.commandLine]);
    assert.deepEqual(lenses, [
      ['/v2* → svc-hello-v2 100%', undefined],
      ['▶ Simulate', "GET http://svc-hello.default.svc.cluster.local:8080/v2 -H 'x-user: jason' --from default/httpbin"],
      ['* → svc-hello-v1 100%', undefined],
      ['▶ Simulate', 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin'],
    ]);
  });

  it('build requests from regex, method and query conditions that the engine agrees match', () => {
    const f = fixture(WORKLOAD + vs('  http:\n  - match:\n    - uri: { regex: "/api/v[0-9]+/items" }\n      method: { exact: POST }\n      queryParams: { debug: { exact: "1" } }\n    route:\n    - destination: { host: svc-hello-v2 }\n$0'));
    const lens = codeLenses(f.snap, f.file).find((l) => l.simulate);
    assert.equal(lens?.title, '▶ Simulate');
    assert.equal(lens?.simulate?.commandLine, 'POST \'http://svc-hello.default.svc.cluster.local:8080/api/v0/items?debug=1\' --from default/httpbin');
  });
});

describe('inlay hints', () => {
  it('show the full name of short hosts and the effective share when weights do not sum to 100', () => {
    const f = fixture(WORKLOAD + vs('  http:\n  - route:\n    - destination: { host: svc-hello-v1 }\n      weight: 1\n    - destination: { host: svc-hello-v2.default.svc.cluster.local }\n      weight: 3\n$0'));
    const hints = inlayHints(f.snap, f.file, { start: 0, end: f.text.length }).map((h) => `${f.text.slice(h.offset - 12, h.offset)}|${h.label}`);
    assert.deepEqual(hints, [
      ' - svc-hello|→ svc-hello.default.svc.cluster.local',
      'svc-hello-v1|→ svc-hello-v1.default.svc.cluster.local',
      '   weight: 1|= 25%',
      '   weight: 3|= 75%',
    ]);
  });
});

describe('simulate command lines', () => {
  it('parses curl-like lines with the CLI flags', () => {
    const r = parseCommandLine(`GET http://svc-hello.default.svc.cluster.local:8080/v2 -H 'x-user: jason' -H "x-b: \\"q\\"" --from default/httpbin --count=100 --seed 7`);
    assert.deepEqual(r, { flags: { request: 'GET', url: 'http://svc-hello.default.svc.cluster.local:8080/v2', header: ['x-user: jason', 'x-b: "q"'], from: 'default/httpbin', count: '100', seed: '7' } });
    assert.deepEqual(parseCommandLine('curl -X POST svc-hello:8080/x'), { flags: { header: [], request: 'POST', url: 'http://svc-hello:8080/x' } });
    assert.deepEqual(parseCommandLine("GET 'http://x"), { error: "unclosed ' quote" });
    assert.ok('error' in parseCommandLine('GET http://x --bogus 1'));
    assert.ok('error' in parseCommandLine('GET http://x --count 0'));
  });

  it('prefills a command line that parses even for a VirtualService without routes and with an odd host', () => {
    // Found by the robustness fuzz (test/robustness): the fallback line was not quoted.
    const f = fixture('#- file: vs.yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: vs }\nspec:\n  hosts: [a b]\n$0');
    const line = commandLineAt(f.snap, f.file, 0)!.commandLine;
    assert.equal(line, "GET 'http://a b.default.svc.cluster.local/'");
    assert.deepEqual(parseCommandLine(line), { flags: { header: [], request: 'GET', url: 'http://a b.default.svc.cluster.local/' } });
  });

  it('prefills a request for the http route under the cursor', () => {
    const f = fixture(WORKLOAD + vs('  http:\n  - match:\n    - uri: { exact: /v2 }\n    route:\n    - destination: { host: svc-hello-v2 }\n  - route:\n    - destination: { host: svc-he$0llo-v1 }\n'));
    assert.deepEqual(commandLineAt(f.snap, f.file, f.offset), {
      commandLine: 'GET http://svc-hello.default.svc.cluster.local:8080/ --from default/httpbin',
      virtualService: { namespace: 'default', name: 'vs-hello' }, httpRouteIndex: 1,
    });
  });
});
