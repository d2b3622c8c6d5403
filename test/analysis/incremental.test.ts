/** Incremental analysis (server/src/core/analysis/incremental.ts) says exactly what analyze() says,
 *  edit after edit, and after a one-document edit it checks that document only. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Finding } from '../../server/src/core/analysis';
import type { Analyzer } from '../../server/src/core/analysis/analyzer';
import { IncrementalAnalysis } from '../../server/src/core/analysis/incremental';
import { message, T } from '../../server/src/core/analysis/messages';
import { ANALYZERS } from '../../server/src/core/analysis/registry';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';
import { workspace } from '../helpers/workspace';

const FIXTURES = 'test/analysis/fixtures';

function corpus(): { name: string; files: Map<string, string> }[] {
  const out: { name: string; files: Map<string, string> }[] = [];
  for (const dir of readdirSync(FIXTURES).sort()) {
    for (const f of ['invalid.yaml', 'valid.yaml']) {
      let text: string;
      try {
        text = readFileSync(join(FIXTURES, dir, f), 'utf8');
      } catch {
        continue;
      }
      const snap = workspace(text);
      out.push({ name: `${dir}/${f}`, files: new Map([...snap.files].map(([p, r]) => [p, r.source.text])) });
    }
  }
  return out;
}

/** Deterministic: the same edits on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CHARS = ['x', '1', ' ', ':', '-', '\n', 'a', '"', '*'];

function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const docs = text.split(/^(?=---$)/m);
  const d = Math.floor(rnd() * docs.length);
  switch (Math.floor(rnd() * 6)) {
    case 0: return text.slice(0, at) + CHARS[Math.floor(rnd() * CHARS.length)] + text.slice(at + 1);
    case 1: return text.slice(0, at) + CHARS[Math.floor(rnd() * CHARS.length)] + text.slice(at);
    case 2: return text.slice(0, at) + text.slice(at + 1);
    case 3: return docs.length > 1 ? docs.filter((_, i) => i !== d).join('') : text;
    case 4: return [...docs.slice(0, d + 1), docs[d].startsWith('---') ? docs[d] : `---\n${docs[d]}`, ...docs.slice(d + 1)].join('');
    default: return `# moved\n${text}`;
  }
}

/** Order-free comparison: the same findings, each with its spans, related places and fixes. */
function canonical(findings: Finding[]): string[] {
  return findings.map((f) => JSON.stringify(f)).sort();
}

