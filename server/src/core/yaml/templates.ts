/** Is a document a Helm/Go template rather than YAML to check? Only when the `{{ … }}` markup
 *  breaks the YAML (the document has syntax errors that go away, or get fewer, with the markup
 *  blanked out) or stands where YAML structure goes (a whole value, a key, a control line such as
 *  `{{- if … }}`): a template inside a quoted or plain string value, or in a comment
 *  (`description: "owner is {{ .Values.team }}"`), leaves the document an ordinary resource that is
 *  checked, broken indentation and all. Every scan here is linear in the text: the old `/\{\{[\s\S]*?\}\}/`
 *  took 9 s on 300 KB of `{`. */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';

/** Where the first `{{ … }}` of the text starts, or -1. */
export function firstTemplate(text: string): number {
  const open = text.indexOf('{{');
  return open >= 0 && text.indexOf('}}', open + 2) >= 0 ? open : -1;
}

/** The ranges of the document's scalars, in text order, with whether each is a mapping key. */
function scalarRanges(doc: Document.Parsed): { start: number; end: number; key: boolean }[] {
  const out: { start: number; end: number; key: boolean }[] = [];
  const stack: { node: unknown; key: boolean }[] = [{ node: doc.contents, key: false }];
  while (stack.length) {
    const { node, key } = stack.pop()!;
    if (isScalar(node)) {
      if (node.range) out.push({ start: node.range[0], end: node.range[1], key });
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          stack.push({ node: item.key, key: true }, { node: item.value, key: false });
        } else stack.push({ node: item, key: false });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text with every `{{ … }}` replaced by spaces (line breaks kept, so offsets stay). */
export function blankTemplates(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', from)) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    parts.push(text.slice(from, open), text.slice(open, close + 2).replace(/[^\r\n]/g, ' '));
    from = close + 2;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** True when the document is to be read as a template (see the top of this file); `doc` is its
 *  parse, with the parser's own errors only. */
export function isTemplateDocument(text: string, doc: Document.Parsed): boolean {
  let open = firstTemplate(text);
  if (open < 0) return false;
  if (doc.errors.length) {
    const blanked = parseDocument(blankTemplates(text), { prettyErrors: false, uniqueKeys: false, strict: false, logLevel: 'error' });
    return blanked.errors.length < doc.errors.length;
  }
  const scalars = scalarRanges(doc);
  let s = 0;
  // A forward scan that knows, at each `{{`, whether the current line has started a comment.
  let scanned = 0;
  let inComment = false;
  while (open >= 0) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return false;
    for (; scanned < open; scanned++) {
      while (s < scalars.length && scalars[s].end <= scanned) s++;
      const c = text.charCodeAt(scanned);
      if (c === 10) inComment = false;
      else if (c === 35 /* # */ && !inComment && (s >= scalars.length || scalars[s].start > scanned)) {
        const prev = scanned ? text.charCodeAt(scanned - 1) : 10;
        inComment = prev === 10 || prev === 13 || prev === 32 || prev === 9;
      }
    }
    while (s < scalars.length && scalars[s].end <= open) s++;
    const inScalar = s < scalars.length && scalars[s].start <= open;
    if (inScalar ? scalars[s].key : !inComment) return true;
    open = text.indexOf('{{', open + 2);
  }
  return false;
}
