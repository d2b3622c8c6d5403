/** Bugs the fuzzer finds in code this harness does not own, until their owners fix them: the fuzz
 *  test reports them as `todo` instead of failing CI, and `npm run fuzz` counts them apart. Each
 *  entry has a minimal reproducer (also in docs/robustness.md); delete the entry once it is fixed and
 *  the fuzz test will fail again if it comes back. */
import { complete } from '../../../server/src/core/ide/completion';
import { parseCommandLine } from '../../../server/src/core/ide/simulate';
import { commandLineAt } from '../../../server/src/core/ide/simulateCommandLine';
import { buildSnapshot } from '../../../server/src/core/workspace/snapshot';
import type { Failure } from './pipeline';

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
    stage: 'complete',
    message: /Maximum call stack size exceeded[\s\S]*strip/,
    owner: 'core/ide (completionContext.ts: `strip` recurses into the cyclic object toJS makes of `&a [*a]`)',
    reproducer: "complete(buildSnapshot([]), 'kind: VirtualService\\nspec: &a [*a]\\n', 0) throws RangeError: Maximum call stack size exceeded",
    reproduce: () => void complete(buildSnapshot([]), 'kind: VirtualService\nspec: &a [*a]\n', 0),
  },
  {
    stage: 'commandLineAt',
    message: /its own command line does not parse/,
    owner: 'core/ide (routeRequest.ts: `--source-namespace` is not quoted; the namespace can hold a space while typed)',
    reproducer: 'a VirtualService in namespace "s hop" with a header match: commandLineAt gives `... --source-namespace s hop`, which parseCommandLine rejects',
    reproduce: () => {
      const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: r, namespace: "s hop" }\nspec:\n  hosts: [r]\n  http:\n  - match: [{ headers: { end-user: { exact: jason } } }]\n    route: [{ destination: { host: r } }]\n';
      const line = commandLineAt(buildSnapshot([['vs.yaml', vs]]), 'vs.yaml', vs.indexOf('match'))!.commandLine;
      const parsed = parseCommandLine(line);
      if ('error' in parsed) throw new Error(`${line}: ${parsed.error}`);
    },
  },
];

export function knownBugOf(f: Failure): KnownBug | undefined {
  return KNOWN_BUGS.find((k) => k.stage === f.stage && k.message.test(f.message));
}
