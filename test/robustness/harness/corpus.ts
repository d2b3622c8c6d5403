/** The valid configurations the fuzzer starts from: every YAML under examples/ and the richer mesh
 *  of ../fixtures (gateway, tcp/tls, ServiceEntry, delegation, Korean and emoji text). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SeedFile {
  name: string;
  text: string;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

export function loadCorpus(root = process.cwd()): SeedFile[] {
  const paths = [...yamlFiles(join(root, 'examples')), ...yamlFiles(join(root, 'test/robustness/fixtures'))];
  return paths.map((p) => ({ name: p.slice(root.length + 1), text: readFileSync(p, 'utf8') }));
}
