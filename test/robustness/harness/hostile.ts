/** Hostile inputs, generated at test time (nothing large is committed), and a clock for them. */
import { readFileSync } from 'node:fs';
import { analyze } from '../../../server/src/core/analysis';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import { buildSnapshot, type Snapshot } from '../../../server/src/core/workspace/snapshot';
import type { Finding } from '../../../server/src/core/analysis';
import { generateMesh } from '../../../bench/generate';
import { cpuMs } from '../../helpers/cpu';

/** "Billion laughs": `levels` anchors, each a list of `width` aliases of the one before. */
export function aliasBomb(levels = 10, width = 9): string {
  let s = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: bomb }\nspec:\n';
  s += `  a0: &a0 [${Array(width).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i < levels; i++) s += `  a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s;
}

/** A multi-document file of about `bytes` characters: renamed copies of the mesh fixture (the same
 *  hosts again and again: for files that are refused, not analysed). */
export function largeManifest(bytes: number): string {
  const unit = readFileSync('test/robustness/fixtures/mesh.yaml', 'utf8');
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const copy = unit.replace(/name: ([\w-]+)/g, `name: $1-${i}`) + '\n---\n';
    parts.push(copy);
    size += copy.length;
  }
  return parts.join('').slice(0, bytes);
}

/** A realistic workspace file of about `bytes` characters: distinct apps, each a Service, two
 *  Deployments, a DestinationRule and a VirtualService (the benchmark's generator). */
export function realisticManifest(bytes: number): string {
  const perDocument = generateMesh(100).text.length / 100;
  return generateMesh(Math.ceil(bytes / perDocument)).text.slice(0, bytes);
}

export interface Outcome {
  snap: Snapshot;
  findings: Finding[];
  ms: number;
}

/** Builds the snapshot and analyzes it, with the CPU milliseconds it took: the work the server does
 *  when the file opens. */
export function load(name: string, text: string): Outcome {
  const { result: snap, ms: built } = cpuMs(() => buildSnapshot([[name, text]]));
  const { result: findings, ms: analysed } = cpuMs(() => analyze(snap));
  return { snap, findings, ms: built + analysed };
}

/** `line:character` (0-based, UTF-16) of an offset of the file. */
export function at(text: string, offset: number): string {
  return positionsIn(text)(offset);
}

export function positionsIn(text: string): (offset: number) => string {
  const idx = new LineIndex(text);
  return (offset) => {
    const p = idx.positionAt(offset);
    return `${p.line}:${p.character}`;
  };
}

/** Times of every hostile input, for the figures in docs/robustness.md. */
export const timings: { input: string; chars: number; ms: number }[] = [];

export function record(input: string, text: string, ms: number): void {
  timings.push({ input, chars: text.length, ms });
}
