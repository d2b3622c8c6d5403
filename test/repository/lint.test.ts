/** Lint (eslint.config.mjs) holds the layering of docs/architecture.md: the core imports no Node
 *  module, no editor or command-line library and nothing from lsp/, cli/ or protocol/; the client
 *  imports only server/src/protocol from the server. Each rule is shown to fire, then the whole
 *  repository must lint clean. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

/** The messages of the import rule for `code` placed at `filePath`. */
async function restricted(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint', () => {
  it('keeps the core free of I/O, editor and edge code', async () => {
    const core = 'server/src/core/routing/example.ts';
    const broken = [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import { createConnection } from 'vscode-languageserver/node';",
      "import { Command } from 'commander';",
      "import { pathFilter } from '../../lsp/settings';",
      "import { runCheck } from '../../cli/checkCommand';",
      "import { SIMULATE_METHOD } from '../../protocol/simulate';",
    ];
    for (const line of broken) assert.equal((await restricted(core, `${line}\nexport const x = [${line.match(/\{ (\w+) \}/)![1]}];\n`)).length, 1, line);
    const allowed = "import { lowerFile } from '../model/lower';\nimport type { RoutingProtocol } from '../workspace/protocol';\nexport const x: [typeof lowerFile, RoutingProtocol?] = [lowerFile];\n";
    assert.deepEqual(await restricted(core, allowed), []);
  });

  it('lets the client import only the protocol from the server', async () => {
    const client = 'client/src/example.ts';
    assert.equal((await restricted(client, "import { simulate } from '../../server/src/core/routing/simulate';\nexport const x = simulate;\n")).length, 1);
    assert.equal((await restricted(client, "import { startServer } from '../../server/src/lsp/server';\nexport const x = startServer;\n")).length, 1);
    assert.deepEqual(await restricted(client, "import { SIMULATE_METHOD } from '../../server/src/protocol/simulate';\nexport const x = SIMULATE_METHOD;\n"), []);
  });

  it('finds no problem in the repository', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(process.cwd().length + 1)}:${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`));
    assert.deepEqual(problems, []);
  });
});
