import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogue, type Finding } from '../../core/analysis';
import type { Positions } from '../../core/workspace/positions';
import { version } from '../../../../package.json';

/** `check --format sarif`: SARIF 2.1.0 (OASIS, sarif-2.1/schema/sarif-schema-2.1.0.json), the format
 *  GitHub code scanning uploads. One run; a rule per code that has results; 1-based lines and
 *  columns (§3.30.5: `startColumn` counts UTF-16 code units when `columnKind` says so). */
const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A file name as a SARIF artifact URI: relative names stay relative to the checked-out root
 *  (`%SRCROOT%`), absolute ones become file: URIs; characters a URI cannot hold are escaped. */
function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function checkSarif(findings: Finding[], pos: Positions): Record<string, unknown> {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const types = new Map(catalogue.map((m) => [m.code, m]));
  const rules = codes.map((code) => {
    const t = types.get(code);
    return {
      id: code,
      ...(t ? { name: t.name, shortDescription: { text: t.description }, helpUri: t.docsUrl, defaultConfiguration: { level: LEVEL[t.severity] } } : {}),
    };
  });
  const results = findings.map((f) => {
    const idx = pos.index(f.file);
    const start = idx?.positionAt(f.span.start) ?? { line: 0, character: 0 };
    const end = idx?.positionAt(f.span.end) ?? start;
    return {
      ruleId: f.code,
      ruleIndex: codes.indexOf(f.code),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: artifactUri(f.file),
          region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
        },
        ...(f.resource.kind ? { logicalLocations: [{ name: f.resource.name, fullyQualifiedName: `${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`, kind: 'resource' }] } : {}),
      }],
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'istio-lens', version, informationUri: 'https://github.com/istio-lens/istio-lens', rules } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}
