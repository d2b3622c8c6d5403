/** Editor features on cyclic values and odd namespaces (reproducers of docs/robustness.md). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/ide/completion';
import { parseCommandLine } from '../../server/src/core/ide/simulate';
import { commandLineAt } from '../../server/src/core/ide/simulateCommandLine';
import { buildSnapshot } from '../../server/src/core/workspace/snapshot';

describe('editor features on hostile documents', () => {
  it('completion on a recursive alias (&a [*a]) does not overflow the stack', () => {
    const text = 'kind: VirtualService\nspec: &a [*a]\n';
    for (let o = 0; o <= text.length; o++) assert.doesNotThrow(() => complete(buildSnapshot([]), text, o));
  });
  it('a prefilled Simulate line quotes a namespace with a space, so it parses back', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: r, namespace: "s hop" }\nspec:\n  hosts: [r]\n  http:\n  - match: [{ headers: { end-user: { exact: jason } } }]\n    route: [{ destination: { host: r } }]\n';
    const line = commandLineAt(buildSnapshot([['vs.yaml', vs]]), 'vs.yaml', vs.indexOf('match'))!.commandLine;
    const parsed = parseCommandLine(line);
    assert.ok(!('error' in parsed), line);
    assert.equal(parsed.flags.sourceNamespace, 's hop');
  });
});
