/** The before/after comparison's cases: `check --json` on every example and fixture, and
 *  `simulate --json` for the requests of their routing tests plus requests built from each
 *  VirtualService (one per host and port, and one per match of each rule). The cases are read from
 *  the raw YAML with the `yaml` library, not with the engine under test, so a change to the engine
 *  cannot change which requests are compared. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findTestDocuments } from '../../server/src/core/testing/run';
import { validatorGateway } from '../../server/src/core/testing/validatorFormat';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

export interface CompareCase {
  /** Unique and stable: the key of the case in the golden file. */
  name: string;
  args: string[];
}

type Raw = Record<string, unknown>;
const o = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** Folders holding YAML directly, under examples/. */
function exampleFolders(): string[] {
  const dirs = new Set(yamlFiles('examples').map(dirname));
  return [...dirs].sort();
}

/** Every workspace the comparison checks and simulates on: each example folder, the hello
 *  workloads with each hello case (as the examples' routing tests read them), each fixture file. */
export function workspaces(): string[][] {
  const out: string[][] = [['examples'], ...exampleFolders().map((d) => [d])];
  for (const d of exampleFolders().filter((x) => x.startsWith('examples/hello-cases/'))) out.push(['examples/hello/workload.yaml', d]);
  for (const f of yamlFiles('test/analysis/fixtures')) out.push([f]);
  out.push(['test/robustness/fixtures/mesh.yaml'], ['test/routingtest/fixtures/validator/config.yaml']);
  return out;
}

function docsOf(paths: string[]): Raw[] {
  const files = paths.flatMap((p) => (statSync(p).isDirectory() ? yamlFiles(p) : [p]));
  const out: Raw[] = [];
  for (const f of files) {
    for (const d of parseAllDocuments(readFileSync(f, 'utf8'))) {
      try {
        const js = o(d.toJS({ maxAliasCount: 100 }));
        for (const item of js.kind === 'List' ? a(js.items).map(o) : [js]) out.push(item);
      } catch {
        // A broken document yields no request; `check` still reports it.
      }
    }
  }
  return out;
}

/** A request that a string match accepts, where one is easy to write. */
function sample(m: unknown): string | undefined {
  const x = o(m);
  return s(x.exact) ?? s(x.prefix);
}

function concreteHost(h: string): string | undefined {
  if (h === '*') return undefined;
  return h.startsWith('*.') ? `www${h.slice(1)}` : h;
}

/** Requests built from the VirtualServices of a workspace. */
function vsRequests(paths: string[]): string[][] {
  const docs = docsOf(paths);
  const servicePorts = new Map<string, number[]>();
  for (const d of docs.filter((x) => x.kind === 'Service')) {
    servicePorts.set(s(o(d.metadata).name) ?? '', a(o(d.spec).ports).map((p) => Number(o(p).port)).filter(Number.isInteger));
  }
  const out: string[][] = [];
  for (const vs of docs.filter((x) => x.kind === 'VirtualService')) {
    const ns = s(o(vs.metadata).namespace) ?? 'default';
    const spec = o(vs.spec);
    const gws = a(spec.gateways).map(s).filter((g): g is string => !!g);
    const gateways = gws.length ? gws.map((g) => (g === 'mesh' || g.includes('/') ? g : `${ns}/${g}`)) : ['mesh'];
    for (const host of a(spec.hosts).map(s).map((h) => (h ? concreteHost(h) : undefined))) {
      if (!host) continue;
      const ports = [80, ...(servicePorts.get(host.split('.')[0]) ?? [])];
      for (const gateway of gateways) {
        const gw = ['--gateway', gateway];
        for (const port of ports) out.push(['--url', `http://${host}:${port}/`, ...gw]);
        a(spec.http).forEach((rule) => {
          for (const m of a(o(rule).match).map(o)) {
            const args = ['--url', `http://${host}:${Number(m.port) || ports[ports.length - 1]}${sample(m.uri) ?? '/'}`, ...gw];
            const method = sample(m.method);
            if (method) args.push('-X', method);
            for (const [k, v] of Object.entries(o(m.headers))) {
              const value = sample(v);
              if (value !== undefined) args.push('-H', `${k}: ${value}`);
            }
            const labels = Object.entries(o(m.sourceLabels)).map(([k, v]) => `${k}=${String(v)}`);
            if (labels.length) args.push('--source-labels', labels.join(','));
            if (s(m.sourceNamespace)) args.push('--source-namespace', s(m.sourceNamespace)!);
            out.push(args);
          }
        });
        for (const [scheme, list] of [['tcp', spec.tcp], ['tls', spec.tls]] as const) {
          for (const rule of a(list)) {
            for (const m of a(o(rule).match).length ? a(o(rule).match).map(o) : [{}]) {
              const port = Number(m.port) || ports[ports.length - 1];
              const sni = s(a(m.sniHosts)[0]);
              out.push(['--url', `${scheme}://${host}:${port}`, ...(sni ? ['--sni', concreteHost(sni) ?? host] : []), ...gw]);
            }
          }
        }
      }
    }
  }
  return out;
}

