/** Benchmark inputs written to a temp dir (never into the repository): meshes of N documents with
 *  one planted schema error near the end (its diagnostic proves a server analysed the whole file),
 *  the spots where one-character edits flip a value between valid and invalid, and a workspace of
 *  many files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateMesh } from './generate';

export interface Position {
  line: number;
  character: number;
}

/** A one-character integer value that an edit turns into `x` (a schema error) and back. */
export interface Spot extends Position {
  original: string;
}

export interface BenchFile {
  path: string;
  uri: string;
  text: string;
  documents: number;
  /** Line of the planted `weight: 1x` (an integer field holding a string). */
  plantedLine: number;
  /** Spots sorted by distance from the middle of the file. */
  spots: Spot[];
  /** On a route destination's `host` value / after `subset: ` in the middle of the file. */
  hoverAt: Position;
  completionAt: Position;
}

const INTEGER_FIELD = /^(\s*-?\s*)(weight|port|containerPort|replicas): (\d+)$/;

/** The mesh of `documents` documents; `variant` renames every app so no document text repeats. */
export function meshText(documents: number, variant = 0): string {
  const text = generateMesh(documents).text;
  const renamed = variant === 0 ? text : text.replace(/\bapp-/g, `app${variant}-`);
  const planted = renamed.lastIndexOf('weight: 10\n');
  return planted < 0 ? renamed : `${renamed.slice(0, planted)}weight: 1x\n${renamed.slice(planted + 'weight: 10\n'.length)}`;
}

export function describeFile(path: string, text: string): BenchFile {
  const lines = text.split('\n');
  const middle = lines.length >> 1;
  const plantedLine = lines.findIndex((l) => /weight: 1x$/.test(l));
  const spots: Spot[] = [];
  lines.forEach((l, line) => {
    const m = INTEGER_FIELD.exec(l);
    if (m && !(m[2] === 'port' && /targetPort/.test(l))) spots.push({ line, character: l.length - 1, original: l[l.length - 1] });
  });
  spots.sort((a, b) => Math.abs(a.line - middle) - Math.abs(b.line - middle) || a.line - b.line);
  const near = (re: RegExp) => {
    for (let d = 0; d < lines.length; d++)
      for (const line of [middle + d, middle - d]) if (line >= 0 && line < lines.length && re.test(lines[line])) return line;
    return middle;
  };
  const hostLine = near(/^\s+host: app/);
  const subsetLine = near(/^\s+subset: v\d$/);
  return {
    path,
    uri: pathToFileURL(path).href,
    text,
    documents: text.split(/^---$/m).length,
    plantedLine,
    spots,
    hoverAt: { line: hostLine, character: lines[hostLine].indexOf('host: ') + 'host: '.length + 2 },
    completionAt: { line: subsetLine, character: lines[subsetLine].length },
  };
}

export function writeMeshFile(dir: string, documents: number, variant = 0): BenchFile {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `mesh-${documents}${variant ? `-v${variant}` : ''}.yaml`);
  const text = meshText(documents, variant);
  writeFileSync(path, text);
  return describeFile(path, text);
}

export interface BenchWorkspace {
  dir: string;
  files: BenchFile[];
  documents: number;
}

/** `files` files of `documents / files` documents each, every file its own apps and one planted error. */
export function writeWorkspace(dir: string, files: number, documents: number): BenchWorkspace {
  mkdirSync(dir, { recursive: true });
  const per = Math.ceil(documents / files);
  const out: BenchFile[] = [];
  let total = 0;
  for (let f = 0; f < files; f++) {
    const sub = join(dir, `team-${f % 20}`);
    mkdirSync(sub, { recursive: true });
    const text = meshText(per, f + 1);
    const path = join(sub, `apps-${f}.yaml`);
    writeFileSync(path, text);
    const file = describeFile(path, text);
    total += file.documents;
    out.push(file);
  }
  return { dir, files: out, documents: total };
}
