import {
  CompletionItemKind, CompletionItemTag, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind,
  type CodeAction, type CompletionItem as LspCompletionItem, type Position, type Diagnostic, type DocumentSymbol, type Location, type Range,
} from 'vscode-languageserver/node';
import type { Finding } from '../core/analysis';
import type { CompletionItem, FileSpan, SymbolNode } from '../core/ide/types';
import { LineIndex } from '../core/text/lineIndex';
import type { Span } from '../core/text/span';

/** Offsets ⇄ LSP positions: a LineIndex, or an open document's TextDocument (whose line offsets the
 *  library updates incrementally, so a keystroke in a big file does not rebuild them). */
export interface PositionMap {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** Core results → protocol types. Line indexes are cached per text. */
const indexes = new Map<string, { text: string; index: LineIndex }>();

export function lineIndex(uri: string, text: string): LineIndex {
  const hit = indexes.get(uri);
  if (hit && hit.text === text) return hit.index;
  // After a keystroke, the previous version's index is edited rather than the text searched again.
  const index = hit ? LineIndex.afterEdit(hit.index, text) : new LineIndex(text);
  indexes.set(uri, { text, index });
  return index;
}

export function forgetIndex(uri: string): void {
  indexes.delete(uri);
}

/** How many files have a line index cached (what a closed document must not keep). */
export function cachedIndexCount(): number {
  return indexes.size;
}

export function toRange(index: PositionMap, span: Span): Range {
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}

/** A span of any workspace file, given a way to get its text. */
export function toLocation(fs: FileSpan, textOf: (uri: string) => string | undefined): Location | undefined {
  const text = textOf(fs.file);
  if (text === undefined) return undefined;
  return { uri: fs.file, range: toRange(lineIndex(fs.file, text), fs.span) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

export function toDiagnostic(f: Finding, index: PositionMap, textOf: (uri: string) => string | undefined): Diagnostic {
  const d: Diagnostic = { range: toRange(index, f.span), severity: SEVERITY[f.severity], code: f.code, source: 'istio-lens', message: f.message };
  if (f.docsUrl) d.codeDescription = { href: f.docsUrl };
  const related = (f.related ?? []).flatMap((r) => {
    const location = toLocation(r, textOf);
    return location ? [{ location, message: r.message }] : [];
  });
  if (related.length) d.relatedInformation = related;
  return d;
}

export function toCodeAction(f: Finding, diagnostic: Diagnostic, textOf: (uri: string) => string | undefined): CodeAction | undefined {
  if (!f.fix) return undefined;
  const changes: Record<string, { range: Range; newText: string }[]> = {};
  for (const e of f.fix.edits) {
    const text = textOf(e.file);
    if (text === undefined) return undefined;
    (changes[e.file] ??= []).push({ range: toRange(lineIndex(e.file, text), e.span), newText: e.newText });
  }
  return { title: f.fix.title, kind: 'quickfix', diagnostics: [diagnostic], edit: { changes }, isPreferred: f.fix.edits.length === 1 };
}

const COMPLETION_KIND: Record<CompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property, value: CompletionItemKind.Value, enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference, snippet: CompletionItemKind.Snippet, kind: CompletionItemKind.Class,
};

export function toCompletionItem(item: CompletionItem, index: PositionMap): LspCompletionItem {
  const out: LspCompletionItem = {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    detail: item.detail,
    sortText: item.sortText,
    filterText: item.label,
    textEdit: { range: toRange(index, item.replace), newText: item.insertText },
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (item.documentation) out.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  if (item.retrigger) out.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  if (item.deprecated) out.tags = [CompletionItemTag.Deprecated];
  return out;
}

const SYMBOL_KIND: Record<string, SymbolKind> = {
  VirtualService: SymbolKind.Interface, DestinationRule: SymbolKind.Struct, Gateway: SymbolKind.Module, ServiceEntry: SymbolKind.Object,
  Sidecar: SymbolKind.Package, Service: SymbolKind.Class, Pod: SymbolKind.Constant,
};

export function symbolKind(kind: SymbolNode['kind'], resourceKind?: string): SymbolKind {
  if (kind === 'resource') return SYMBOL_KIND[resourceKind ?? ''] ?? SymbolKind.Object;
  if (kind === 'route') return SymbolKind.Method;
  if (kind === 'subset') return SymbolKind.Field;
  return SymbolKind.Property;
}

export function toDocumentSymbol(s: SymbolNode, index: PositionMap): DocumentSymbol {
  return {
    name: s.name || '(unnamed)', detail: s.detail, kind: symbolKind(s.kind, s.resourceKind),
    range: toRange(index, s.span), selectionRange: toRange(index, s.selectionSpan),
    children: s.children.map((c) => toDocumentSymbol(c, index)),
  };
}
