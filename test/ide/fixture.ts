import { readFileSync } from 'node:fs';
import { buildSnapshot, type Snapshot } from '../../server/src/core/workspace/snapshot';
import { splitFixture } from '../helpers/workspace';

/** A workspace from fixture text with one `$0` cursor (tests are data). `#- file: name.yaml`
 *  starts a file; `#- include: path` adds a file of the repository (the seed workload, say). */
export interface Fixture {
  snap: Snapshot;
  file: string;
  text: string;
  offset: number;
}

export function fixture(source: string): Fixture {
  const files = splitFixture(source, (name, value, add) => {
    if (name !== 'include') return false;
    add([value, readFileSync(value, 'utf8')]);
    return true;
  });
  let cursor: { file: string; offset: number; text: string } | undefined;
  const clean = files.map(([f, t]): [string, string] => {
    const i = t.indexOf('$0');
    if (i < 0) return [f, t];
    const text = t.slice(0, i) + t.slice(i + 2);
    cursor = { file: f, offset: i, text };
    return [f, text];
  });
  if (!cursor) throw new Error('fixture has no $0 cursor');
  return { snap: buildSnapshot(clean), ...cursor };
}
