import { commonEnds } from './commonEnds';
import type { Position } from './span';

/** Maps offsets to 0-based line/character positions and back; built once per text. */
export class LineIndex {
  /** Typed: after an edit the starts past it are copied and moved, which for the 150,000 lines of a
   *  5 MB file took milliseconds as a list of numbers. */
  private readonly starts: Int32Array;
  /** The text holds a carriage return (then an edit is indexed from scratch). */
  private readonly carriageReturns: boolean;

  constructor(private readonly text: string, known?: Int32Array) {
    if (known) {
      this.starts = known;
      this.carriageReturns = false;
      return;
    }
    const starts = [0];
    this.carriageReturns = text.indexOf('\r') >= 0;
    // Without carriage returns, the native search finds the line ends about twice as fast (a 2 MB file is re-indexed on every keystroke).
    if (!this.carriageReturns) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = Int32Array.from(starts);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  /** The index of `text`, a new version of `previous`'s text: the line starts before and after the
   *  edited part are taken over (moved), only the edited part is searched. */
  static afterEdit(previous: LineIndex, text: string): LineIndex {
    const old = previous.text;
    // Carriage returns make a line break two characters that an edit may split: index from scratch.
    // The old text had none, so the new one has one only where the edit wrote (not searched in full:
    // two searches of a 5 MB text were a third of the index's time).
    if (previous.carriageReturns) return new LineIndex(text);
    const { prefix, suffix } = commonEnds(old, text);
    const editedEnd = text.length - suffix;
    if (text.slice(prefix, editedEnd).indexOf('\r') >= 0) return new LineIndex(text);
    const starts = previous.starts;
    // Starts up to `prefix` come from line breaks before it, which the edit did not touch; those
    // after the edited part of the old text move with it.
    const headEnd = lastAtOrBefore(starts, prefix) + 1;
    const middle: number[] = [];
    for (let i = text.indexOf('\n', prefix); i >= 0 && i < editedEnd; i = text.indexOf('\n', i + 1)) middle.push(i + 1);
    const delta = text.length - old.length;
    const tailStart = lastAtOrBefore(starts, old.length - suffix) + 1;
    // An edit that keeps the length and the line breaks (a value typed over) keeps every line start:
    // the list is shared (never changed once made), not copied.
    if (delta === 0 && tailStart - headEnd === middle.length && middle.every((x, i) => x === starts[headEnd + i])) return new LineIndex(text, starts);
    const tail = starts.subarray(tailStart);
    const next = new Int32Array(headEnd + middle.length + tail.length);
    next.set(starts.subarray(0, headEnd));
    next.set(middle, headEnd);
    const at = headEnd + middle.length;
    if (delta === 0) next.set(tail, at);
    else for (let i = 0; i < tail.length; i++) next[at + i] = tail[i] + delta;
    return new LineIndex(text, next);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between \r and \n is not a position of its own: it belongs to the end of the line.
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o--;
    const line = lastAtOrBefore(this.starts, o);
    return { line, character: o - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    // LSP: a character past the line's length means the end of the line, before its line break.
    let lineEnd = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    if (lineEnd > this.starts[pos.line] && this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > this.starts[pos.line] && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), lineEnd);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

/** The index of the last element of the ascending `xs` that is at most `x` (0 when none is). */
function lastAtOrBefore(xs: Int32Array, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
