import { spawnSync } from 'node:child_process';
import { parseRequest, type RequestInput } from '../../server/src/core/routing/request';
import type { SimResult } from '../../server/src/core/routing/result';
import { simulate } from '../../server/src/core/routing/simulate';
import { buildSnapshot, type Snapshot, type WorkspaceOptions } from '../../server/src/core/workspace/snapshot';

/** Fixture text split into files: `#- file: name.yaml` starts a file (tests are data);
 *  other `#- name: value` directives go to `directive`, which may add files of its own. */
export function splitFixture(text: string, directive?: (name: string, value: string, add: (file: [string, string]) => void) => boolean): [string, string][] {
  const files: [string, string][] = [];
  let name = 'fixture.yaml';
  let lines: string[] = [];
  const flush = () => {
    if (lines.some((l) => l.trim())) files.push([name, lines.join('\n')]);
    lines = [];
  };
  for (const line of text.split('\n')) {
    const m = /^#- (\w+): (.+)$/.exec(line);
    if (m && m[1] === 'file') {
      flush();
      name = m[2].trim();
    } else if (m && directive?.(m[1], m[2].trim(), (f) => (flush(), files.push(f)))) continue;
    else lines.push(line);
  }
  flush();
  return files;
}

/** A workspace from fixture text. */
export function workspace(text: string, options: Partial<WorkspaceOptions> = {}): Snapshot {
  return buildSnapshot(splitFixture(text), options);
}

export function sim(snap: Snapshot, input: RequestInput | string): SimResult {
  return simulate(snap, parseRequest(typeof input === 'string' ? { url: input } : input));
}

/** Runs the built CLI (dist/cli.js; `npm test` builds first). */
export function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function shares(res: SimResult): Record<string, number> {
  return Object.fromEntries(res.destinations.map((d) => [`${d.host}${d.subset ? '/' + d.subset : ''}:${d.port}`, d.weight]));
}

export function pods(res: SimResult): string[] {
  return res.destinations.flatMap((d) => d.endpoints.map((e) => e.pod ?? `${e.ip}`)).sort();
}
