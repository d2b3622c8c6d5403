/** The path normalization Envoy applies before routing, as Istio configures it by default
 *  (MeshConfig `pathNormalization` DEFAULT or BASE → the HTTP connection manager's `normalize_path`,
 *  pilot/pkg/networking/core/listener_builder.go;
 *  istio.io/latest/docs/reference/config/security/normalization/): percent-encoded unreserved
 *  characters are decoded once (%2D %2E %30–%39 %41–%5A %5F %61–%7A %7E, either case), a backslash
 *  becomes a slash, and `.` and `..` segments are resolved as RFC 3986 section 5.2.4 says. Adjacent
 *  slashes stay (merging them is MERGE_SLASHES, not the default) and so do %2F and %5C. The route
 *  table matches the normalized path, and it is the path sent upstream. */

import type { PathNormalization } from '../workspace/meshConfig';

const UNRESERVED_ESCAPE = /%(?:2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;
const ESCAPED_SLASH = /%(?:2[fF]|5[cC])/g;

/** The mesh's `pathNormalization` (listener_builder.go buildHTTPConnectionManager): NONE leaves the
 *  path as sent; BASE (the default) is `normalize_path`; MERGE_SLASHES adds `merge_slashes` (after
 *  normalizing: `/app//../admin` → `/app/admin`); DECODE_AND_MERGE_SLASHES also decodes %2F and %5C
 *  first (`path_with_escaped_slashes_action: UNESCAPE_AND_FORWARD`). Expectations: istio/istio
 *  tests/integration/security/normalization_test.go TestNormalization. */
export function normalizePath(path: string, mode: PathNormalization = 'BASE'): string {
  if (mode === 'NONE') return path;
  const unescaped = mode === 'DECODE_AND_MERGE_SLASHES' ? path.replace(ESCAPED_SLASH, (e) => String.fromCharCode(parseInt(e.slice(1), 16))) : path;
  const decoded = unescaped.replace(UNRESERVED_ESCAPE, (e) => String.fromCharCode(parseInt(e.slice(1), 16))).replace(/\\/g, '/');
  const normalized = removeDotSegments(decoded);
  return mode === 'BASE' ? normalized : normalized.replace(/\/{2,}/g, '/');
}

/** RFC 3986 section 5.2.4, for an absolute path. */
function removeDotSegments(path: string): string {
  if (!/(^|\/)\.\.?(\/|$)/.test(path)) return path;
  let input = path;
  const output: string[] = [];
  while (input.length) {
    if (input.startsWith('../')) input = input.slice(3);
    else if (input.startsWith('./')) input = input.slice(2);
    else if (input.startsWith('/./')) input = input.slice(2);
    else if (input === '/.') input = '/';
    else if (input.startsWith('/../') || input === '/..') {
      input = input === '/..' ? '/' : input.slice(3);
      output.pop();
    } else if (input === '.' || input === '..') input = '';
    else {
      const next = input.indexOf('/', input.startsWith('/') ? 1 : 0);
      const segment = next < 0 ? input : input.slice(0, next);
      output.push(segment);
      input = input.slice(segment.length);
    }
  }
  return output.join('') || '/';
}
