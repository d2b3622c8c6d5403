import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFile } from '../core/yaml/parse';

/** The language server: for now it publishes YAML syntax problems of open documents. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
  serverInfo: { name: 'istio-lens', version: '0.1.0' },
}));

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

documents.onDidChangeContent(({ document }) => {
  try {
    const file = parseFile(document.uri, document.getText());
    const diagnostics: Diagnostic[] = file.problems.map((p) => ({
      range: { start: document.positionAt(p.span.start), end: document.positionAt(p.span.end) },
      severity: SEVERITY[p.severity],
      code: p.code,
      source: 'istio-lens',
      message: p.message,
    }));
    void connection.sendDiagnostics({ uri: document.uri, diagnostics });
  } catch (e) {
    connection.console.error(`istio-lens: ${(e as Error).stack ?? e}`);
  }
});

documents.listen(connection);
connection.listen();
