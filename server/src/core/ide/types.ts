import type { Span } from '../text/span';

/** The editor features' results: plain data with offsets; lsp/ turns them into protocol types. */

export interface FileSpan {
  file: string;
  span: Span;
}

export type CompletionKind = 'property' | 'value' | 'enum' | 'reference' | 'snippet' | 'kind';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text written in place of `replace`; snippet syntax when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  replace: Span;
  sortText?: string;
  /** Ask the editor for completion again right after insertion (a key whose value we can complete). */
  retrigger?: boolean;
  /** A deprecated field: shown struck through, after the others. */
  deprecated?: boolean;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  span?: Span;
}

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: 'resource' | 'route' | 'subset' | 'server' | 'host';
  /** Resource kind for resources. */
  resourceKind?: string;
  span: Span;
  selectionSpan: Span;
  children: SymbolNode[];
}

export interface WorkspaceSymbol {
  name: string;
  containerName: string;
  resourceKind: string;
  location: FileSpan;
}

export interface CodeLens {
  span: Span;
  title: string;
  /** When set, the lens runs Simulate Request with this command line. */
  /** `prompt`: the request does not match the route as built, so the editor asks first (prefilled). */
  simulate?: { commandLine: string; prompt?: boolean };
}

export interface InlayHint {
  offset: number;
  label: string;
  tooltip?: string;
  /** Put a space before the label. */
  paddingLeft?: boolean;
}
