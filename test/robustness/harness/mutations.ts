/** Mutations of a YAML text, as fast-check arbitraries: the half-typed, broken, pasted and hostile
 *  states an editor sees. Positions are drawn as naturals and taken modulo the text's length, so one
 *  arbitrary serves every seed file and shrinks towards the start of the text. */
import fc from 'fast-check';

export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'swapChars'; at: number }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'swapLines'; line: number; other: number }
  | { op: 'indent'; line: number; by: string }
  | { op: 'dedent'; line: number; by: number }
  | { op: 'truncate'; at: number }
  | { op: 'replaceValue'; line: number; value: string }
  | { op: 'block'; line: number; shape: HostileShape; n: number };

/** Shapes that once made one call quadratic or unbounded (docs/robustness.md), `n` times over: the
 *  fuzzer's per-call bound then holds the work of each stage on them linear. */
export type HostileShape = 'run' | 'keys' | 'problems' | 'flow' | 'prototypeKeys' | 'templates';

const korean = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
const emoji = fc.constantFrom('😀', '🚀', '☕', '🇰🇷', '👨‍👩‍👧', '🧑‍💻', '\u{1F600}\u{FE0F}', 'é', 'e\u0301');
const hostileChar = fc.constantFrom(
  '\u0000', '\uFEFF', '\t', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u00A0', '\uD83D', '\uDE00', '\u202E', '\u200B', '\uFFFF', '\\',
);
/** Tokens that change the YAML structure around them. */
const yamlToken = fc.constantFrom(
  ': ', ':', '- ', '-', '? ', '&a ', '*a', '<<: *a', '!!binary ', '!!map ', '!custom ', '{', '}', '[', ']', '"', "'", '|', '|-', '>',
  '#', ' #', '\n---\n', '\n...\n', '---', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', ',', '@', '`', '{{ .Values.x }}', 'null', '~', '0x1F',
  '1e999', '-1', '.nan', 'true', '"\\u00"', '\\x', '*', '<<: *undefined', '&anchor [*anchor]', '\n  ', '\n\t',
);
const unicodeRun = fc.string({ unit: fc.oneof(korean, emoji, hostileChar, fc.constantFrom('a', ' ', '\n')), maxLength: 8 });
const anyRun = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 3, arbitrary: unicodeRun },
  { weight: 4, arbitrary: yamlToken },
);

/** Scalar values that stress the engine once they are in a field: regex bombs, huge and odd numbers, long strings. */
export const hostileValue = fc.oneof(
  fc.constantFrom(
    '"(a+)+$"', '"^(a|a)*$"', '"(?=x)"', '"(a)\\\\1"', '"[z-a]"', '"\\\\"', '1e309', '-0', '99999999999999999999', '-5', '0',
    '"*"', '"*.*"', '"."', '""', '[]', '{}', 'null', '~', '"100%"', '.inf', '2s', '-1s', '0.0001ms', '"🚀.example.com"', '"서비스.default"',
    '"' + 'a'.repeat(5000) + '"', '[' + Array(300).fill('x').join(', ') + ']',
    // Keys named like Object.prototype members, where headers, query parameters and labels go.
    '{ constructor: { exact: x }, __proto__: { prefix: "" }, toString: {} }', '{ constructor: a, __proto__: b, hasOwnProperty: c }',
    '"owner {{ .Values.team }}"', '{{ .Values.x }}', '4294967296', '2147483648', '1e308',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => JSON.stringify(s)),
);

const at = fc.nat({ max: 1 << 20 });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at, text: anyRun }),
  fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('swapChars' as const), at }),
  fc.record({ op: fc.constant('deleteLine' as const), line: at }),
  fc.record({ op: fc.constant('duplicateLine' as const), line: at }),
  fc.record({ op: fc.constant('swapLines' as const), line: at, other: at }),
  fc.record({ op: fc.constant('indent' as const), line: at, by: fc.constantFrom(' ', '  ', '    ', '\t', ' \t') }),
  fc.record({ op: fc.constant('dedent' as const), line: at, by: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('truncate' as const), at }),
  fc.record({ op: fc.constant('replaceValue' as const), line: at, value: hostileValue }),
  fc.record({
    op: fc.constant('block' as const), line: at,
    shape: fc.constantFrom<HostileShape>('run', 'keys', 'problems', 'flow', 'prototypeKeys', 'templates'),
    n: fc.integer({ min: 1, max: 400 }),
  }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

function editLines(text: string, line: number, edit: (lines: string[], i: number) => void): string {
  const lines = text.split('\n');
  edit(lines, line % lines.length);
  return lines.join('\n');
}

export function applyMutation(text: string, m: Mutation): string {
  const pos = (n: number) => (text.length ? n % (text.length + 1) : 0);
  switch (m.op) {
    case 'insert': return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at));
    case 'delete': return text.slice(0, pos(m.at)) + text.slice(pos(m.at) + m.length);
    case 'swapChars': {
      const i = pos(m.at);
      return i + 1 < text.length ? text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2) : text;
    }
    case 'truncate': return text.slice(0, pos(m.at));
    case 'deleteLine': return editLines(text, m.line, (l, i) => l.splice(i, 1));
    case 'duplicateLine': return editLines(text, m.line, (l, i) => l.splice(i, 0, l[i]));
    case 'swapLines': return editLines(text, m.line, (l, i) => {
      const j = m.other % l.length;
      [l[i], l[j]] = [l[j], l[i]];
    });
    case 'indent': return editLines(text, m.line, (l, i) => { l[i] = m.by + l[i]; });
    case 'dedent': return editLines(text, m.line, (l, i) => { l[i] = l[i].replace(new RegExp(`^[ \\t]{1,${m.by}}`), ''); });
    case 'block': return editLines(text, m.line, (l, i) => {
      l.splice(i + 1, 0, hostileBlock(m.shape, m.n, /^\s*/.exec(l[i])?.[0] ?? ''));
    });
    case 'replaceValue': return editLines(text, m.line, (l, i) => {
      const colon = l[i].indexOf(': ');
      if (colon >= 0) l[i] = l[i].slice(0, colon + 2) + m.value;
      else l[i] = l[i].replace(/^(\s*- ).*$/, `$1${m.value}`);
    });
  }
}

/** The lines of a hostile block, indented like the line they go after. */
function hostileBlock(shape: HostileShape, n: number, indent: string): string {
  // Sized so that every stage stays well inside the per-call bound when its work is linear (about
  // 0.1 ms of CPU per key through analysis and completion: 400 keys take about 40 ms), while a
  // quadratic or worse stage goes over it (260 nested `{` took 1.8 s in the yaml library's toJS).
  const many = (f: (i: number) => string, max = n) => Array.from({ length: Math.min(n, max) }, (_, i) => indent + f(i)).join('\n');
  switch (shape) {
    // Long runs of one character: braces for the template detector, a word for completion's scans.
    case 'run': return `${indent}x: ${'{}[a :"\'#*&!%\\\t-'[n % 16].repeat(n * 8)}`;
    case 'keys': return many((i) => `k${i}: v`) + `\n${indent}k0: again`;
    case 'problems': return many(() => '- a: b: c', 300);
    case 'flow': return `${indent}x: [${Array(n * 2).fill('a').join(', ')}]`;
    case 'prototypeKeys': return ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'].map((k) => `${indent}${k}: { exact: "${k}" }`).join('\n');
    // Each line raises YAML errors, and each error costs the parser a stack capture: 500 lines took 450 ms.
    case 'templates': return many((i) => (i % 2 ? `v${i}: "{{ .Values.v${i} }}"` : `{{- if .Values.x${i} }}`), 200);
  }
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}
