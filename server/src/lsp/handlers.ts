import {
  MarkupKind, InlayHintKind, type CodeAction, type Diagnostic, type CodeActionParams, type CodeLens, type CodeLensParams, type CompletionList,
  type CompletionParams, type DefinitionParams, type DocumentSymbol, type DocumentSymbolParams, type Hover, type InlayHint,
  type InlayHintParams, type Location, type ReferenceParams, type HoverParams, type WorkspaceSymbol, type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import type { Finding } from '../core/analysis';
import { codeLensPlaces, resolveCodeLens, type LensPlace } from '../core/ide/codeLens';
import { complete } from '../core/ide/completion';
import { definition } from '../core/ide/definition';
import { hover } from '../core/ide/hover';
import { quickFixes } from '../core/ide/quickFixes';
import { inlayHints } from '../core/ide/inlayHints';
import { references } from '../core/ide/references';
import { testLenses } from '../core/ide/routingTests';
import { RUN_TESTS_COMMAND, type RunTestsParams } from '../protocol/routingTests';
import { commandLineAt } from '../core/ide/simulateCommandLine';
import { documentSymbols, workspaceSymbols } from '../core/ide/symbols';
import type { FileSpan } from '../core/ide/types';
import {
  SIMULATE_COMMAND, type SimulateCommandLineParams, type SimulateCommandLineResult, type SimulateParams, type SimulateResult,
} from '../protocol/simulate';
import type { Adapter } from './adapter';
import { toCodeAction, toCompletionItem, toDocumentSymbol, toLocation, toRange, symbolKind } from './convert';
import type { DiagnosticsPublisher } from './diagnostics';
import { runSimulation } from './simulation';
import type { WorkspaceState } from './workspaceState';

/** The flat table of request handlers: each body converts positions, calls one core/ide function
 *  and converts its plain result back. */
export function handlerTable(a: Adapter, diagnostics: Pick<DiagnosticsPublisher, 'findings' | 'findingsAreCurrent'>) {
  const locations = (ws: WorkspaceState, spans: FileSpan[]): Location[] => {
    const snap = ws.latestSnapshot();
    return spans.flatMap((s) => toLocation(s, (u) => snap.files.get(u)?.source.text) ?? []);
  };
  return {
    completion: a.document<CompletionParams, CompletionList | null>('completion', null, (c, p) => ({
      isIncomplete: false,
      items: complete(c.ws.snapshotExcept(c.uri), c.text, c.offsetAt(p.position)).map((i) => toCompletionItem(i, c.index)),
    })),

    hover: a.document<HoverParams, Hover | null>('hover', null, (c, p) => {
      // The live text around the cursor with the latest snapshot: a hover right after typing does not
      // wait for the file to be re-analysed.
      const h = hover(c.ws.snapshotExcept(c.uri), c.uri, c.offsetAt(p.position), c.text);
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.span && toRange(c.index, h.span) } : null;
    }),

    definition: a.document<DefinitionParams, Location[] | null>('definition', null, (c, p) =>
      locations(c.ws, definition(c.snapshot(), c.uri, c.offsetAt(p.position)))),

    references: a.document<ReferenceParams, Location[] | null>('references', null, (c, p) =>
      locations(c.ws, references(c.snapshot(), c.uri, c.offsetAt(p.position), p.context.includeDeclaration))),

    documentSymbol: a.document<DocumentSymbolParams, DocumentSymbol[] | null>('documentSymbol', null, (c) =>
      documentSymbols(c.snapshot(), c.uri).map((s) => toDocumentSymbol(s, c.index))),

    workspaceSymbol: a.workspace<WorkspaceSymbolParams, WorkspaceSymbol[] | null>('workspaceSymbol', null, (ws, p) =>
      workspaceSymbols(ws.snapshot(), p.query).flatMap((s) => {
        const location = locations(ws, [s.location])[0];
        return location ? [{ name: s.name, containerName: s.containerName, kind: symbolKind('resource', s.resourceKind), location }] : [];
      })),

    codeLens: a.document<CodeLensParams, CodeLens[] | null>('codeLens', null, (c) => [
      ...codeLensPlaces(c.snapshot(), c.uri).map((place) => ({ range: toRange(c.index, place.span), data: { uri: c.uri, place } })),
      // Routing tests: "Run all" / "Run test", with their command already (nothing to resolve).
      ...testLenses(c.snapshot(), c.uri).map((l) => ({
        range: toRange(c.index, l.span),
        command: { title: l.title, command: RUN_TESTS_COMMAND, arguments: [{ tests: [{ uri: c.uri, document: l.document, case: l.case }] } satisfies RunTestsParams] },
      })),
    ]),

    codeLensResolve: a.document<CodeLens & { textDocument: { uri: string } }, CodeLens>('codeLensResolve', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, (c, lens) => {
      const { place } = lens.data as { place: LensPlace };
      const l = resolveCodeLens(c.snapshot(), c.uri, place);
      const command = l?.simulate
        ? { title: l.title, command: SIMULATE_COMMAND, arguments: [{ uri: c.uri, ...l.simulate } satisfies SimulateParams] }
        : { title: l?.title ?? '', command: '' };
      return { range: lens.range, command };
    }),

    inlayHint: a.document<InlayHintParams, InlayHint[] | null>('inlayHint', null, (c, p) =>
      inlayHints(c.snapshot(), c.uri, { start: c.offsetAt(p.range.start), end: c.offsetAt(p.range.end) }).map((h) => ({
        position: c.index.positionAt(h.offset), label: h.label, kind: InlayHintKind.Type, tooltip: h.tooltip, paddingLeft: h.paddingLeft,
      }))),

    codeAction: a.document<CodeActionParams, CodeAction[] | null>('codeAction', null, (c, p) => {
      const wanted = new Set(p.context.diagnostics.map((d) => `${d.code}|${d.range.start.line}:${d.range.start.character}`));
      // Only against the very texts the findings came from, which are those the client shows now: a
      // fix converted against another version of the file edits the wrong place.
      if (!diagnostics.findingsAreCurrent) return [];
      const asked = (diagnostics.findings.get(c.uri) ?? []).filter(({ diagnostic }) => wanted.has(`${diagnostic.code}|${diagnostic.range.start.line}:${diagnostic.range.start.character}`));
      // No finding where the editor asks (it asks at every move of the cursor): nothing to fix, and no
      // snapshot to build, which right after a big file is opened would parse all of it here.
      if (!asked.length) return [];
      const snap = c.ws.snapshot();
      const textOf = (u: string) => snap.files.get(u)?.source.text;
      return asked.flatMap(({ finding, diagnostic }) => {
        // The likeliest fix first; only it is preferred (what "auto fix" applies).
        return quickFixes(snap, finding, textOf(finding.file)).flatMap((fix, i) => toCodeActionSafe({ ...finding, fix }, diagnostic, textOf).map((x) => ({ ...x, isPreferred: i === 0 && x.isPreferred })));
      });
    }),

    simulate: a.workspace<SimulateParams, SimulateResult | null>('simulate', null, (ws, p) =>
      runSimulation(ws.snapshot(), p.commandLine, p.preferFile ?? p.uri)),

    simulateCommandLine: a.document<SimulateCommandLineParams & { textDocument: { uri: string } }, SimulateCommandLineResult | null>(
      'simulateCommandLine', null, (c, p) => commandLineAt(c.snapshot(), c.uri, c.offsetAt(p.position)) ?? null),
  };
}

function toCodeActionSafe(f: Finding, d: Diagnostic, textOf: (u: string) => string | undefined): CodeAction[] {
  const action = toCodeAction(f, d, textOf);
  return action ? [action] : [];
}