/** The requests of the routing tests in the examples and fixtures, each on the workspace it names. */
function routingTestRequests(): CompareCase[] {
  const files = [...yamlFiles('examples/hello-tests'), ...yamlFiles('examples/hello-tests-broken'), 'test/routingtest/fixtures/validator/tests.yaml'];
  const out: CompareCase[] = [];
  for (const file of files) {
    const own = buildSnapshot([[file, readFileSync(file, 'utf8')]]);
    for (const test of findTestDocuments(own)) {
      const config = test.config.length
        ? test.config.map((c) => join(dirname(file), c.path))
        : [dirname(file)];
      const ws = buildSnapshot(docsPaths(config).map((p) => [p, readFileSync(p, 'utf8')]));
      for (const c of test.cases) {
        const r = c.request;
        if (!r) continue;
        const args = ['--url', r.url];
        if (r.method) args.push('-X', r.method);
        for (const [k, v] of Object.entries(r.headers)) args.push('-H', `${k}: ${v}`);
        if (r.sni) args.push('--sni', r.sni);
        if (r.from) args.push('--from', r.from.includes('/') ? r.from : `${test.namespace}/${r.from}`);
        else args.push('--source-namespace', test.namespace);
        if (r.sourceLabels) args.push('--source-labels', Object.entries(r.sourceLabels).map(([k, v]) => `${k}=${v}`).join(','));
        if (r.sourceNamespace) args.push('--source-namespace', r.sourceNamespace);
        let gateway = r.gateway;
        if (!gateway && test.format === 'istioConfigValidator') {
          try {
            gateway = validatorGateway(ws, new URL(r.url).host);
          } catch {
            gateway = undefined;
          }
        }
        if (gateway) args.push('--gateway', gateway);
        out.push({ name: `simulate ${file} #${c.index} ${c.name}`, args: ['simulate', ...config, '--json', ...args] });
      }
    }
  }
  return out;
}

function docsPaths(paths: string[]): string[] {
  return paths.flatMap((p) => (statSync(p).isDirectory() ? yamlFiles(p) : [p]));
}

export function compareCases(): { check: CompareCase[]; simulate: CompareCase[] } {
  const ws = workspaces();
  const check = ws.map((paths) => ({ name: `check ${paths.join(' ')}`, args: ['check', ...paths, '--json'] }));
  const simulate: CompareCase[] = [];
  for (const paths of ws) {
    const seen = new Set<string>();
    for (const req of vsRequests(paths)) {
      const name = `simulate ${paths.join(' ')} ${req.join(' ')}`;
      if (seen.has(name)) continue;
      seen.add(name);
      simulate.push({ name, args: ['simulate', ...paths, '--json', ...req] });
    }
  }
  simulate.push(...routingTestRequests());
  return { check, simulate };
}
