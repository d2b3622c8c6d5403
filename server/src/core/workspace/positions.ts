import { LineIndex } from '../text/lineIndex';
import type { Snapshot } from './snapshot';

/** Turns offsets into 1-based lines for people and 0-based positions for LSP-shaped JSON. */
export class Positions {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(private readonly snap: Snapshot) {}

  index(file: string): LineIndex | undefined {
    let idx = this.indexes.get(file);
    if (!idx) {
      const f = this.snap.files.get(file);
      if (!f) return undefined;
      idx = new LineIndex(f.source.text);
      this.indexes.set(file, idx);
    }
    return idx;
  }

  /** 1-based line of an offset. */
  line(file: string, offset: number): number | null {
    const idx = this.index(file);
    return idx ? idx.positionAt(offset).line + 1 : null;
  }
}
