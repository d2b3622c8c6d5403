/** Was standard output closed when the process started (`istio-lens check . >&-`)? Node opens
 *  /dev/null in place of a closed descriptor 0-2 before any JavaScript runs (src/node.cc
 *  PlatformInit), so every write then succeeds and nothing says the output went nowhere. On Linux
 *  the replacement shows in /proc: descriptor 1 is /dev/null opened read-write with close-on-exec,
 *  which no shell redirection (`> /dev/null` is write-only, and a descriptor inherited across exec
 *  never has close-on-exec) produces. Elsewhere this answers false. */
import { readFileSync, readlinkSync } from 'node:fs';

const O_ACCMODE = 0o3;
const O_RDWR = 0o2;
const O_CLOEXEC = 0o2000000;

/** `fdinfo` is the text of /proc/self/fdinfo/1, `target` the link /proc/self/fd/1 (for tests). */
export function replacedByNode(target: string, fdinfo: string): boolean {
  const m = /^flags:\s*([0-7]+)$/m.exec(fdinfo);
  if (target !== '/dev/null' || !m) return false;
  const flags = parseInt(m[1], 8);
  return (flags & O_ACCMODE) === O_RDWR && (flags & O_CLOEXEC) !== 0;
}

export function stdoutClosedAtStart(): boolean {
  try {
    return replacedByNode(readlinkSync('/proc/self/fd/1'), readFileSync('/proc/self/fdinfo/1', 'utf8'));
  } catch {
    return false;
  }
}
