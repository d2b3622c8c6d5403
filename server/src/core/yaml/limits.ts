/** Text that is not read as YAML at all, and why: the file is too large to parse while the user
 *  types (the yaml library reads about 1–2 MB a second here and holds ~60 bytes of nodes per byte of
 *  text), or it is binary. The CLI and the language server check the size before reading a file
 *  from disk with the same limit and message; the parser checks again for text that arrives from
 *  the editor. Figures: docs/robustness.md. */

/** 10 MiB: twice the largest file the performance goals name (5,000 documents, 5 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Refusal {
  code: 'FILE_TOO_LARGE' | 'BINARY' | 'TOO_MANY_NODES';
  message: string;
}

function megabytes(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`;
}

/** `size` is in bytes on disk, or in characters for text from the editor. */
export function fileTooLargeMessage(size: number): string {
  return `not read: ${megabytes(size)} is over the ${MAX_FILE_BYTES / 1048576} MB limit for one file (split it, or exclude it from the workspace)`;
}

/** Why a whole text is refused, or undefined when it is parsed. A NUL character is never valid in
 *  YAML (YAML 1.2 §5.1 c-printable) and is how git, grep and diff recognise a binary file. */
export function refuseText(text: string): Refusal | undefined {
  if (text.length > MAX_FILE_BYTES) return { code: 'FILE_TOO_LARGE', message: fileTooLargeMessage(text.length) };
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { code: 'BINARY', message: `not read: not YAML text — a NUL character at offset ${nul} (a binary file, or text saved as UTF-16)` };
  return undefined;
}

/** At most this many YAML nodes in one document, estimated before parsing (`estimateNodes`). The
 *  yaml library spends about 6 µs and 1.2 KB of heap per node: a 9.7 MB flow list of 3.4 million
 *  scalars took 22 s and 4.1 GB, under the byte limit. 1,000,000 is three times the 1 MB flow
 *  list (350,000 items) that the fuzzer and the tests read, and more than a 10 MB
 *  `kubectl get -o yaml` list of block YAML holds. Figures: docs/robustness.md. */
export const MAX_DOCUMENT_NODES = 1_000_000;

/** An estimate of a document's nodes, linear and without allocating: a line of block YAML holds a
 *  key and its value (2), a flow collection one more node per `,`. */
export function estimateNodes(text: string, limit = Infinity): number {
  let n = 1;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n += 2;
    else if (c === 44 /* , */) n += 1;
  }
  return n;
}

/** Why one document is refused, or undefined when it is parsed. */
export function refuseDocument(text: string): Refusal | undefined {
  // A document this short cannot be over the limit (the estimate adds at most 2 per character).
  if (text.length * 2 < MAX_DOCUMENT_NODES) return undefined;
  const n = estimateNodes(text, MAX_DOCUMENT_NODES);
  if (n <= MAX_DOCUMENT_NODES) return undefined;
  return {
    code: 'TOO_MANY_NODES',
    message: `not read: this document holds more than ${MAX_DOCUMENT_NODES.toLocaleString('en-US')} YAML nodes (lines and flow-collection entries), the limit for one document (split it, or exclude the file from the workspace)`,
  };
}
