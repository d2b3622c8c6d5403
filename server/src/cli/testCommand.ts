import { realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { TestDocument, TestDocumentResult } from '../core/testing/model';
import { findTestDocuments, runTestDocument } from '../core/testing/run';
import { buildSnapshot, type Snapshot } from '../core/workspace/snapshot';
import { collectFiles } from './files';
import { junitXml } from './junit';
import { Lines, testJson, testText } from './renderTest';
import { safe, safeLines } from './terminal';
import { requireExisting, UsageError, workspaceOptions, type WorkspaceFlags } from './workspace';

export interface TestFlags extends WorkspaceFlags {
  junit?: string;
  json?: boolean;
}

/** Why a `spec.config` path may not be read, or undefined when it may: it must stay inside the
 *  current folder (the project), a named folder or the folder of a named file, and reach no further through a
 *  symbolic link. A test file from a cloned repository naming `/` or `../../elsewhere` made the
 *  tool walk the whole file system and print other projects' paths. */
function outsideTree(path: string, roots: string[]): string | undefined {
  // A test file named on its own brings its folder (its configuration usually sits beside it).
  const trees = [process.cwd(), ...roots.filter((r) => r !== '-').map((r) => (isFile(r) ? dirname(resolve(r)) : resolve(r)))];
  const inside = (p: string, trees: string[]) => trees.some((t) => {
    const rel = relative(t, p);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  });
  const abs = resolve(path);
  if (!inside(abs, trees)) return 'outside the tested tree (the current folder and the paths named)';
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return undefined; // missing: reported as such by the read
  }
  const realTrees = trees.flatMap((t) => {
    try {
      return [realpathSync(t)];
    } catch {
      return [];
    }
  });
  return inside(real, realTrees) ? undefined : 'a symbolic link out of the tested tree';
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** `istio-lens test [PATH...]`: every routing test under the paths, each against the configuration it
 *  names (`spec.config`, relative to the test file) or else every configuration file under the paths.
 *  Exit 0 when all pass, 1 when one fails, 2 for bad usage or when there is no test. */
export function runTests(paths: string[], flags: TestFlags): number {
  const roots = paths.length ? paths : ['.'];
  const texts = new Map<string, string>();
  requireExisting(roots);
  const loaded = collectFiles(roots, flags.collect);
  for (const e of loaded.errors) process.stderr.write(`istio-lens: ${safe(e)}\n`);
  for (const [f, t] of loaded.files) texts.set(f, t);
  const options = workspaceOptions(flags);
  const workspace = buildSnapshot(loaded.files, options);
  const tests = findTestDocuments(workspace);
  if (!tests.length) {
    throw new UsageError(`no routing test found under ${roots.map(safe).join(' ')}: a test file is YAML with "apiVersion: lens.istio-lens.dev/v1alpha1" and "kind: RoutingTest", or istio-config-validator's "testCases:" (see docs/routing-tests.md)`);
  }
  const snapshots = new Map<string, Snapshot>();
  const snapshotFor = (test: TestDocument): { snap: Snapshot; test: TestDocument } => {
    if (!test.config.length) return { snap: workspace, test };
    const errors = [...test.errors];
    const wanted = test.config.map((c) => ({ ...c, resolved: isAbsolute(c.path) ? c.path : join(dirname(test.file), c.path) })).filter((w) => {
      const why = outsideTree(w.resolved, roots);
      if (why) errors.push({ message: `spec.config: ${safe(w.path)}: ${why}: not read`, span: w.span });
      return !why;
    });
    const key = JSON.stringify([test.file, ...wanted.map((w) => w.resolved).sort()]);
    let snap = snapshots.get(key);
    if (!snap) {
      // The test file itself from what was read (it may have come from standard input).
      const conf = collectFiles(wanted.map((w) => w.resolved), flags.collect);
      conf.files.push([test.file, texts.get(test.file) ?? '']);
      for (const [f, t] of conf.files) texts.set(f, t);
      snap = buildSnapshot(conf.files, options);
      snapshots.set(key, snap);
      for (const w of wanted) {
        const err = conf.errors.find((e) => e.startsWith(`${w.resolved}:`));
        if (err) errors.push({ message: `spec.config: ${err}`, span: w.span });
      }
    }
    return { snap, test: errors.length === test.errors.length ? test : { ...test, errors } };
  };
  const results: TestDocumentResult[] = tests.map((t) => {
    const { snap, test } = snapshotFor(t);
    return runTestDocument(snap, test);
  });
  const lines = new Lines((f) => texts.get(f));
  if (flags.junit) {
    try {
      writeFileSync(flags.junit, junitXml(results, lines));
    } catch (e) {
      throw new UsageError(`--junit ${safe(flags.junit)}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  process.stdout.write(flags.json ? JSON.stringify(testJson(results, lines), null, 2) + '\n' : safeLines(testText(results, lines)) + '\n');
  return results.some((r) => r.failed > 0) ? 1 : 0;
}
