/** The line around one offset, found by looking at that line only: a quick fix on one line of a
 *  2 MB file must not index every line of it (LineIndex). Line breaks are those of LineIndex:
 *  `\n`, `\r\n` and a lone `\r`. */

/** The offset where the line holding `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  // Between \r and \n is the end of the line, as in LineIndex.
  if (i > 0 && text.charCodeAt(i - 1) === 13 && text.charCodeAt(i) === 10) i--;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** The offset where the line after the one holding `offset` starts, or undefined on the last line. */
export function nextLineStart(text: string, offset: number): number | undefined {
  for (let i = Math.max(0, offset); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return undefined;
}