describe('incremental analysis', () => {
  it('equals analyze() over random edits of every analyzer fixture', () => {
    for (const { name, files } of corpus()) {
      const rnd = prng(name.length * 7919 + name.charCodeAt(0));
      const inc = new IncrementalAnalysis();
      const texts = new Map(files);
      for (let step = 0; step < 12; step++) {
        const snap = buildSnapshot(texts);
        assert.deepEqual(canonical(inc.analyze(snap)), canonical(analyze(snap)), `${name}, step ${step}`);
        const paths = [...texts.keys()];
        const p = paths[Math.floor(rnd() * paths.length)];
        texts.set(p, edit(texts.get(p)!, rnd));
      }
    }
  });

  it('after a one-document edit, runs a scoped analyzer on that document only', () => {
    const seen: number[] = [];
    const spy: Analyzer = {
      name: 'test.spy', reads: ['VirtualService'], scope: 'self',
      run(ctx) {
        seen.push(ctx.all('VirtualService').length);
      },
    };
    const vs = (i: number, host: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs${i}\nspec:\n  hosts: [${host}]\n`;
    const docs = Array.from({ length: 20 }, (_, i) => vs(i, `h${i}`));
    const inc = new IncrementalAnalysis([spy]);
    inc.analyze(buildSnapshot([['a.yaml', docs.join('---\n')]]));
    docs[7] = vs(7, 'changed');
    inc.analyze(buildSnapshot([['a.yaml', docs.join('---\n')]]));
    docs.splice(3, 0, vs(99, 'inserted'));
    inc.analyze(buildSnapshot([['a.yaml', `# above\n${docs.join('---\n')}`]]));
    // The comment above joins the first document, which is therefore checked again with the new one.
    assert.deepEqual(seen, [20, 1, 2]);
  });

  it('runs a resource-scoped analyzer in full when a kind it was seen reading changed, even one it does not declare', () => {
    const seen: number[] = [];
    const spy: Analyzer = {
      name: 'test.spy', reads: ['DestinationRule'], scope: 'resource',
      run(ctx) {
        void ctx.snap.virtualServices.length;
        seen.push(ctx.all('DestinationRule').length);
      },
    };
    const dr = (i: number) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr${i}\nspec:\n  host: h${i}\n`;
    const vs = (host: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  hosts: [${host}]\n`;
    const file = (host: string) => [...Array.from({ length: 5 }, (_, i) => dr(i)), vs(host)].join('---\n');
    const inc = new IncrementalAnalysis([spy]);
    inc.analyze(buildSnapshot([['a.yaml', file('a')]]));
    inc.analyze(buildSnapshot([['a.yaml', file('b')]]));
    assert.deepEqual(seen, [5, 5]);
  });

  it('runs a resource-scoped analyzer in full when a resource of its own kind that it read through the snapshot changed', () => {
    const root = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: root\nspec:\n  hosts: [a]\n  http:\n  - delegate:\n      name: leaf\n';
    const leaf = (hosts: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: leaf\nspec:\n  hosts: [${hosts}]\n  http:\n  - route:\n    - destination:\n        host: a\n`;
    const inc = new IncrementalAnalysis();
    for (const hosts of ['', 'b', '']) {
      const snap = buildSnapshot([['a.yaml', `${root}---\n${leaf(hosts)}`]]);
      const found = inc.analyze(snap);
      assert.deepEqual(canonical(found), canonical(analyze(snap)));
      // The root's delegate became unusable, then usable again: only the edited leaf changed.
      assert.equal(found.some((f) => f.code === 'ISL1004'), hosts !== '');
    }
  });

  it('follows edits of Kubernetes Gateway API Gateways', () => {
    const k8sGateway = (hostname: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: shop}\nspec:\n  listeners: [{name: http, port: 80, protocol: HTTP, hostname: "${hostname}"}]\n`;
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: api, namespace: shop}\nspec:\n  hosts: [api.example.com]\n  gateways: [edge]\n';
    const inc = new IncrementalAnalysis();
    for (const [hostname, served] of [['*.example.com', true], ['*.example.org', false], ['api.example.com', true]] as const) {
      const snap = buildSnapshot([['gw.yaml', k8sGateway(hostname)], ['vs.yaml', vs]]);
      const found = inc.analyze(snap);
      assert.deepEqual(canonical(found), canonical(analyze(snap)), hostname);
      assert.equal(found.some((f) => f.code === 'IST0132'), !served, hostname);
    }
  });

  it('runs a resource-scoped analyzer in full after an edit of a Kubernetes Gateway only when it read them', () => {
    const seen: string[] = [];
    const spy = (name: string, readsGateways: boolean): Analyzer => ({
      name, reads: ['VirtualService'], scope: 'resource',
      run(ctx) {
        if (readsGateways) void ctx.snap.kubernetesGateways();
        seen.push(`${name} ${ctx.all('VirtualService').length}`);
      },
    });
    const vs = (i: number) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs${i}\nspec:\n  hosts: [h${i}]\n`;
    const k8sGateway = (name: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ${name}}\n`;
    const file = (gateway: string) => [vs(0), vs(1), k8sGateway(gateway)].join('---\n');
    const inc = new IncrementalAnalysis([spy('reads', true), spy('ignores', false)]);
    inc.analyze(buildSnapshot([['a.yaml', file('a')]]));
    inc.analyze(buildSnapshot([['a.yaml', file('b')]]));
    // The edit changed no VirtualService: the one that ignores Kubernetes Gateways checks none again.
    assert.deepEqual(seen, ['reads 2', 'ignores 2', 'reads 2', 'ignores 0']);
  });

  it('runs an analyzer that read the workloads in full only when a workload changed as the snapshot shows it (labels, ports), not its YAML', () => {
    const seen: number[] = [];
    const spy: Analyzer = {
      name: 'test.spy', reads: ['DestinationRule', 'Deployment'], scope: 'resource',
      run(ctx) {
        void ctx.snap.selectWorkloads(undefined, { app: 'a' });
        seen.push(ctx.all('DestinationRule').length);
      },
    };
    const dr = (i: number) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr${i}\nspec:\n  host: h${i}\n`;
    const deployment = (replicas: number, version: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: ${replicas}\n  template:\n    metadata:\n      labels: {app: a, version: ${version}}\n`;
    const file = (replicas: number, version: string) => [dr(0), dr(1), deployment(replicas, version)].join('---\n');
    const inc = new IncrementalAnalysis([spy]);
    inc.analyze(buildSnapshot([['a.yaml', file(1, 'v1')]]));
    inc.analyze(buildSnapshot([['a.yaml', file(3, 'v1')]]));
    inc.analyze(buildSnapshot([['a.yaml', file(3, 'v2')]]));
    // Replicas: a run over the changed document only, which holds no DestinationRule; a label: a full run.
    assert.deepEqual(seen, [2, 0, 2]);
  });

  it('keeps the findings of an analyzer without a scope while no resource of a kind it read changed, moved with their documents', () => {
    let runs = 0;
    const spy: Analyzer = {
      name: 'test.spy', reads: ['Service', 'Deployment'],
      run(ctx) {
        runs++;
        // Reads the workloads' YAML, which the workload parts do not compare: any edit of one counts.
        const scaled = ctx.snap.workloads.some((w) => (w.meta.raw.spec as { replicas?: number }).replicas! > 1);
        for (const svc of ctx.all('Service')) ctx.report(message(T.singleWeight, `scaled: ${scaled}`), svc.meta, ['metadata', 'name']);
      },
    };
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: [{port: 80}]\n';
    const vs = (host: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  hosts: [${host}]\n`;
    const deployment = (replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: ${replicas}\n  template:\n    metadata:\n      labels: {app: a}\n`;
    const inc = new IncrementalAnalysis([spy]);
    const seen: string[] = [];
    const spans: number[] = [];
    for (const [host, replicas] of [['a', 1], ['longer-host', 1], ['b', 1], ['b', 3]] as const) {
      const snap = buildSnapshot([['a.yaml', `${vs(host)}---\n${svc}---\n${deployment(replicas)}`]]);
      const found = inc.analyze(snap);
      assert.deepEqual(canonical(found), canonical(new IncrementalAnalysis([spy]).analyze(snap)));
      seen.push(found[0].message);
      spans.push(found[0].span.start);
    }
    // Edits of the VirtualService above: carried and moved (1 run); the Deployment's replicas: run again.
    assert.equal(runs, 2 + 4);
    assert.deepEqual(seen, ['scaled: false', 'scaled: false', 'scaled: false', 'scaled: true']);
    assert.ok(spans[1] > spans[0] && spans[2] < spans[1], 'the finding moved with its document');
  });
});

describe('incremental analysis of destination subsets after edits of other resources', () => {
  // Rules of istioctl analyze virtualservice/destinationrules.go (IST0101 host+subset): a subset must
  // be defined by a DestinationRule of the destination's host.
  const svc = (app: string, version = app === 'a' ? 'v1' : 'v2') => `apiVersion: v1\nkind: Service\nmetadata: {name: ${app}, namespace: shop}\nspec:\n  selector: {app: ${app}}\n  ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${app}, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: ${app}, version: ${version}}\n`;
  const dr = (app: string, subsets: string[], host = app) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${app}, namespace: shop}\nspec:\n  host: "${host}"\n  subsets:\n${subsets.map((s) => `  - name: ${s}\n    labels: {version: ${s}}\n`).join('')}`;
  const vs = (app: string, subset: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${app}, namespace: shop}\nspec:\n  hosts: [${app}]\n  http:\n  - route:\n    - destination: {host: ${app}, subset: ${subset}}\n`;
  const apps = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('equals analyze() when a DestinationRule is deleted, edited, moved, made a wildcard, or followed by another document, and checks fewer VirtualServices', () => {
    const checked: number[] = [];
    const inner = ANALYZERS.find((a) => a.name === 'virtualservice.destinationSubsets')!;
    const spy: Analyzer = { ...inner, run: (ctx) => { checked.push(ctx.all('VirtualService').length); inner.run(ctx); } };
    const docs = new Map<string, string>(apps.flatMap((a) => [[`svc-${a}`, svc(a)], [`dr-${a}`, dr(a, ['v1', 'v2'])], [`vs-${a}`, vs(a, 'v1')]]));
    const order = [...docs.keys()];
    const steps: [string, () => void][] = [
      ['open', () => {}],
      ['a subset routed to is missing', () => docs.set('vs-b', vs('b', 'v3'))],
      ['a DestinationRule deleted', () => order.splice(order.indexOf('dr-c'), 1)],
      ['and written again', () => order.splice(order.indexOf('vs-c'), 0, 'dr-c')],
      ['a subset renamed', () => docs.set('dr-d', dr('d', ['v1', 'v9']))],
      ['a wildcard rule with the missing subset', () => (docs.set('dr-w', dr('w', ['v3'], '*.shop.svc.cluster.local')), order.push('dr-w'))],
      ['the wildcard rule moved to the top', () => (order.splice(order.indexOf('dr-w'), 1), order.unshift('dr-w'))],
      ['the wildcard rule deleted', () => order.splice(order.indexOf('dr-w'), 1)],
      ['a document after the rule a fix adds to', () => (docs.set('x', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'), order.splice(order.indexOf('dr-b') + 1, 0, 'x'))],
      ['the pods of the subset relabelled', () => docs.set('svc-b', svc('b', 'v3'))],
    ];
    const full: Analyzer[] = [inner];
    const inc = new IncrementalAnalysis([spy]);
    const counts: number[] = [];
    for (const [name, step] of steps) {
      step();
      const snap = buildSnapshot([['mesh.yaml', order.map((k) => docs.get(k)).join('---\n')]]);
      checked.length = 0;
      assert.deepEqual(canonical(inc.analyze(snap)), canonical(new IncrementalAnalysis(full).analyze(snap)), name);
      counts.push(checked.reduce((a, b) => a + b, 0));
    }
    // Each edit checks the VirtualServices it may concern (those of the rule's host, those with
    // findings), not all six; a wildcard rule covers every host of the namespace.
    assert.equal(counts[0], apps.length);
    const narrow = steps.map(([name], i) => [name, counts[i]] as const).slice(1).filter(([name]) => !name.includes('wildcard'));
    assert.ok(narrow.every(([, n]) => n < apps.length), `VirtualServices checked after each edit: ${counts.join(', ')}`);
  });
});
