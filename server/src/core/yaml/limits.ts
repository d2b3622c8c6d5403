/** Text that is not read as YAML at all, and why: the file is too large to parse while the user
 *  types (the yaml library reads about 1–2 MB a second here and holds ~60 bytes of nodes per byte of
 *  text), or it is binary. The CLI and the language server check the size before reading a file
 *  from disk with the same limit and message; the parser checks again for text that arrives from
 *  the editor. Figures: docs/robustness.md. */

/** 10 MiB: twice the largest file the performance goals name (5,000 documents, 5 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Refusal {
  code: 'FILE_TOO_LARGE' | 'BINARY';
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
