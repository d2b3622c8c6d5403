import { catalogue, type Finding } from '../core/analysis';

/** `--suppress` values as istioctl analyze's `-S` reads them (istio/istio istioctl/pkg/analyze/analyze.go,
 *  the `suppress` flag: `<code>=<resource>`, the resource as `Kind name.namespace`, `*` matching any run
 *  of characters), plus our older form: bare codes, comma-separated, dropped everywhere. */
export interface Suppressions {
  /** Codes dropped everywhere (`*` drops all). */
  codes: string[];
  /** Codes dropped for the resources a pattern names. */
  /** `resource` is istioctl's `Kind name.namespace`, where `*` stands for any run of characters. */
  targeted: { code: string; resource: string }[];
  /** Values that will never match: an unknown code, a malformed value. */
  warnings: string[];
}

export function parseSuppressions(values: readonly string[]): Suppressions {
  const out: Suppressions = { codes: [], targeted: [], warnings: [] };
  const known = new Set(catalogue.map((m) => m.code));
  const checkCode = (code: string, value: string) => {
    if (code !== '*' && !known.has(code)) out.warnings.push(`--suppress ${value}: no diagnostic has the code ${code} (see docs/diagnostics.md); it suppresses nothing`);
  };
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) {
      for (const code of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        checkCode(code, code);
        out.codes.push(code);
      }
      continue;
    }
    const code = value.slice(0, eq).trim();
    const resource = value.slice(eq + 1).trim().replace(/\s+/g, ' ');
    if (!code || !resource) {
      out.warnings.push(`--suppress ${value}: expected CODE=Kind name.namespace (for example IST0102=DestinationRule primary-dr.default)`);
      continue;
    }
    checkCode(code, value);
    out.targeted.push({ code, resource });
  }
  return out;
}

/** istioctl's name of a resource in messages and suppressions: `Kind name.namespace`, or `Kind name`
 *  for a resource without a namespace (istio/istio pkg/config/legacy/source/kube/origin.go, Origin.FriendlyName). */
export function friendlyName(r: Finding['resource']): string {
  return r.namespace ? `${r.kind} ${r.name}.${r.namespace}` : `${r.kind} ${r.name}`;
}

export function isSuppressed(f: Finding, s: Suppressions): boolean {
  if (!s.targeted.length) return false;
  const name = friendlyName(f.resource);
  return s.targeted.some((t) => (t.code === '*' || t.code === f.code) && wildcardMatch(t.resource, name));
}

/** Does `text` match `pattern`, where `*` stands for any run of characters? The pieces between the
 *  stars are found left to right, each at its first place after the previous one (which is enough
 *  when `*` is the only wildcard): linear in the text, with no regular expression built from input. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === text;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
