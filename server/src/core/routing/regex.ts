import { RE2JS } from 're2js';

/** User regexes run through RE2 only (Envoy's safe_regex): linear time, full match. A compiled
 *  pattern is cached; a pattern RE2 rejects yields undefined and never matches. */
const compiled = new Map<string, RE2JS | null>();

/** Istio's validation rejects longer user regexes (pkg/config/validation: max 1024 characters). */
export const MAX_REGEX_LENGTH = 1024;

export function compileRe2(pattern: string, flags = 0): RE2JS | undefined {
  // Istio rejects longer patterns at admission, so Envoy never runs them; compiling one would only cost time.
  if (pattern.length > MAX_REGEX_LENGTH) return undefined;
  const key = `${flags}:${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern, flags);
    } catch {
      re = null;
    }
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, re);
  }
  return re ?? undefined;
}

/** Why RE2 rejects a pattern, or undefined when it compiles. Compiled once per pattern: a workspace
 *  repeats the same few regexes in hundreds of routes. */
export function re2Error(pattern: string): string | undefined {
  if (compileRe2(pattern)) return undefined;
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function fullMatch(pattern: string, value: string): boolean {
  return compileRe2(pattern)?.matches(value) ?? false;
}

/** RE2/Envoy substitutions write groups as `\1`; re2js replaceAll expects `$1`. */
function toRe2jsReplacement(sub: string): string {
  let out = '';
  for (let i = 0; i < sub.length; i++) {
    const c = sub[i];
    if (c === '\\' && i + 1 < sub.length) {
      const n = sub[i + 1];
      out += /[0-9]/.test(n) ? `$${n}` : n === '\\' ? '\\\\' : n;
      i++;
    } else if (c === '$') out += '$$';
    else out += c;
  }
  return out;
}

/** Envoy regex_rewrite: every match of the pattern in the path is replaced. */
export function regexReplaceAll(pattern: string, value: string, substitution: string): string | undefined {
  const re = compileRe2(pattern);
  if (!re) return undefined;
  try {
    return re.matcher(value).replaceAll(toRe2jsReplacement(substitution));
  } catch {
    return undefined;
  }
}

/** A pattern matching `text` literally (RE2 QuoteMeta). */
export function literalPattern(text: string): string {
  return RE2JS.quote(text);
}
