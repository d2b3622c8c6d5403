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
    message: /RangeError: Invalid count value: -\d+[\s\S]*keyItems/,
    owner: 'core/ide (completion.ts keyItems: `site.column` goes negative when the typed word continues a plain scalar from the line above)',
    reproducer: "complete(buildSnapshot([]), 'kind: VirtualService\\nspec:\\n  abcdefghijklmnop\\n  q', 47) throws RangeError: Invalid count value: -16",
    reproduce: () => void complete(buildSnapshot([]), 'kind: VirtualService\nspec:\n  abcdefghijklmnop\n  q', 47),
  },
  {
    stage: 'commandLineAt',
    message: /its own command line does not parse/,
    owner: 'core/ide (simulateCommandLine.ts: the fallback `GET http://${host}/` is not quoted like requestForRoute lines are)',
    reproducer: "commandLineAt on 'kind: VirtualService\\nmetadata: { name: vs }\\nspec:\\n  hosts: [a b]\\n' gives `GET http://a b.default.svc.cluster.local/`, which parseCommandLine rejects",
    reproduce: () => {
      const snap = buildSnapshot([['vs.yaml', 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: vs }\nspec:\n  hosts: [a b]\n']]);
      const line = commandLineAt(snap, 'vs.yaml', 0)!.commandLine;
      const parsed = parseCommandLine(line);
      if ('error' in parsed) throw new Error(`${line}: ${parsed.error}`);
    },
  },
];

export function knownBugOf(f: Failure): KnownBug | undefined {
  return KNOWN_BUGS.find((k) => k.stage === f.stage && k.message.test(f.message));
}
