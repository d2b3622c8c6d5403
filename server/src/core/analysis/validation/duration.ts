/** Durations as Istio reads them: Go `time.ParseDuration` syntax (`10s`, `1.5s`, `250ms`, `1h30m`),
 *  then `agent.ValidateDuration` (istio/istio pkg/config/validation/agent/validation.go): at least 1ms,
 *  in whole milliseconds. The CRDs add the CEL rule `duration(self) >= duration('1ms')`. */

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds, or an error for text Go cannot parse. */
export function parseGoDuration(text: string): { ns: number } | { error: string } {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0 };
  if (s === '') return { error: `"${text}" is not a duration` };
  let total = 0;
  const re = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return { error: `"${text}" is not a duration: write a number with a unit (ms, s, m, h), e.g. "10s"` };
    const unit = UNIT_NS[m[3]];
    if (unit === undefined) return { error: `"${text}" has an unknown unit "${m[3]}": use ns, us, ms, s, m or h` };
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * unit;
    s = s.slice(m[0].length);
  }
  // Go's time.ParseDuration holds nanoseconds in an int64: past about 292 years it fails (overflow).
  if (total > MAX_NS) return { error: `"${text}" is longer than a duration can be (about 292 years, 2562047h): Istio cannot read it` };
  return { ns: sign * Math.round(total) };
}

/** 2^63 - 1 nanoseconds, the largest time.Duration. */
const MAX_NS = 9223372036854775807;

/** Why Istio rejects the duration, or undefined. `zeroAllowed` for fields where 0 means "disabled". */
export function durationError(text: string, zeroAllowed = false): string | undefined {
  const d = parseGoDuration(text);
  if ('error' in d) return d.error;
  if (zeroAllowed && d.ns === 0) return undefined;
  if (d.ns < 1e6) return `duration "${text}" must be at least 1ms`;
  if (d.ns % 1e6 !== 0) return `duration "${text}" is finer than a millisecond; Istio supports whole milliseconds only`;
  return undefined;
}
