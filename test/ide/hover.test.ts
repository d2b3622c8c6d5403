/** Hover markdown through core/ide, one fixture per file in hover/ with a golden .md next to it. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/core/ide/hover';
import { fixture } from './fixture';
import { assertGolden, caretLine } from './golden';

const DIR = 'test/ide/hover';

describe('hover goldens', () => {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    it(name, () => {
      const f = fixture(readFileSync(join(DIR, name), 'utf8'));
      const h = hover(f.snap, f.file, f.offset);
      assert.ok(h, 'a hover is shown');
      const out = `${h.span ? caretLine(f.text, h.span) : '(no span)'}\n\n${h.contents}\n`;
      assertGolden(join(DIR, name.replace(/\.yaml$/, '.md')), out);
    });
  }
});

describe('hover on text newer than the snapshot', () => {
  it('reads the document under the cursor from the live text and the rest from the snapshot', () => {
    const f = fixture(readFileSync(join(DIR, 'pod-name.yaml'), 'utf8'));
    const live = `# two lines typed since\n# the last analysis\n${f.text}`;
    const shift = live.length - f.text.length;
    const h = hover(f.snap, f.file, f.offset + shift, live);
    assert.ok(h?.span);
    assert.equal(live.slice(h.span.start, h.span.end), 'hello-server-v2');
    assert.equal(h.contents, hover(f.snap, f.file, f.offset)?.contents);
  });

  it('does not list the hovered VirtualService among the others for its host', () => {
    const f = fixture(readFileSync(join(DIR, 'vs-name.yaml'), 'utf8'));
    const live = `\n${f.text}`;
    const h = hover(f.snap, f.file, f.offset + 1, live);
    assert.match(h!.contents, /Other VirtualServices for the same host: default\/vs-hello-extra \(other.yaml\)$/);
  });
});

describe('hover stays quiet', () => {
  it('says nothing on a value that refers to nothing', () => {
    const f = fixture('#- file: vs.yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  http:\n  - timeout: 5$0s\n');
    assert.equal(hover(f.snap, f.file, f.offset), undefined);
  });
  it('says nothing in YAML that is not a Kubernetes resource', () => {
    const f = fixture('#- file: ci.yaml\njobs:\n  build:\n    runs-on: ubu$0ntu\n');
    assert.equal(hover(f.snap, f.file, f.offset), undefined);
  });
});
