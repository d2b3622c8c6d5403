/** Bugs the fuzzer finds in code this harness does not own, until their owners fix them: the fuzz
 *  test reports them as `todo` instead of failing CI, and `npm run fuzz` counts them apart. Each
 *  entry has a minimal reproducer (also in docs/robustness.md); delete the entry once it is fixed and
 *  the fuzz test will fail again if it comes back. None is open: the last one (code lenses over
 *  200 ms on long rule lists) was fixed in core/ide/lensDecision.ts.
 *
 *  An entry: `{ stage: 'codeLenses', message: /^took \d+ ms/, owner: 'core/ide/codeLens.ts',
 *  reproducer: '<the fuzz case input>', reproduce() { <runCase(toCase(loadCorpus(), input)); throw
 *  while the failure is there> } }`. */
import type { Failure } from './pipeline';

export interface KnownBug {
  stage: string;
  message: RegExp;
  owner: string;
  reproducer: string;
  /** Runs the reproducer: throws while the bug is there. */
  reproduce(): void;
}

export const KNOWN_BUGS: KnownBug[] = [];

export function knownBugOf(f: Failure): KnownBug | undefined {
  return KNOWN_BUGS.find((k) => k.stage === f.stage && k.message.test(f.message));
}
