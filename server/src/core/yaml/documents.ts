/** Splits a multi-document YAML text at its `---` / `...` markers so that each document can be
 *  parsed and cached on its own: an edit then re-parses one document, not the file. */
export interface DocumentChunk {
  /** Offset of the chunk in the file's text. */
  base: number;
  text: string;
}

const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const isStart = text.startsWith('---', lineStart) && MARKER.test(text.slice(lineStart, lineStart + 4));
    const isEnd = text.startsWith('...', lineStart) && MARKER.test(text.slice(lineStart, lineStart + 4));
    if (isStart && lineStart > chunkStart) {
      chunks.push({ base: chunkStart, text: text.slice(chunkStart, lineStart) });
      chunkStart = lineStart;
    } else if (isEnd) {
      chunks.push({ base: chunkStart, text: text.slice(chunkStart, lineEnd) });
      chunkStart = lineEnd;
    }
    if (nl < 0) break;
    lineStart = lineEnd;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ base: chunkStart, text: text.slice(chunkStart) });
  return chunks;
}
