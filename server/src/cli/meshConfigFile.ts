/** `--mesh-config FILE` (and a config file's `meshConfig` key): a MeshConfig YAML file in the format of
 *  `istioctl analyze --meshConfigFile`, read for the core (core/workspace/meshConfig.ts). A file that
 *  cannot be read or is not a MeshConfig is a usage error naming the file and position. */
import { readFileSync } from 'node:fs';
import { LineIndex } from '../core/text/lineIndex';
import { readMeshConfigFile, type MeshConfigInput } from '../core/workspace/meshConfig';
import { UsageError } from './workspace';

export function meshConfigFileInput(path: string): NonNullable<MeshConfigInput['file']> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--mesh-config ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const { problems } = readMeshConfigFile(path, text);
  if (problems.length) {
    const idx = new LineIndex(text);
    const p = problems[0];
    const pos = idx.positionAt(p.span.start);
    throw new UsageError(`${path}:${pos.line + 1}:${pos.character + 1}: ${p.message.replace(`${path}: `, '')}`);
  }
  return { path, text };
}
