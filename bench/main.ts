/** `npm run bench`: performance figures, printed as a table. Benchmarks, not tests: nothing here fails a build.
 *
 *  Builds dist/, writes generated workspaces to a temp dir, drives dist/server.js and
 *  yaml-language-server over LSP stdio on the same files, takes the `yaml` package's raw parse
 *  time of each file as the floor and prints every figure with its ratios. Options:
 *    --sizes=100,1000,5000   single-file sizes (documents)
 *    --workspace=2000x20000  files x documents of the workspace folder (0 to skip)
 *    --no-yaml-ls            skip yaml-language-server
 *    --no-build              use dist/ as it is
 *    --server=FILE           another build of the server (default dist/server.js)
 *    --markdown=FILE         also write the table to FILE */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawParseMs } from './floor';
import { runEditorSession, type EditorFigures, type SessionOptions } from './lsp/editorSession';
import { runIndexing } from './lsp/indexing';
import { REPO, istioLens, writeDispatchSchema, yamlLanguageServer, type ServerSpec } from './lsp/servers';
import { benchLspSimulate, type LspSimulateFigures } from './lsp/simulate';
import { renderTable, type Results, type SizeResult } from './report';
import { benchSimulate } from './simulate.bench';
import { generateMesh } from './generate';
import { writeMeshFile, writeWorkspace } from './workspaces';

function option(name: string): string | undefined {
  const a = process.argv.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
  return a === undefined ? undefined : (a.split('=')[1] ?? '');
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

async function main(): Promise<void> {
  const began = performance.now();
  const sizes = (option('sizes') ?? '100,1000,5000').split(',').map(Number).filter((x) => x > 0);
  const [wsFiles, wsDocs] = (option('workspace') ?? '2000x20000').split('x').map(Number);
  const withYamlLs = option('no-yaml-ls') === undefined;

  if (option('no-build') === undefined && option('server') === undefined) {
    log('building dist/');
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }

  const tmp = mkdtempSync(join(tmpdir(), 'istio-lens-bench-'));
  try {
    log('simulate, in process');
    const simulate = benchSimulate(5000, 3);
    const ours = istioLens(option('server'));
    const yamlLs = withYamlLs ? yamlLanguageServer(writeDispatchSchema(tmp)) : undefined;
    const warmup = writeMeshFile(join(tmp, 'warmup'), 100, 9);
    let lspSimulate: LspSimulateFigures | undefined;
    const results: SizeResult[] = [];
    for (const size of sizes) {
      const dir = join(tmp, `single-${size}`);
      const file = writeMeshFile(dir, size);
      const variants = [writeMeshFile(dir, size, 1), writeMeshFile(dir, size, 2)];
      const raw = rawParseMs([file.text], size >= 5000 ? 5 : 9);
      const r: SizeResult = { documents: file.documents, bytes: Buffer.byteLength(file.text), rawParseMs: raw };
      const session = (spec: ServerSpec, extra?: SessionOptions['extra']): Promise<EditorFigures> => {
        log(`${spec.name}: ${size}-document file`);
        const slow = spec.name === 'yaml-ls';
        return runEditorSession(spec, file, tmp, { warmup, variants, budgetMs: slow ? 15_000 : 5_000, timeoutMs: slow ? 180_000 : 60_000, extra });
      };
      const hosts = generateMesh(size).hosts;
      r.ours = await session(ours, size === Math.max(...sizes)
        ? async (client, f) => {
          log('istio-lens: istioLens/simulate over LSP');
          lspSimulate = await benchLspSimulate(client, f.uri, hosts);
        }
        : undefined);
      if (yamlLs) r.yamlLs = await session(yamlLs);
      results.push(r);
    }
    let workspace: Results['workspace'];
    if (wsFiles > 0 && wsDocs > 0) {
      log(`workspace: ${wsDocs} documents in ${wsFiles} files`);
      const ws = writeWorkspace(join(tmp, 'workspace'), wsFiles, wsDocs);
      const texts = ws.files.map((f) => f.text);
      const raw = rawParseMs(texts, 3);
      workspace = { rawParseMs: raw, ours: await runIndexing(ours, ws, tmp, 180_000) };
    }
    const table = renderTable({ date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', sizes: results, workspace, simulate, lspSimulate, seconds: (performance.now() - began) / 1000 });
    console.log(table);
    const md = option('markdown');
    if (md) writeFileSync(md, table + '\n');
    const json = option('json');
    if (json) writeFileSync(json, JSON.stringify({ sizes: results, workspace, simulate, lspSimulate }, null, 1));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
