/** `npm run bench`: performance figures, printed as a table. Benchmarks, not tests: nothing here fails a build.
 *
 *  Builds dist/, writes generated workspaces to a temp dir, drives dist/server.js and
 *  yaml-language-server over LSP stdio on the same files, takes the `yaml` package's raw parse
 *  time of each file as the floor and prints every figure with its ratios. Options:
 *    --sizes=100,1000,5000   single-file sizes (documents)
 *    --workspace=2000x20000,5000x50000  files x documents of each workspace folder (0 to skip)
 *    --check=1000x10000      files x documents of the repository `check` runs on, clean and unresolved (0 to skip)
 *    --rows=editor,meaning,reopen,long,workspace,check,simulate   only these groups of rows (default all):
 *                            editor: open/edit/completion/hover/keystrokes per size; meaning: the first
 *                            edit after open and meaning-changing edits (largest size); reopen: 10
 *                            re-opens (largest size); long: RSS over 1,000 keystrokes (largest size)
 *    --quick                 --sizes=5000 --no-yaml-ls, fewer samples (3 rounds of edits, 5 re-opens,
 *                            one check run each); combine with --rows to run one row alone
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
import { benchCheck, type CheckFigures } from './check';
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
  const quick = option('quick') !== undefined;
  const sizes = (option('sizes') ?? (quick ? '5000' : '100,1000,5000')).split(',').map(Number).filter((x) => x > 0);
  const rows = new Set((option('rows') ?? 'editor,meaning,reopen,long,workspace,check,simulate').split(','));
  const pairs = (v: string) => v.split(',').map((p) => p.split('x').map(Number)).filter(([f, d]) => f > 0 && d > 0);
  const workspaces = rows.has('workspace') ? pairs(option('workspace') ?? '2000x20000,5000x50000') : [];
  const [checkSize] = rows.has('check') ? pairs(option('check') ?? '1000x10000') : [];
  const editor = rows.has('editor') || rows.has('meaning') || rows.has('reopen') || rows.has('long');
  const withYamlLs = option('no-yaml-ls') === undefined && !quick && rows.has('editor');

  if (option('no-build') === undefined && option('server') === undefined) {
    log('building dist/');
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }

  const tmp = mkdtempSync(join(tmpdir(), 'istio-lens-bench-'));
  try {
    let simulate: Results['simulate'];
    if (rows.has('simulate')) {
      log('simulate, in process');
      simulate = benchSimulate(5000, 3);
    }
    let check: CheckFigures | undefined;
    if (checkSize) {
      log(`check: ${checkSize[1]} documents in ${checkSize[0]} files, clean and every host unresolved`);
      check = benchCheck(tmp, checkSize[0], checkSize[1], quick ? 1 : 3);
    }
    const ours = istioLens(option('server'));
    const yamlLs = withYamlLs ? yamlLanguageServer(writeDispatchSchema(tmp)) : undefined;
    const warmup = writeMeshFile(join(tmp, 'warmup'), 100, 9);
    let lspSimulate: LspSimulateFigures | undefined;
    const results: SizeResult[] = [];
    for (const size of editor ? sizes : []) {
      const dir = join(tmp, `single-${size}`);
      const file = writeMeshFile(dir, size);
      const variants = [writeMeshFile(dir, size, 1), writeMeshFile(dir, size, 2)];
      const raw = rawParseMs([file.text], size >= 5000 ? 5 : 9);
      const r: SizeResult = { documents: file.documents, bytes: Buffer.byteLength(file.text), rawParseMs: raw };
      const largest = size === Math.max(...sizes);
      const session = (spec: ServerSpec, extra?: SessionOptions['extra']): Promise<EditorFigures> => {
        log(`${spec.name}: ${size}-document file`);
        const slow = spec.name === 'yaml-ls';
        // The rows about what a user does over a session: ours, on the largest file.
        const long = !slow && largest;
        return runEditorSession(spec, file, tmp, {
          warmup, variants, budgetMs: slow ? 15_000 : 5_000, timeoutMs: slow ? 180_000 : 60_000, extra,
          meaningRounds: long && rows.has('meaning') ? (quick ? 3 : 6) : 0,
          reopens: long && rows.has('reopen') ? (quick ? 5 : 10) : 0,
          longEdits: long && rows.has('long') ? 1000 : 0,
        });
      };
      const hosts = generateMesh(size).hosts;
      r.ours = await session(ours, largest && rows.has('simulate')
        ? async (client, f) => {
          log('istio-lens: istioLens/simulate over LSP');
          lspSimulate = await benchLspSimulate(client, f.uri, hosts);
        }
        : undefined);
      if (yamlLs) r.yamlLs = await session(yamlLs);
      results.push(r);
    }
    const workspace: NonNullable<Results['workspace']> = [];
    for (const [wsFiles, wsDocs] of workspaces) {
      log(`workspace: ${wsDocs} documents in ${wsFiles} files`);
      const ws = writeWorkspace(join(tmp, `workspace-${wsFiles}`), wsFiles, wsDocs);
      const texts = ws.files.map((f) => f.text);
      const raw = rawParseMs(texts, 3);
      workspace.push({ rawParseMs: raw, ours: await runIndexing(ours, ws, tmp, 600_000) });
      rmSync(ws.dir, { recursive: true, force: true });
    }
    const all = { sizes: results, workspace, simulate, lspSimulate, check };
    const table = renderTable({ date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', ...all, seconds: (performance.now() - began) / 1000 });
    console.log(table);
    const md = option('markdown');
    if (md) writeFileSync(md, table + '\n');
    const json = option('json');
    if (json) writeFileSync(json, JSON.stringify(all, null, 1));
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
