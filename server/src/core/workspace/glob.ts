import { compileRe2 } from '../routing/regex';

/** Globs of the `include` and `exclude` settings and `--exclude`, over `/`-separated relative paths,
 *  for the CLI and the language server alike: `**` (any number of folders), `*` and `?` (within one
 *  name), `[abc]`, `[a-z]`, `[!abc]`/`[^abc]`, `{a,b}` (nested too) and `\` to quote a character,
 *  as bash and picomatch read them. The globs come from settings files a repository carries, so they
 *  run on RE2 (linear time): glob libraries that compile to JavaScript regular expressions backtrack
 *  (picomatch 4.0.3 took 7 s to test `**\/*a*a*a*ab` against one 255-character name, 13 s for
 *  `**\/a/` five times against a 200-character path). */
export interface GlobMatcher {
  test(path: string): boolean;
}

const escape = (c: string) => c.replace(/[.+^$()|[\]\\{}*?]/g, '\\$&');

/** Translates from `i` up to one of `stop` (outside brackets) or the end: [regex, index reached]. */
function translate(glob: string, i: number, stop: string): [string, number] {
  let re = '';
  while (i < glob.length && !stop.includes(glob[i])) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      re += escape(glob[i + 1]);
      i += 2;
    } else if (c === '*' && glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/') && (glob[i + 2] === '/' || i + 2 >= glob.length || stop.includes(glob[i + 2]))) {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 3 : 2;
    } else if (c === '*') {
      while (glob[i] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const [cls, next] = bracket(glob, i);
      re += cls;
      i = next;
    } else if (c === '{') {
      const alternatives: string[] = [];
      let j = i + 1;
      for (;;) {
        const [alt, k] = translate(glob, j, ',}');
        alternatives.push(alt);
        if (glob[k] !== ',') {
          j = k;
          break;
        }
        j = k + 1;
      }
      if (glob[j] === '}' && alternatives.length > 1) {
        re += `(?:${alternatives.join('|')})`;
        i = j + 1;
      } else {
        re += '\\{';
        i++;
      }
    } else {
      re += escape(c);
      i++;
    }
  }
  return [re, i];
}

/** `[...]` at `i`: a class that never matches `/`, or a literal `[` when it is not closed. */
function bracket(glob: string, i: number): [string, number] {
  let j = i + 1;
  const negate = glob[j] === '!' || glob[j] === '^';
  if (negate) j++;
  let body = '';
  if (glob[j] === ']') {
    body += '\\]';
    j++;
  }
  while (j < glob.length && glob[j] !== ']') {
    const c = glob[j];
    if (c === '\\' && j + 1 < glob.length) {
      body += `\\${glob[j + 1]}`;
      j += 2;
    } else {
      body += c === '-' ? '-' : c.replace(/[\\^[\]]/g, '\\$&');
      j++;
    }
  }
  if (j >= glob.length || !body) return ['\\[', i + 1];
  return [negate ? `[^/${body}]` : `(?:[${body}])`, j + 1];
}

export function globToRegExp(globText: string): GlobMatcher {
  const [re] = translate(globText.replace(/(\*\*\/)+/g, '**/'), 0, '');
  const compiled = compileRe2(`^(?:${re})$`);
  return { test: (path) => !!compiled && compiled.matches(path) };
}

/** Does a relative path pass the include and exclude globs (a folder given with or without its `/`)? */
export function pathFilter(include: readonly string[], exclude: readonly string[]): (relative: string) => boolean {
  const inc = include.map(globToRegExp);
  const exc = exclude.map(globToRegExp);
  return (p) => inc.some((r) => r.test(p)) && !exc.some((r) => r.test(p) || r.test(`${p}/`));
}
