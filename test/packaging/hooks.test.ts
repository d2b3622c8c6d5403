/** The hooks people plug in, run as their hosts would run them, against the packed package
 *  installed into a scratch npm prefix: the composite GitHub Action's `run:` steps with bash (GitHub
 *  runs `shell: bash` as `bash --noprofile --norc -eo pipefail`), and the pre-commit hooks' entries;
 *  with `pre-commit` installed (CI installs Debian's), `pre-commit try-repo` itself. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { BROKEN_VS } from '../cli/run';
import { npm, pack } from './pack';

const ROOT = process.cwd();

type Step = { name?: string; uses?: string; with?: Record<string, string>; if?: string; shell?: string; env?: Record<string, string>; run?: string };
type Action = { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };
type Hook = { id: string; entry: string; language: string; files: string; pass_filenames?: boolean };

let tmp: string;
let tarball: string;
/** The environment of a user whose npm installs globally into a scratch prefix. */
let userEnv: Record<string, string>;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'istio-lens-hooks-'));
  ({ tarball } = pack(tmp));
  const prefix = join(tmp, 'prefix');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))) as Record<string, string>;
  userEnv = { ...clean, npm_config_prefix: prefix, npm_config_offline: 'true', PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}` };
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A repository of the user's: the hello example, its variants and its routing tests. */
function workspace(name: string, extra: Record<string, string> = {}): string {
  const dir = join(tmp, name);
  for (const f of ['hello', 'hello-cases', 'hello-tests', 'hello-tests-broken']) cpSync(join(ROOT, 'examples', f), join(dir, f), { recursive: true });
  for (const [f, text] of Object.entries(extra)) writeFileSync(join(dir, f), text);
  return dir;
}

/** GitHub's `${{ … }}` for the expressions the action uses. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    if (expr.startsWith('inputs.') && expr.slice(7) in inputs) return inputs[expr.slice(7)];
    if (expr === 'github.action_path') return ROOT;
    throw new Error(`action.yml: no value for \${{ ${expr} }}`);
  });
}

/** Runs the action's steps in `cwd` as a runner would: each `run:` step with bash, a step without
 *  `if:` only while every step before it passed, `!cancelled()` always. */
function runAction(cwd: string, given: Record<string, string>): Array<{ name: string; status: number | null; stdout: string; stderr: string }> {
  const action = parse(readFileSync('action.yml', 'utf8')) as Action;
  assert.equal(action.runs.using, 'composite');
  for (const k of Object.keys(given)) assert.ok(k in action.inputs, `action.yml declares input ${k}`);
  const inputs = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...given };
  const results: Array<{ name: string; status: number | null; stdout: string; stderr: string }> = [];
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses) continue;
    const cond = step.if === undefined ? results.every((r) => r.status === 0) : step.if === '${{ !cancelled() }}' ? true : undefined;
    assert.notEqual(cond, undefined, `step ${i}: the test runs no if: ${step.if}`);
    if (!cond) continue;
    assert.equal(step.shell, 'bash', `step ${i} runs in bash`);
    const script = join(tmp, `step-${i}.sh`);
    writeFileSync(script, expand(step.run!, inputs));
    const env = { ...userEnv, RUNNER_TEMP: tmp, GITHUB_ACTION_PATH: ROOT, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)])) };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    results.push({ name: step.name ?? `step ${i}`, status: r.status, stdout: r.stdout, stderr: r.stderr });
  }
  return results;
}

describe('the GitHub Action (action.yml)', () => {
  it('sets up Node with actions/setup-node before anything runs', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as Action;
    assert.match(action.runs.steps[0].uses ?? '', /^actions\/setup-node@v\d+$/);
    assert.equal(action.runs.steps[0].with?.['node-version'], '${{ inputs.node-version }}');
  });

  it('installs the package, checks with GitHub annotations and runs the routing tests into JUnit', () => {
    const ws = workspace('action-ok');
    const steps = runAction(ws, { package: tarball, paths: 'hello hello-cases', tests: 'hello-tests' });
    assert.deepEqual(steps.map((s) => [s.name, s.status]), [['Install istio-lens', 0], ['istio-lens check', 0], ['istio-lens test', 0]], JSON.stringify(steps, null, 1));
    assert.match(steps[1].stdout, /^::notice file=hello\/case5\.yaml,line=\d+/m, 'findings are workflow-command annotations');
    const junit = readFileSync(join(ws, 'istio-lens-junit.xml'), 'utf8');
    assert.equal(junit.match(/<testcase /g)?.length, 9);
    assert.doesNotMatch(junit, /<failure/);
  });

  it('fails the job on a finding at or above fail-on, and still runs the tests', () => {
    const ws = workspace('action-fail', { 'broken.yaml': BROKEN_VS });
    const broken = runAction(ws, { package: tarball, paths: 'broken.yaml', tests: 'hello-tests-broken', junit: 'out/junit.xml' });
    assert.equal(broken[1].status, 1);
    assert.match(broken[1].stdout, /^::error file=broken\.yaml,line=18,.*IST0101/m);
    assert.equal(broken[2].status, 1, 'the failing routing test fails its step');
    assert.match(readFileSync(join(ws, 'out/junit.xml'), 'utf8'), /<failure/);
    const notes = runAction(ws, { package: tarball, paths: 'hello hello-cases', 'fail-on': 'info' });
    assert.equal(notes[1].status, 1, 'notes fail the check with fail-on: info');
    assert.match(notes[2].stdout, /skipped/, 'no tests input: the test step says it skipped');
    assert.equal(notes[2].status, 0);
  });
});

describe('the pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Hook[];
  const hook = (id: string) => hooks.find((h) => h.id === id)!;

  before(() => {
    const r = npm(['install', '--global', '--no-audit', '--no-fund', tarball], tmp, userEnv);
    assert.equal(r.status, 0, r.stderr);
  });

  it('declares check and test, on staged YAML, over the whole repository', () => {
    assert.deepEqual(hooks.map((h) => h.id), ['istio-lens-check', 'istio-lens-test']);
    for (const h of hooks) {
      assert.equal(h.pass_filenames, false, `${h.id}: routes refer to other files, so it reads the repository`);
      const files = new RegExp(h.files);
      assert.deepEqual(['a.yaml', 'deploy/b.yml', 'c.json', 'yaml.txt'].map((f) => files.test(f)), [true, true, false, false]);
    }
  });

  it('runs the entries as pre-commit would: a clean repository passes, a broken one fails', () => {
    const run = (id: string, cwd: string) => {
      const [cmd, ...args] = hook(id).entry.split(/\s+/);
      return spawnSync(cmd, args, { cwd, env: userEnv, encoding: 'utf8' });
    };
    const ok = workspace('hooks-ok');
    rmSync(join(ok, 'hello-tests-broken'), { recursive: true });
    assert.equal(run('istio-lens-check', ok).status, 0);
    assert.equal(run('istio-lens-test', ok).status, 0);
    const bad = workspace('hooks-bad', { 'broken.yaml': BROKEN_VS });
    const check = run('istio-lens-check', bad);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /broken\.yaml:18:\d+ error IST0101/);
    assert.equal(run('istio-lens-test', bad).status, 1, 'hello-tests-broken fails');
  });

  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  it('works through `pre-commit try-repo`', { skip: preCommit ? false : 'pre-commit is not installed (Debian: apt-get install pre-commit)' }, () => {
    const ws = workspace('try-repo', { 'broken.yaml': BROKEN_VS });
    rmSync(join(ws, 'hello-tests-broken'), { recursive: true });
    const env = { ...userEnv, PRE_COMMIT_HOME: join(tmp, 'pre-commit-home') };
    const git = (...args: string[]) => assert.equal(spawnSync('git', args, { cwd: ws, env }).status, 0, `git ${args.join(' ')}`);
    git('init', '-q');
    git('add', '-A');
    const tryRepo = (id: string) => spawnSync('pre-commit', ['try-repo', ROOT, id, '--all-files'], { cwd: ws, env, encoding: 'utf8' });
    const failed = tryRepo('istio-lens-check');
    assert.equal(failed.status, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /broken\.yaml:18:\d+ error IST0101/);
    git('rm', '-qf', 'broken.yaml');
    const passed = tryRepo('istio-lens-check');
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.equal(tryRepo('istio-lens-test').status, 0);
    assert.ok(existsSync(join(tmp, 'pre-commit-home')), 'pre-commit kept its cache in the test folder');
  });
});
