/** Text from files (names, messages, test names) goes to terminals: a carriage return or an escape
 *  sequence in it could rewrite what was printed before (a FAIL shown as PASS). Control characters,
 *  and the bidirectional overrides that reorder what a line shows, are printed escaped. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const CONTROL_OR_NEWLINE = /[\u0000-\u0008\n\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function escapeOne(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\u001B') return '\\e';
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** One value inside a line of output: newlines are escaped too, so a value never starts a line. */
export function safe(s: string): string {
  return s.replace(CONTROL_OR_NEWLINE, escapeOne);
}

/** Whole output text: the lines stay lines; every other control character is escaped. */
export function safeLines(s: string): string {
  return s.replace(CONTROL, escapeOne);
}

/** A file name as bytes, in words a terminal shows as they are: UTF-8 when it is valid UTF-8, and
 *  each byte that is not part of a valid UTF-8 sequence as `\xNN`, so that two names never read the
 *  same and the name printed is the real one. */
export function displayName(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (!text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(bytes)) return text;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = validSequence(bytes, i);
    if (len) {
      out += bytes.subarray(i, i + len).toString('utf8');
      i += len;
    } else {
      out += `\\x${bytes[i].toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence at i (RFC 3629 §4), or 0. */
function validSequence(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
