/** Bugs the fuzzer finds in code this harness does not own, until their owners fix them: the fuzz
 *  test reports them as `todo` instead of failing CI, and `npm run fuzz` counts them apart. Each
 *  entry has a minimal reproducer (also in docs/robustness.md); delete the entry once it is fixed and
 *  the fuzz test will fail again if it comes back. */
import { toCase } from './cases';
import { loadCorpus } from './corpus';
import { runCase, type Failure } from './pipeline';

export interface KnownBug {
  stage: string;
  message: RegExp;
  owner: string;
  reproducer: string;
  /** Runs the reproducer: throws while the bug is there. */
  reproduce(): void;
}

export const KNOWN_BUGS: KnownBug[] = [
  {
    stage: 'codeLenses',
    message: /^took \d+ ms/,
    owner: 'core/ide/codeLens.ts',
    reproducer: 'codeLenses on examples seed 3 with 120 lines of `- a: b: c` inserted: 483 ms of CPU (the fuzz case {"seed":3,"mutations":[{"op":"block","line":246740,"shape":"problems","n":120},{"op":"delete","at":407913,"length":1}]})',
    reproduce() {
      const corpus = loadCorpus();
      const c = toCase(corpus, { seed: 3, mutations: [{ op: 'block', line: 246740, shape: 'problems', n: 120 }, { op: 'delete', at: 407913, length: 1 }], requests: [], offsets: [0] });
      runCase(toCase(corpus, { seed: 0, mutations: [], requests: [], offsets: [0] }));
      const slow = runCase(c).failures.filter((f) => f.stage === 'codeLenses');
      if (slow.length) throw new Error(slow[0].message);
    },
  },
];

export function knownBugOf(f: Failure): KnownBug | undefined {
  return KNOWN_BUGS.find((k) => k.stage === f.stage && k.message.test(f.message));
}
